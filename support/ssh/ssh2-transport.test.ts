// The ssh2 transport against an in-process ssh2 server: host keys, auth, pool, timeouts, drops, sudo, tunnels.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo, Server as NetServer } from 'node:net';
import type { SshConfig } from '../config/types.ts';
import { openRemoteHost } from './connect.ts';
import { fingerprintSha256 } from './known-hosts.ts';
import { Ssh2RemoteHost } from './ssh2-transport.ts';
import type { RemoteHost } from './transport.ts';
import { testSshConfig } from './testing/config.ts';
import { FakeSshServer } from './testing/fake-ssh-server.ts';
import type { FakeServerOptions } from './testing/fake-ssh-server.ts';
import { TempDir, knownHostsLine, newKeyPair, publicBlob } from './testing/keys.ts';

const dir = new TempDir();
const hostKey = newKeyPair();
const otherHostKey = newKeyPair();
const clientKey = newKeyPair();
const keyFile = dir.file('id_ed25519', clientKey.private);
const servers: FakeSshServer[] = [];
let server: FakeSshServer;

async function startServer(options: Partial<FakeServerOptions> = {}): Promise<FakeSshServer> {
  const started = await new FakeSshServer({
    hostKey: hostKey.private,
    authorizedKey: clientKey.public,
    ...options,
  }).start();
  servers.push(started);
  return started;
}

function configFor(target: FakeSshServer, overrides: Partial<SshConfig> = {}): SshConfig {
  const knownHostsFile = dir.file(
    `known_hosts_${target.port}`,
    knownHostsLine('127.0.0.1', target.port, hostKey),
  );
  return testSshConfig({ port: target.port, keyFile, knownHostsFile, ...overrides });
}

async function withHost<T>(config: SshConfig, run: (host: RemoteHost) => Promise<T>): Promise<T> {
  const host = await openRemoteHost('127.0.0.1', config, {}, { reconnectFirstDelayMs: 50 });
  try {
    return await run(host);
  } finally {
    await host.close();
  }
}

before(async () => {
  server = await startServer();
});

after(async () => {
  for (const s of servers) await s.stop();
  dir.remove();
});

void test('a known host runs a command and reports its output, exit status and stdin', async () => {
  await withHost(configFor(server), async (host) => {
    assert.equal(host.label, `root@127.0.0.1:${server.port}`);
    assert.deepEqual(await host.exec(['sh', '-c', 'echo out; echo err >&2; exit 3']), {
      stdout: 'out\n',
      stderr: 'err\n',
      code: 3,
    });
    assert.equal((await host.exec(['cat'], { stdin: 'héllo\n' })).stdout, 'héllo\n');
    assert.equal((await host.exec(['printf', '%s', "it's $(x)"])).stdout, "it's $(x)");
    assert.equal(host.stats.connections, 1);
    assert.equal(host.stats.channels, 3);
    assert.ok(host.stats.bytesIn > 0 && host.stats.bytesOut > 0);
  });
});

void test('an unknown host key is refused with host:port, fingerprint and how to accept it', async () => {
  const knownHostsFile = dir.file('empty_known_hosts', '');
  const fp = fingerprintSha256(publicBlob(hostKey));
  await assert.rejects(openRemoteHost('127.0.0.1', configFor(server, { knownHostsFile }), {}), {
    name: 'HostKeyRejected',
    message:
      `host key of 127.0.0.1:${server.port} is unknown (ssh-ed25519 ${fp}, not in ${knownHostsFile}): ` +
      `check the fingerprint, then rerun with --accept-new-host-key or run: ` +
      `ssh-keyscan -p ${server.port} 127.0.0.1 >> ${knownHostsFile}`,
  });
  assert.equal(readFileSync(knownHostsFile, 'utf8'), '');
});

void test('accept-new records the key, then the host matches without it', async () => {
  const knownHostsFile = dir.file('accept_known_hosts', '');
  await withHost(configFor(server, { knownHostsFile, acceptNewHostKey: true }), async (host) => {
    assert.equal((await host.exec(['true'])).code, 0);
  });
  assert.equal(readFileSync(knownHostsFile, 'utf8'), knownHostsLine('127.0.0.1', server.port, hostKey));
  await withHost(configFor(server, { knownHostsFile }), async (host) => {
    assert.equal((await host.exec(['true'])).code, 0);
  });
});

