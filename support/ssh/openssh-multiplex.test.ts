// The openssh transport shares one master connection: N commands and forwards make 1 TCP connection to sshd.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startDelayProxy } from '../proofs/bench/delay-proxy.ts';
import type { DelayProxy } from '../proofs/bench/delay-proxy.ts';
import { OpensshRemoteHost } from './openssh-transport.ts';
import { testSshConfig } from './testing/config.ts';
import { startRealSshd } from './testing/real-sshd.ts';
import type { RealSshd } from './testing/real-sshd.ts';

const TIMEOUT = { timeout: 60_000 };
let sshd: RealSshd;
/** Counts the TCP connections made to sshd (no delay added). */
let counter: DelayProxy;

const ownTmp = mkdtempSync(join(tmpdir(), 'wla-mux-test-'));

before(async () => {
  // A temporary directory of its own, so that another process's socket directories are not counted as ours.
  process.env.TMPDIR = ownTmp;
  sshd = await startRealSshd();
  counter = await startDelayProxy({ targetHost: '127.0.0.1', targetPort: sshd.port, rttMs: 0 });
});

after(async () => {
  await counter.close();
  await sshd.stop();
  rmSync(ownTmp, { recursive: true, force: true });
});

function host(multiplex: boolean): OpensshRemoteHost {
  const config = testSshConfig({
    port: counter.port,
    transport: 'openssh',
    keyFile: sshd.clientKeyFile,
    knownHostsFile: sshd.dir.file(
      `kh_${counter.port}`,
      `[127.0.0.1]:${counter.port} ${sshd.hostPublicKey}\n`,
    ),
  });
  return new OpensshRemoteHost('127.0.0.1', config, {}, { opensshMultiplex: multiplex });
}

/** The private socket directories the transport made under the OS temp dir. */
const controlDirs = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('wla-ssh-')));

async function until(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} not true after 5000 ms`);
    await sleep(20);
  }
}

/** 12 commands at once, then a forward to sshd's own port (reads its banner). */
async function work(remote: OpensshRemoteHost): Promise<void> {
  const outputs = await Promise.all(
    Array.from({ length: 12 }, (_, i) => remote.exec(['echo', String(i)]).then((r) => r.stdout)),
  );
  assert.deepEqual(
    outputs,
    Array.from({ length: 12 }, (_, i) => `${i}\n`),
  );
  const stream = await remote.forwardOut('127.0.0.1', sshd.port);
  const banner = await new Promise<string>((resolve, reject) => {
    stream.once('data', (chunk: Buffer) => resolve(chunk.toString()));
    stream.once('error', reject);
  });
  stream.destroy();
  assert.match(banner, /^SSH-2\.0-/);
}

void test('commands and forwards share one connection, closed with the run', TIMEOUT, async () => {
  const dirsBefore = controlDirs();
  const before = counter.accepted;
  const remote = await host(true).open();
  await work(remote);
  assert.equal(counter.accepted - before, 1, 'TCP connections to sshd');
  assert.equal(remote.stats.connections, 1, 'the transport itself opened one connection');
  assert.equal(remote.stats.channels, 13);
  const made = [...controlDirs()].filter((name) => !dirsBefore.has(name));
  assert.equal(made.length, 1, 'one private socket directory');
  await remote.close();
  await until('the master connection closed', () => counter.open === 0);
  assert.equal(existsSync(`${tmpdir()}/${made[0]}`), false, 'the socket directory is removed');
});

void test('without multiplexing each command connects anew', TIMEOUT, async () => {
  const before = counter.accepted;
  const remote = await host(false).open();
  await work(remote);
  await remote.close();
  assert.equal(counter.accepted - before, 14, 'TCP connections to sshd');
  assert.equal(remote.stats.connections, 14);
});
