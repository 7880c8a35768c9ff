// One contract, both transports (ssh2 and the system ssh), against a real throwaway OpenSSH sshd.
import { after, before, suite, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { SshConfig, TransportKind } from '../config/types.ts';
import { openRemoteHost } from './connect.ts';
import { KnownHosts, fingerprintSha256 } from './known-hosts.ts';
import type { RemoteHost } from './transport.ts';
import { testSshConfig } from './testing/config.ts';
import { newKeyPair } from './testing/keys.ts';
import { startRealSshd } from './testing/real-sshd.ts';
import type { RealSshd } from './testing/real-sshd.ts';

let sshd: RealSshd;
let hostBlob: Buffer;

before(async () => {
  sshd = await startRealSshd();
  hostBlob = Buffer.from(sshd.hostPublicKey.split(' ')[1] ?? '', 'base64');
});

after(async () => {
  await sshd.stop();
});

for (const transport of ['ssh2', 'openssh'] as TransportKind[]) {
  void suite(`${transport} transport on a real sshd`, () => {
    let fileCount = 0;
    const knownHosts = (content: string): string =>
      sshd.dir.file(`kh_${transport}_${(fileCount += 1)}`, content);
    const config = (overrides: Partial<SshConfig> = {}): SshConfig =>
      testSshConfig({
        port: sshd.port,
        transport,
        keyFile: sshd.clientKeyFile,
        knownHostsFile: knownHosts(`[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}\n`),
        ...overrides,
      });
    const withHost = async (cfg: SshConfig, run: (host: RemoteHost) => Promise<void>): Promise<void> => {
      const host = await openRemoteHost('127.0.0.1', cfg, {});
      try {
        await run(host);
      } finally {
        await host.close();
      }
    };

    void test('runs argv and reports stdout, stderr, exit status and stdin', async () => {
      await withHost(config(), async (host) => {
        assert.deepEqual(await host.exec(['sh', '-c', 'echo out; echo err >&2; exit 3']), {
          stdout: 'out\n',
          stderr: 'err\n',
          code: 3,
        });
        const hostile = ['$(touch /tmp/wla-pwned)', '`id`', "it's", 'a;b|c&&d', '', '-n', 'ünï\ncode', '*'];
        const echoed = await host.exec(['printf', '%s\\0', ...hostile]);
        assert.deepEqual(echoed.stdout.split('\0').slice(0, -1), hostile);
        assert.equal((await host.exec(['cat'], { stdin: 'fed\n' })).stdout, 'fed\n');
        assert.ok(host.stats.channels >= 3);
      });
    });

    void test('runs 12 commands at once below MaxSessions', async () => {
      await withHost(config(), async (host) => {
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, i) => host.exec(['echo', String(i)])),
        );
        assert.deepEqual(
          results.map((r) => r.stdout),
          Array.from({ length: 12 }, (_, i) => `${i}\n`),
        );
      });
    });

    void test('kills a command that outlives its timeout', async () => {
      await withHost(config(), async (host) => {
        await assert.rejects(host.exec(['sleep', '5'], { timeoutMs: 500 }), {
          name: 'TimedOut',
          message: `command sleep on root@127.0.0.1:${sshd.port} did not finish within 500 ms (killed)`,
        });
      });
    });

    void test('refuses an unknown host key and says how to accept it', async () => {
      const file = knownHosts('');
      await assert.rejects(
        openRemoteHost('127.0.0.1', config({ knownHostsFile: file }), {}),
        (err: Error) => {
          assert.equal(err.name, 'HostKeyRejected');
          assert.match(err.message, new RegExp(`^host key of 127\\.0\\.0\\.1:${sshd.port} is unknown`));
          assert.ok(
            err.message.includes(`(ssh-ed25519 ${fingerprintSha256(hostBlob)}, not in ${file})`),
            err.message,
          );
          assert.ok(
            err.message.endsWith(
              `--accept-new-host-key or run: ssh-keyscan -p ${sshd.port} 127.0.0.1 >> ${file}`,
            ),
          );
          return true;
        },
      );
      assert.equal(readFileSync(file, 'utf8'), '');
    });

    void test('accept-new records the key, which then matches', async () => {
      const file = knownHosts('');
      await withHost(config({ knownHostsFile: file, acceptNewHostKey: true }), async (host) => {
        assert.equal((await host.exec(['true'])).code, 0);
      });
      const recorded = KnownHosts.parse(readFileSync(file, 'utf8'));
      assert.equal(recorded.verify('127.0.0.1', sshd.port, 'ssh-ed25519', hostBlob).status, 'match');
    });

    void test('refuses a changed host key even with accept-new, naming both fingerprints', async () => {
      const other = newKeyPair().public;
      const file = knownHosts(`[127.0.0.1]:${sshd.port} ${other}\n`);
      const cfg = config({ knownHostsFile: file, acceptNewHostKey: true });
      await assert.rejects(openRemoteHost('127.0.0.1', cfg, {}), (err: Error) => {
        assert.equal(err.name, 'HostKeyRejected');
        assert.match(
          err.message,
          new RegExp(`^REMOTE HOST IDENTIFICATION HAS CHANGED for 127\\.0\\.0\\.1:${sshd.port}: `),
        );
        const expected = fingerprintSha256(Buffer.from(other.split(' ')[1] ?? '', 'base64'));
        assert.ok(err.message.includes(`expects ssh-ed25519 ${expected}`), err.message);
        assert.ok(
          err.message.includes(`the host offers ssh-ed25519 ${fingerprintSha256(hostBlob)}`),
          err.message,
        );
        return true;
      });
      assert.equal(readFileSync(file, 'utf8'), `[127.0.0.1]:${sshd.port} ${other}\n`);
    });

    void test('reports a refused key as AuthFailed naming user@host and the key file', async () => {
      const stranger = sshd.dir.file(`stranger_${transport}`, newKeyPair().private);
      await assert.rejects(openRemoteHost('127.0.0.1', config({ keyFile: stranger }), {}), (err: Error) => {
        assert.equal(err.name, 'AuthFailed');
        const prefix = `authentication as root@127.0.0.1:${sshd.port} failed with key ${stranger}: the host accepted none of them (`;
        assert.ok(err.message.startsWith(prefix), err.message);
        return true;
      });
    });

    void test('reaches the host through a jump host (here the same sshd)', async () => {
      await withHost(config({ jumpHost: `root@127.0.0.1:${sshd.port}` }), async (host) => {
        assert.equal((await host.exec(['echo', 'jumped'])).stdout, 'jumped\n');
      });
    });

    void test('forwards a TCP stream to a port as seen from the host', async () => {
      const echo = createServer((socket) => socket.pipe(socket));
      await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
      try {
        await withHost(config(), async (host) => {
          const stream = await host.forwardOut('127.0.0.1', (echo.address() as AddressInfo).port);
          stream.end('ping');
          const chunks: Buffer[] = [];
          for await (const chunk of stream) chunks.push(chunk as Buffer);
          assert.equal(Buffer.concat(chunks).toString(), 'ping');
        });
      } finally {
        echo.close();
      }
    });
  });
}

void test('the real sshd refuses channels above MaxSessions 10 on one connection (why the pool exists)', async () => {
  const knownHostsFile = sshd.dir.file('kh_maxsessions', `[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}\n`);
  const cfg = testSshConfig({
    port: sshd.port,
    keyFile: sshd.clientKeyFile,
    knownHostsFile,
    maxChannels: 14,
  });
  const host = await openRemoteHost('127.0.0.1', cfg, {}, { channelOpenRetries: 0 });
  try {
    const results = await Promise.allSettled(Array.from({ length: 14 }, () => host.exec(['sleep', '1'])));
    const reasons = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
    assert.ok(reasons.length >= 4, `expected at least 4 refusals, got ${reasons.length}`);
    assert.match(reasons[0] ?? '', /refused a channel for sleep: \(SSH\) Channel open failure: open failed/);
  } finally {
    await host.close();
  }
});