void test('a changed host key is refused even with accept-new, naming both fingerprints', async () => {
  const recorded = knownHostsLine('127.0.0.1', server.port, otherHostKey);
  const knownHostsFile = dir.file('changed_known_hosts', recorded);
  await assert.rejects(
    openRemoteHost('127.0.0.1', configFor(server, { knownHostsFile, acceptNewHostKey: true }), {}),
    (err: Error) => {
      assert.equal(err.name, 'HostKeyRejected');
      assert.match(err.message, /^REMOTE HOST IDENTIFICATION HAS CHANGED for 127\.0\.0\.1:\d+: /);
      assert.ok(err.message.includes(`expects ssh-ed25519 ${fingerprintSha256(publicBlob(otherHostKey))}`));
      assert.ok(
        err.message.includes(`the host offers ssh-ed25519 ${fingerprintSha256(publicBlob(hostKey))}`),
      );
      return true;
    },
  );
  assert.equal(readFileSync(knownHostsFile, 'utf8'), recorded);
});

void test('a hashed known_hosts entry matches', async () => {
  const salt = randomBytes(20);
  const hash = createHmac('sha1', salt).update(`[127.0.0.1]:${server.port}`).digest();
  const line = `|1|${salt.toString('base64')}|${hash.toString('base64')} ${hostKey.public}\n`;
  const knownHostsFile = dir.file('hashed_known_hosts', line);
  await withHost(configFor(server, { knownHostsFile }), async (host) => {
    assert.equal((await host.exec(['true'])).code, 0);
  });
});

void test('a key the host does not accept fails as AuthFailed naming user@host and the key file', async () => {
  const strangerFile = dir.file('id_stranger', newKeyPair().private);
  await assert.rejects(openRemoteHost('127.0.0.1', configFor(server, { keyFile: strangerFile }), {}), {
    name: 'AuthFailed',
    message:
      `authentication as root@127.0.0.1:${server.port} failed with key ${strangerFile}: ` +
      'the host accepted none of them (All configured authentication methods failed)',
  });
});

void test('an encrypted key with a wrong or missing passphrase fails without showing the passphrase', async () => {
  const encrypted = newKeyPair('right horse battery');
  const encryptedFile = dir.file('id_encrypted', encrypted.private);
  const config = configFor(server, { keyFile: encryptedFile, passphraseEnv: 'WLA_SSH_PASSPHRASE' });
  await assert.rejects(openRemoteHost('127.0.0.1', config, { passphrase: 'wrong staple' }), (err: Error) => {
    assert.equal(err.name, 'AuthFailed');
    assert.equal(err.message, `cannot decrypt key ${encryptedFile}: wrong passphrase`);
    assert.ok(!JSON.stringify(err, Object.getOwnPropertyNames(err)).includes('wrong staple'));
    return true;
  });
  await assert.rejects(openRemoteHost('127.0.0.1', config, {}), {
    name: 'AuthFailed',
    message: `cannot decrypt key ${encryptedFile}: it is encrypted and no passphrase was given (set WLA_SSH_PASSPHRASE)`,
  });
});

void test('an encrypted key with the right passphrase authenticates', async () => {
  const encrypted = newKeyPair('right horse battery');
  const target = await startServer({ authorizedKey: encrypted.public });
  const config = configFor(target, { keyFile: dir.file('id_encrypted_ok', encrypted.private) });
  const host = await openRemoteHost('127.0.0.1', config, { passphrase: 'right horse battery' });
  assert.equal((await host.exec(['true'])).code, 0);
  await host.close();
});

void test('with no key file the SSH agent authenticates', async () => {
  const socket = `${dir.path}/agent.sock`;
  const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  const saved = process.env['SSH_AUTH_SOCK'];
  try {
    await waitFor(() => existsSync(socket), 5000, `ssh-agent socket ${socket}`);
    const added = spawnSync('ssh-add', [keyFile], {
      env: { ...process.env, SSH_AUTH_SOCK: socket },
      timeout: 5000,
    });
    assert.equal(added.status, 0, `ssh-add failed: ${String(added.stderr)}`);
    process.env['SSH_AUTH_SOCK'] = socket;
    const config = configFor(server, { useAgent: true });
    delete config.keyFile;
    await withHost(config, async (host) => {
      assert.equal(await host.exec(['echo', 'agent']).then((r) => r.stdout), 'agent\n');
    });
    delete process.env['SSH_AUTH_SOCK'];
    await assert.rejects(openRemoteHost('127.0.0.1', config, {}), {
      name: 'ConfigError',
      message:
        'no key file is configured and SSH_AUTH_SOCK is not set: give a key file or start an SSH agent',
    });
  } finally {
    if (saved === undefined) delete process.env['SSH_AUTH_SOCK'];
    else process.env['SSH_AUTH_SOCK'] = saved;
    agent.kill('SIGTERM');
  }
});

