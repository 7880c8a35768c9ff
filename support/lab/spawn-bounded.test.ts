// The tooling's child processes: output and exit code kept, a deadline that kills and quotes the last output.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TimedOut } from '../errors.ts';
import { spawnBounded } from './spawn-bounded.ts';

void test('a process that ends gives its code and both outputs, a failing one too', async () => {
  const run = await spawnBounded('sh', ['-c', 'echo out; echo err >&2; exit 3'], {
    what: 'sh',
    timeoutMs: 10_000,
  });
  assert.deepEqual([run.code, run.stdout, run.stderr], [3, 'out\n', 'err\n']);
});

void test('a process past its deadline is killed and the error quotes its last lines', async () => {
  const started = Date.now();
  await assert.rejects(
    spawnBounded('sh', ['-c', 'for i in 1 2 3; do echo line $i; done; sleep 30'], {
      what: 'the slow one',
      timeoutMs: 300,
      tailLines: 2,
    }),
    (error: unknown) =>
      error instanceof TimedOut &&
      error.message === 'the slow one did not end within 300 ms; its last output:\nline 2\nline 3',
  );
  assert.ok(Date.now() - started < 5_000, 'the kill did not end it');
});

void test('a command that cannot start is named', async () => {
  await assert.rejects(
    spawnBounded('/nonexistent/tool', [], { what: 'the tool', timeoutMs: 1_000 }),
    /^Error: the tool: \/nonexistent\/tool could not run \(spawn \/nonexistent\/tool ENOENT\)$/,
  );
});
