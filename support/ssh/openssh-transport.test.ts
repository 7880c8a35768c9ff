// The openssh transport's own logic (retry while the host reboots, fail fast after, key checks) with a fake ssh.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { OpensshRemoteHost } from './openssh-transport.ts';
import { testSshConfig } from './testing/config.ts';
import { TempDir, newKeyPair } from './testing/keys.ts';

const dir = new TempDir();
after(() => dir.remove());

/** A stand-in for ssh that refuses the connection `refusals` times, then prints its last argument. */
function fakeSsh(name: string, refusals: number): string {
  const counter = dir.file(`${name}.count`, '0');
  return dir.file(
    name,
    [
      '#!/bin/sh',
      `n=$(cat ${counter}); echo $((n + 1)) > ${counter}`,
      `if [ "$n" -lt ${refusals} ]; then echo "ssh: connect to host h port 22: Connection refused" >&2; exit 255; fi`,
      'for last; do :; done; printf "%s" "$last"',
    ].join('\n'),
    0o755,
  );
}

const config = testSshConfig({ transport: 'openssh', keyFile: dir.file('id', newKeyPair().private) });

void test('a host refusing connections for a while (a reboot) is retried until it answers', async () => {
  const host = new OpensshRemoteHost(
    'h',
    config,
    {},
    { sshBinary: fakeSsh('ssh-reboot', 2), reconnectFirstDelayMs: 20 },
  );
  assert.deepEqual(await host.exec(['echo', 'a b']), { stdout: "echo 'a b'", stderr: '', code: 0 });
  assert.equal(host.stats.connections, 3);
});

void test('a host that stays down fails after the window, then at once', async () => {
  const tuning = { sshBinary: fakeSsh('ssh-down', 1000), reconnectFirstDelayMs: 20, reconnectWindowMs: 200 };
  const host = new OpensshRemoteHost('h', config, {}, tuning);
  await assert.rejects(host.exec(['true']), {
    name: 'HostUnreachable',
    message:
      /^could not reconnect to root@h:22 within 200 ms \(\d+ attempts\); last: cannot reach root@h:22: connection to h:22 refused \(ECONNREFUSED\)$/,
  });
  const spawned = host.stats.connections;
  await assert.rejects(host.exec(['true']), { name: 'HostUnreachable' });
  assert.equal(host.stats.connections, spawned, 'no new attempt once the host is down');
});

void test('opening fails at once on the first refusal (no retry for a wrong setting)', async () => {
  const host = new OpensshRemoteHost('h', config, {}, { sshBinary: fakeSsh('ssh-open', 1) });
  await assert.rejects(host.open(), {
    name: 'HostUnreachable',
    message: 'cannot reach root@h:22: connection to h:22 refused (ECONNREFUSED)',
  });
});

void test('an encrypted key without an agent is refused up front: ssh in batch mode cannot prompt', () => {
  const keyFile = dir.file('id_enc', newKeyPair('pass phrase').private);
  assert.throws(() => new OpensshRemoteHost('h', { ...config, keyFile, useAgent: false }, {}), {
    name: 'ConfigError',
    message:
      `key ${keyFile} is encrypted and the openssh transport cannot prompt for its passphrase: ` +
      `load it into ssh-agent (ssh-add ${keyFile}) or use the ssh2 transport`,
  });
});

void test('a missing ssh binary is a ConfigError', async () => {
  const host = new OpensshRemoteHost('h', config, {}, { sshBinary: `${dir.path}/no-such-ssh` });
  await assert.rejects(host.exec(['true']), {
    name: 'ConfigError',
    message: `cannot run ${dir.path}/no-such-ssh: spawn ${dir.path}/no-such-ssh ENOENT`,
  });
});

void test('a command writing more than the output limit is stopped', async () => {
  const yes = dir.file('ssh-yes', '#!/bin/sh\nexec yes\n', 0o755);
  const host = new OpensshRemoteHost('h', config, {}, { sshBinary: yes, maxOutputBytes: 1000 });
  await assert.rejects(host.exec(['yes']), {
    name: 'RemoteCommandFailed',
    message: 'command yes on root@h:22 wrote more than 1000 bytes: stopped',
  });
});