void test('200 concurrent commands share one connection without exceeding MaxSessions', async () => {
  // Answered in-process after 20 ms, so that commands overlap without 200 shells loading the machine.
  const onExec: FakeServerOptions['onExec'] = (command, stream) => {
    setTimeout(() => {
      stream.write(`${command.slice('echo '.length)}\n`);
      stream.exit(0);
      stream.end();
    }, 20);
    return true;
  };
  const target = await startServer({ maxSessions: 10, onExec });
  const host = new Ssh2RemoteHost('127.0.0.1', configFor(target, { maxChannels: 8 }), {});
  await host.open();
  try {
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => host.exec(['echo', String(i)])));
    assert.deepEqual(
      results.map((r) => r.stdout),
      Array.from({ length: 200 }, (_, i) => `${i}\n`),
    );
    assert.equal(target.sessionsRefused, 0);
    assert.equal(host.pool.peak, 8);
    assert.equal(host.stats.connections, 1);
    assert.equal(host.stats.channels, 200);
  } finally {
    await host.close();
  }
});

void test('without the pool limit the same server refuses channels (the limit is what prevents it)', async () => {
  const target = await startServer({ maxSessions: 10 });
  const host = await openRemoteHost(
    '127.0.0.1',
    configFor(target, { maxChannels: 30 }),
    {},
    { channelOpenRetries: 0 },
  );
  try {
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => host.exec(['sleep', '0.2'])));
    const refused = results.filter((r) => r.status === 'rejected');
    assert.ok(refused.length >= 20, `expected at least 20 refusals, got ${refused.length}`);
    assert.match(
      String((refused[0] as PromiseRejectedResult).reason),
      /refused a channel for sleep: \(SSH\) Channel open failure/,
    );
  } finally {
    await host.close();
  }
});

void test('a channel refused for a moment (sessions still closing) is retried', async () => {
  const target = await startServer({ maxSessions: 1 });
  await withHost(configFor(target, { maxChannels: 2 }), async (host) => {
    const results = await Promise.all([host.exec(['sleep', '0.1']), host.exec(['sleep', '0.1'])]);
    assert.deepEqual(
      results.map((r) => r.code),
      [0, 0],
    );
    assert.ok(target.sessionsRefused >= 1, 'the server refused at least once');
  });
});

void test('a command that outlives its timeout is killed and rejected with TimedOut; the slot is freed', async () => {
  await withHost(configFor(server, { maxChannels: 1 }), async (host) => {
    const started = Date.now();
    await assert.rejects(host.exec(['sleep', '5'], { timeoutMs: 300 }), {
      name: 'TimedOut',
      message: `command sleep on root@127.0.0.1:${server.port} did not finish within 300 ms (killed)`,
    });
    assert.ok(Date.now() - started < 3000, 'killed well before the 5 s sleep ends');
    assert.equal((await host.exec(['echo', 'next'])).stdout, 'next\n');
  });
});

void test('a command writing more than the output limit is stopped', async () => {
  const host = await openRemoteHost('127.0.0.1', configFor(server), {}, { maxOutputBytes: 1000 });
  try {
    await assert.rejects(host.exec(['yes']), {
      name: 'RemoteCommandFailed',
      message: `command yes on root@127.0.0.1:${server.port} wrote more than 1000 bytes: stopped`,
    });
    assert.equal((await host.exec(['head', '-c', '1000', '/dev/zero'])).stdout.length, 1000);
  } finally {
    await host.close();
  }
});

void test('a connection dropped mid-command rejects it at once with HostUnreachable', async () => {
  const target = await startServer({ onExec: (command) => command === 'hang' });
  await withHost(configFor(target, { commandTimeoutMs: 10_000 }), async (host) => {
    const started = Date.now();
    const running = host.exec(['hang']);
    setTimeout(() => target.dropClients(), 200);
    await assert.rejects(running, {
      name: 'HostUnreachable',
      message: `connection to root@127.0.0.1:${target.port} lost while running hang`,
    });
    assert.ok(Date.now() - started < 4000, 'no hang until the command timeout');
  });
});

void test('after a drop (a reboot) the next command reconnects', async () => {
  const target = await startServer();
  await withHost(configFor(target), async (host) => {
    assert.equal((await host.exec(['echo', 'before'])).stdout, 'before\n');
    const port = target.port;
    await target.stop();
    setTimeout(() => void target.start(port), 500);
    assert.equal((await host.exec(['echo', 'after'])).stdout, 'after\n');
    assert.equal(host.stats.connections, 2);
  });
});

