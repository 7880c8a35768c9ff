// The snapshot subcommand's own option (--out) and its refusals; the rest is the run's option parsing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../errors.ts';
import { splitOut } from './snapshot.ts';

void test('--out is taken out of the run options, in both spellings', () => {
  assert.deepEqual(splitOut(['--host', 'h', '--out', 'a.json']), { out: 'a.json', rest: ['--host', 'h'] });
  assert.deepEqual(splitOut(['--out=b.json', '--insecure']), { out: 'b.json', rest: ['--insecure'] });
});

void test('snapshot refuses a missing, empty or repeated --out', () => {
  assert.throws(
    () => splitOut(['--host', 'h']),
    new ConfigError('snapshot needs --out FILE: where to write the host state'),
  );
  assert.throws(() => splitOut(['--out']), new ConfigError('--out needs a value: FILE'));
  assert.throws(() => splitOut(['--out', '--host']), new ConfigError('--out needs a value: FILE'));
  assert.throws(() => splitOut(['--out=a', '--out=b']), new ConfigError('--out is given more than once'));
});
