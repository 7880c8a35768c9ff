// Ctrl-C on the real command: a fleet whose hosts hang in the SSH handshake ends at once with exit 130 and a
// report saying which hosts were cut short and which never started.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { PACKAGE_ROOT } from '../config/defaults.ts';
import type { FleetRecord } from '../report/fleet-record.ts';

const BIN = join(PACKAGE_ROOT, 'support', 'cli', 'bin.mjs');
/** Far beyond the test: only Ctrl-C can end these connection attempts in time. */
const CONNECT_TIMEOUT_MS = 60_000;
const END_WITHIN_MS = 8_000;

void test('Ctrl-C during a fleet run: exit 130 at once, the running hosts interrupted, the others not started', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wla-interrupt-'));
  const sockets = new Set<Socket>();
  const silent = createServer((socket) => void sockets.add(socket));
  try {
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const keygen = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'id')]);
    assert.equal(keygen.status, 0, String(keygen.stderr));
    const ssh = {
      port,
      user: 'root',
      keyFile: 'id',
      knownHostsFile: 'known_hosts',
      connectTimeoutMs: CONNECT_TIMEOUT_MS,
    };
    const hosts = ['hang-1', 'hang-2', 'hang-3'].map((name) => ({ name, host: '127.0.0.1', ssh }));
    writeFileSync(join(dir, 'fleet.yml'), stringify({ version: 1, hosts }));
    const args = [
      BIN,
      '--inventory',
      join(dir, 'fleet.yml'),
      '--hosts-parallel',
      '2',
      '--report-dir',
      join(dir, 'r'),
    ];
    const child = spawn(process.execPath, args, {
      cwd: dir,
      env: { PATH: process.env['PATH'] ?? '', HOME: dir },
    });
    let stderr = '';
    const twoStarted = new Promise<void>((resolve) =>
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if ((stderr.match(/: started \(/g) ?? []).length >= 2) resolve();
      }),
    );
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await twoStarted;
    const interruptedAt = Date.now();
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), END_WITHIN_MS);
    const code = await exited;
    clearTimeout(timer);
    assert.equal(code, 130, stderr);
    assert.ok(Date.now() - interruptedAt < END_WITHIN_MS, 'Ctrl-C did not end the run at once');
    assert.match(stderr, /interrupted: no more hosts start; the running ones are cut short/);
    const record = JSON.parse(readFileSync(join(dir, 'r', 'fleet.json'), 'utf8')) as FleetRecord;
    assert.deepEqual(
      record.hosts.map((host) => [host.name, host.outcome, host.reason]),
      [
        ['hang-1', 'interrupted', 'interrupted while running'],
        ['hang-2', 'interrupted', 'interrupted while running'],
        ['hang-3', 'interrupted', 'not started: the run was interrupted'],
      ],
    );
    assert.match(readFileSync(join(dir, 'r', 'junit.xml'), 'utf8'), /<testsuite [^>]*name="hang-3"/);
  } finally {
    for (const socket of sockets) socket.destroy();
    silent.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
