// The build lock serialises builders, times out naming the holder, and takes over a dead holder's lock.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { withLockFile } from './build-lock.ts';

const lockPath = () => join(mkdtempSync(join(tmpdir(), 'lab-lock-')), 'build.lock');

void test('the second holder runs only after the first released the lock', async () => {
  const path = lockPath();
  const order: string[] = [];
  let release!: () => void;
  const first = withLockFile(path, 5_000, 'x', async () => {
    order.push('first in');
    await new Promise<void>((resolve) => (release = resolve));
    order.push('first out');
  });
  const second = withLockFile(path, 5_000, 'x', async () => void order.push('second'));
  setTimeout(() => release(), 50);
  await Promise.all([first, second]);
  assert.deepEqual(order, ['first in', 'first out', 'second']);
  assert.equal(existsSync(path), false);
});

void test('a lock held by a live process times out naming it', async () => {
  const path = lockPath();
  writeFileSync(path, String(process.pid));
  await assert.rejects(
    withLockFile(path, 100, 'another process building img', async () => 1),
    {
      code: 'TIMED_OUT',
      message: `waited 100 ms for another process building img: ${path} is held by pid ${process.pid}`,
    },
  );
});

void test("a dead process's lock is taken over", async () => {
  const path = lockPath();
  writeFileSync(path, '2147483646');
  assert.equal(await withLockFile(path, 2_000, 'x', async () => 'ran'), 'ran');
});