void test('a host that stays down fails the next command after the bounded reconnect window', async () => {
  const target = await startServer();
  const host = await openRemoteHost(
    '127.0.0.1',
    configFor(target),
    {},
    { reconnectWindowMs: 600, reconnectFirstDelayMs: 100 },
  );
  await target.stop();
  await assert.rejects(host.exec(['true']), (err: Error) => {
    assert.equal(err.name, 'HostUnreachable');
    assert.match(
      err.message,
      new RegExp(
        `^could not reconnect to root@127\\.0\\.0\\.1:${target.port} within 600 ms after the connection was lost ` +
          `\\(\\d attempts\\); last: cannot reach root@127\\.0\\.0\\.1:${target.port}: connection to 127\\.0\\.0\\.1:${target.port} refused \\(ECONNREFUSED\\)$`,
      ),
    );
    return true;
  });
  const started = Date.now();
  await assert.rejects(host.exec(['true']), { name: 'HostUnreachable', message: /^could not reconnect/ });
  assert.ok(Date.now() - started < 500, 'later commands fail at once instead of waiting another window');
  await host.close();
});

void test('sudo wanting a password is reported as SudoRefused; commands go through sudo -n --', async () => {
  const target = await startServer({
    onExec: (command, stream) => {
      stream.stderr.write('sudo: a password is required\n');
      stream.exit(1);
      stream.end();
      return command.startsWith('sudo ');
    },
  });
  await withHost(configFor(target, { user: 'wazo', sudo: true }), async (host) => {
    await assert.rejects(host.exec(['id', '-u']), {
      name: 'SudoRefused',
      message: 'sudo on 127.0.0.1 wants a password for wazo: allow NOPASSWD for it or connect as root',
    });
  });
  assert.deepEqual(target.commands, ['sudo -n -- id -u']);
});

void test('forwardOut opens a TCP stream to a port as seen from the host', async () => {
  const echo = await listenEcho();
  try {
    await withHost(configFor(server), async (host) => {
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

void test('forwardOut to a closed port rejects with what the host said', async () => {
  const closedPort = await freePort();
  await withHost(configFor(server), async (host) => {
    await assert.rejects(host.forwardOut('127.0.0.1', closedPort), {
      name: 'RemoteCommandFailed',
      message: `root@127.0.0.1:${server.port} could not open a TCP connection to 127.0.0.1:${closedPort}: (SSH) Channel open failure (connect failed)`,
    });
  });
});

void test('a jump host carries the connection to the target', async () => {
  const target = await startServer();
  const jump = await startServer();
  const knownHostsFile = dir.file(
    'jump_known_hosts',
    knownHostsLine('127.0.0.1', target.port, hostKey) + knownHostsLine('127.0.0.1', jump.port, hostKey),
  );
  const config = configFor(target, { knownHostsFile, jumpHost: `root@127.0.0.1:${jump.port}` });
  await withHost(config, async (host) => {
    assert.equal((await host.exec(['echo', 'via jump'])).stdout, 'via jump\n');
  });
  assert.equal(jump.commands.length, 0);
  assert.deepEqual(target.commands, ["echo 'via jump'"]);
});

void test('unreachable targets name host:port and the cause', async () => {
  const port = await freePort();
  await assert.rejects(openRemoteHost('127.0.0.1', testSshConfig({ port, keyFile }), {}), {
    name: 'HostUnreachable',
    message: `cannot reach root@127.0.0.1:${port}: connection to 127.0.0.1:${port} refused (ECONNREFUSED)`,
  });
  await assert.rejects(openRemoteHost('nonexistent.invalid', testSshConfig({ keyFile }), {}), {
    name: 'HostUnreachable',
    message: 'cannot reach root@nonexistent.invalid:22: DNS lookup of nonexistent.invalid failed (ENOTFOUND)',
  });
});

void test('a server that never speaks SSH times out the handshake', async () => {
  const silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const port = (silent.address() as AddressInfo).port;
  try {
    await assert.rejects(
      openRemoteHost('127.0.0.1', testSshConfig({ port, keyFile, connectTimeoutMs: 300 }), {}),
      {
        name: 'HostUnreachable',
        message: `cannot reach root@127.0.0.1:${port}: SSH handshake with 127.0.0.1:${port} did not complete within 300 ms`,
      },
    );
  } finally {
    silent.close();
  }
});

async function waitFor(ready: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`${what} not ready after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function listenEcho(): Promise<NetServer> {
  const echo = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  return echo;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
