// The pool client's own bounds: an exchange or a close that undici never settles still ends.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pool } from 'undici';
import { closeWithin, withinDeadline } from './pool-client.ts';

const never = <T>() => new Promise<T>(() => undefined);

void test('an exchange that never settles ends as a TimeoutError after the deadline', async () => {
  const started = Date.now();
  await assert.rejects(withinDeadline(never<string>(), 50), {
    name: 'TimeoutError',
    message: 'no answer within 50ms',
  });
  assert.ok(Date.now() - started >= 45);
  assert.equal(await withinDeadline(Promise.resolve('answer'), 50), 'answer');
});

void test('a close that never settles is followed by destroy, and both are bounded', async () => {
  const calls: string[] = [];
  const stuck = {
    close: () => (calls.push('close'), never<void>()),
    destroy: () => (calls.push('destroy'), never<void>()),
  } as unknown as Pool;
  await closeWithin(stuck, 30);
  assert.deepEqual(calls, ['close', 'destroy']);
  const clean = { close: () => (calls.push('close ok'), Promise.resolve()) } as unknown as Pool;
  await closeWithin(clean, 30);
  assert.deepEqual(calls, ['close', 'destroy', 'close ok']);
});
