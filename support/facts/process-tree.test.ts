// processFamily: a main PID and its descendants, never its parent, its siblings or a cycle.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePs } from './parsers/ps.ts';

import { processFamily } from './process-tree.ts';

const PS = [
  '  700     1   110   110   60 wazo-calld /usr/bin/python3 /usr/bin/wazo-calld',
  '  701   700   110   110   59 wazo-calld /usr/bin/python3 /usr/bin/wazo-calld (worker)',
  '  702   701   110   110   59 wazo-calld /bin/sh -c helper',
  '  800     1   111   111   60 wazo-auth /usr/bin/python3 /usr/bin/wazo-auth',
  '  900   901     0     0    1 root loop-a',
  '  901   900     0     0    1 root loop-b',
].join('\n');

void test('a main PID with its children and grandchildren, and no one else', () => {
  const processes = parsePs(PS, undefined);
  assert.deepEqual([...processFamily(processes, 700)].sort(), [700, 701, 702]);
  assert.deepEqual([...processFamily(processes, 800)], [800]);
  assert.deepEqual([...processFamily(processes, 701)].sort(), [701, 702]);
});

void test('no main PID, or a parent cycle, gives no family member it should not', () => {
  const processes = parsePs(PS, undefined);
  assert.deepEqual([...processFamily(processes, 0)], []);
  assert.deepEqual([...processFamily(processes, 900)].sort(), [900, 901]);
  assert.deepEqual([...processFamily(processes, 4242)], [4242]);
});
