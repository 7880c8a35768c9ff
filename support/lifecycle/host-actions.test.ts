// Reboot-and-wait and wazo-upgrade on fake hosts: reconnects until SSH answers, waits for systemd, bounded.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RemoteCommandFailed, TimedOut } from '../errors.ts';
import type { ExecResult, RemoteHost } from '../ssh/transport.ts';
import { rebootAndWait, runWazoUpgrade } from './host-actions.ts';

function fakeHost(answer: (argv: readonly string[]) => ExecResult | Error, log: string[] = []): RemoteHost {
  return {
    label: 'root@lab:22',
    stats: { connections: 1, channels: 0, bytesIn: 0, bytesOut: 0 },
    exec: async (argv) => {
      log.push(argv.join(' '));
      const out = answer(argv);
      if (out instanceof Error) throw out;
      return out;
    },
    forwardOut: () => Promise.reject(new Error('not here')),
    close: async () => {
      log.push('close');
    },
  };
}

const ok = (stdout: string): ExecResult => ({ stdout, stderr: '', code: 0 });

void test('reboot: the old connection dies, a new one is made once SSH answers and systemd settled', async () => {
  const log: string[] = [];
  const old = fakeHost(() => new Error('connection lost'), log);
  const states = ['starting', 'running'];
  const fresh = fakeHost(() => ok(`${states.shift() ?? 'running'}\n`), log);
  let attempts = 0;
  const connect = async () => {
    if (++attempts < 3) throw new Error('connect ECONNREFUSED');
    return fresh;
  };
  const back = await rebootAndWait(old, { connect, intervalMs: 1, timeoutMs: 5_000 });
  assert.equal(back, fresh);
  assert.equal(attempts, 3);
  assert.deepEqual(log, [
    'systemctl reboot',
    'close',
    'systemctl is-system-running',
    'systemctl is-system-running',
  ]);
});

void test('reboot: a host that never comes back times out saying what it saw last', async () => {
  const old = fakeHost(() => ok(''));
  const connect = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:22'));
  await assert.rejects(rebootAndWait(old, { connect, intervalMs: 5, timeoutMs: 30 }), (error: unknown) => {
    assert.ok(error instanceof TimedOut);
    assert.match(
      error.message,
      /^expected root@lab:22 to accept SSH again after systemctl reboot within 30 ms; waited \d+ ms, last seen: connect ECONNREFUSED 127\.0\.0\.1:22$/,
    );
    return true;
  });
});

void test('wazo-upgrade: its exit status and output tail are returned; a missing command is not a finding', async () => {
  const host = fakeHost(() => ({ stdout: 'Stopping Wazo\nWazo fully booted\n', stderr: '', code: 0 }));
  assert.deepEqual(await runWazoUpgrade(host), { code: 0, tail: ['Stopping Wazo', 'Wazo fully booted'] });
  const missing = fakeHost(() => ({ stdout: '', stderr: 'sh: 1: wazo-upgrade: not found', code: 127 }));
  await assert.rejects(
    runWazoUpgrade(missing),
    new RemoteCommandFailed('wazo-upgrade is not installed on root@lab:22: sh: 1: wazo-upgrade: not found'),
  );
});
