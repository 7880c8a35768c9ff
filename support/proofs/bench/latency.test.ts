// The latency axis: known_hosts moved to the proxy's port, a config pointing at the proxies, round trips counted.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { distantLab, latencyTable, portedKnownHosts, roundTripsSpent } from './latency.ts';
import type { LatencyRow } from './latency.ts';

void test('known_hosts lines of the lab port are written for the proxy port, others dropped', () => {
  const lab =
    '[127.0.0.1]:32768 ssh-ed25519 AAAA\n[127.0.0.1]:32768 ecdsa-sha2-nistp256 BBBB\nother ssh-rsa CCCC\n';
  assert.equal(
    portedKnownHosts(lab, 32768, 40001),
    '[127.0.0.1]:40001 ssh-ed25519 AAAA\n[127.0.0.1]:40001 ecdsa-sha2-nistp256 BBBB\n',
  );
  assert.throws(() => portedKnownHosts(lab, 1, 2), {
    message: "the lab's known_hosts has no key for [127.0.0.1]:1",
  });
});

void test('round trips spent are the checking time the RTT added, in RTTs', () => {
  assert.equal(roundTripsSpent(3500, 2500, 100), 10);
  assert.throws(() => roundTripsSpent(1, 1, 0), { message: 'round trips are counted at an RTT above 0 ms' });
});

void test('the distant lab config names the proxies, its files sit beside it, and close removes them', async () => {
  const labDir = mkdtempSync(join(tmpdir(), 'wla-lab-'));
  const server = createServer((socket) => socket.end('SSH-2.0-fake\r\n'));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const labSsh = (server.address() as AddressInfo).port;
  writeFileSync(join(labDir, 'id_ed25519'), 'key', { mode: 0o600 });
  writeFileSync(join(labDir, 'ca.crt'), 'ca');
  writeFileSync(join(labDir, 'known_hosts'), `[127.0.0.1]:${labSsh} ssh-ed25519 AAAA\n`);
  const distant = await distantLab({ dir: labDir, sshPort: labSsh, httpsPort: 1 }, 0);
  try {
    const config = parse(readFileSync(distant.configFile, 'utf8')) as {
      host: string;
      ssh: { port: number; knownHostsFile: string; keyFile: string };
      https: { port: number; caFile: string };
    };
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.ssh.port, distant.ssh.port);
    assert.equal(config.https.port, distant.https.port);
    const beside = (name: string) => readFileSync(join(distant.configFile, '..', name), 'utf8');
    assert.equal(beside(config.ssh.knownHostsFile), `[127.0.0.1]:${distant.ssh.port} ssh-ed25519 AAAA\n`);
    assert.equal(beside(config.ssh.keyFile), 'key');
    assert.equal(beside(config.https.caFile), 'ca');
    const socket = createConnection(distant.ssh.port, '127.0.0.1');
    const [banner] = (await once(socket, 'data')) as [Buffer];
    assert.equal(banner.toString(), 'SSH-2.0-fake\r\n');
    socket.destroy();
  } finally {
    await distant.close();
    server.close();
    rmSync(labDir, { recursive: true, force: true });
  }
  assert.throws(() => readFileSync(distant.configFile), { code: 'ENOENT' });
});

const row = (transport: string, rttMs: number, wallMs: number, runMs: number): LatencyRow => ({
  transport,
  rttMs,
  runs: 3,
  figures: { wallMs, runMs, connections: 2, channels: 1, httpRequests: 62, bytes: 1, workers: 1 },
  tcp: { ssh: 2, https: 4 },
});

void test('the latency table counts round trips against the same transport at 0 ms', () => {
  const table = latencyTable([
    row('ssh2', 0, 4000, 2500),
    row('ssh2', 100, 5000, 3500),
    row('openssh', 100, 9000, 7000),
  ]).split('\n');
  assert.equal(table.length, 5);
  assert.equal(table[2], '| ssh2 | 0 ms | 3 | 4.00 s | 2.50 s | 1.50 s | - | - | 2 / 4 | 1 | 62 |');
  assert.equal(table[3], '| ssh2 | 100 ms | 3 | 5.00 s | 3.50 s | 1.50 s | 10.0 | 10.0 | 2 / 4 | 1 | 62 |');
  assert.equal(table[4], '| openssh | 100 ms | 3 | 9.00 s | 7.00 s | 2.00 s | - | - | 2 / 4 | 1 | 62 |');
});
