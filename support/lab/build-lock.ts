// A lock file so that two processes starting labs at once build the same image only once.
import { openSync, closeSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { TimedOut } from '../errors.ts';

export async function withLockFile<T>(
  path: string,
  timeoutMs: number,
  what: string,
  work: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  while (!tryLock(path)) {
    if (performance.now() - started >= timeoutMs) {
      throw new TimedOut(
        `waited ${timeoutMs} ms for ${what}: ${path} is held by pid ${holder(path) ?? 'unknown'}`,
      );
    }
    await sleep(500);
  }
  try {
    return await work();
  } finally {
    rmSync(path, { force: true });
  }
}

function tryLock(path: string): boolean {
  try {
    const fd = openSync(path, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const pid = holder(path);
  if (pid !== undefined && !alive(pid)) rmSync(path, { force: true });
  return false;
}

function holder(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
