// Every configuration key's validation message, word for word, and secrets never echoed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArgs } from '../cli/args.ts';
import { ConfigError } from '../errors.ts';
import { envLayer } from './env.ts';
import { prepareLayer } from './layer.ts';
import { dottedPath, validateLayer } from './validate.ts';

const inFile = (): string => 'in test.yml';

function messageFor(data: unknown): string {
  try {
    validateLayer(data, inFile);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.message;
  }
  return 'valid';
}

const CASES: [unknown, string][] = [
  [
    { host: '' },
    'host: "" is not allowed: a host name or IP address (no user, no port, no scheme) (in test.yml)',
  ],
  [
    { host: 'root@wazo' },
    'host: "root@wazo" is not allowed: a host name or IP address (no user, no port, no scheme) (in test.yml)',
  ],
  [
    { host: 42 },
    'host: 42 is not allowed: a host name or IP address (no user, no port, no scheme) (in test.yml)',
  ],
  [{ ssh: 22 }, 'ssh: 22 is not allowed: a mapping of SSH settings (in test.yml)'],
  [{ ssh: { port: 70000 } }, 'ssh.port: 70000 is not allowed: an integer from 1 to 65535 (in test.yml)'],
  [{ ssh: { port: 0 } }, 'ssh.port: 0 is not allowed: an integer from 1 to 65535 (in test.yml)'],
  [{ ssh: { port: 22.5 } }, 'ssh.port: 22.5 is not allowed: an integer from 1 to 65535 (in test.yml)'],
  [
    { ssh: { user: 'a b' } },
    `ssh.user: "a b" is not allowed: a user name (letters, digits, '.', '_', '-') (in test.yml)`,
  ],
  [{ ssh: { keyFile: '' } }, 'ssh.keyFile: "" is not allowed: a path to a private key file (in test.yml)'],
  [
    { ssh: { passphraseEnv: 'my passphrase' } },
    `ssh.passphraseEnv: "my passphrase" is not allowed: the name of an environment variable (letters, digits, '_') (in test.yml)`,
  ],
  [{ ssh: { useAgent: 'yes' } }, 'ssh.useAgent: "yes" is not allowed: true or false (in test.yml)'],
  [
    { ssh: { jumpHost: 'a b' } },
    'ssh.jumpHost: "a b" is not allowed: user@host:port, user@host or host (in test.yml)',
  ],
  [
    { ssh: { knownHostsFile: '' } },
    'ssh.knownHostsFile: "" is not allowed: a path to a known_hosts file (in test.yml)',
  ],
  [{ ssh: { acceptNewHostKey: 1 } }, 'ssh.acceptNewHostKey: 1 is not allowed: true or false (in test.yml)'],
  [{ ssh: { sudo: null } }, 'ssh.sudo: null is not allowed: true or false (in test.yml)'],
  [
    { ssh: { maxChannels: 10 } },
    'ssh.maxChannels: 10 is not allowed: an integer from 1 to 9 (sshd refuses more than MaxSessions, 10 by default) (in test.yml)',
  ],
  [
    { ssh: { connectTimeoutMs: 5 } },
    'ssh.connectTimeoutMs: 5 is not allowed: an integer from 100 to 600000 (milliseconds) (in test.yml)',
  ],
  [
    { ssh: { commandTimeoutMs: '1m' } },
    'ssh.commandTimeoutMs: "1m" is not allowed: an integer from 100 to 3600000 (milliseconds) (in test.yml)',
  ],
  [
    { ssh: { keepaliveIntervalMs: -1 } },
    'ssh.keepaliveIntervalMs: -1 is not allowed: an integer from 0 (off) to 600000 (milliseconds) (in test.yml)',
  ],
  [
    { ssh: { transport: 'putty' } },
    'ssh.transport: "putty" is not allowed: one of ssh2, openssh (in test.yml)',
  ],
  [{ https: [] }, 'https: [] is not allowed: a mapping of HTTPS settings (in test.yml)'],
  [{ https: { port: '443' } }, 'https.port: "443" is not allowed: an integer from 1 to 65535 (in test.yml)'],
  [
    { https: { serverName: 'https://x' } },
    'https.serverName: "https://x" is not allowed: a DNS name or IP address to verify the certificate against (in test.yml)',
  ],
  [{ https: { caFile: '' } }, 'https.caFile: "" is not allowed: a path to a PEM CA bundle (in test.yml)'],
  [{ https: { pinFromHost: 'no' } }, 'https.pinFromHost: "no" is not allowed: true or false (in test.yml)'],
  [{ https: { insecure: 'true' } }, 'https.insecure: "true" is not allowed: true or false (in test.yml)'],
  [
    { https: { timeoutMs: 0 } },
    'https.timeoutMs: 0 is not allowed: an integer from 100 to 600000 (milliseconds) (in test.yml)',
  ],
  [{ consul: 'on' }, 'consul: "on" is not allowed: a mapping of Consul settings (in test.yml)'],
  [
    { consul: { address: 'localhost' } },
    'consul.address: "localhost" is not allowed: host:port as seen from the target, e.g. 127.0.0.1:8500 (in test.yml)',
  ],
  [
    { consul: { tokenEnv: '1TOKEN' } },
    `consul.tokenEnv: "1TOKEN" is not allowed: the name of an environment variable (letters, digits, '_') (in test.yml)`,
  ],
  [
    { consul: { tokenFile: 'master_token' } },
    'consul.tokenFile: "master_token" is not allowed: an absolute path on the target host (in test.yml)',
  ],
  [
    { consul: { enabled: 'yes' } },
    'consul.enabled: "yes" is not allowed: one of true, false, auto (in test.yml)',
  ],
  [{ catalogFile: 3 }, 'catalogFile: 3 is not allowed: a path to a service catalog (YAML) (in test.yml)'],
  [{ waiversFile: '' }, 'waiversFile: "" is not allowed: a path to a waivers file (YAML) (in test.yml)'],
  [
    { services: 'wazo-confd' },
    'services: "wazo-confd" is not allowed: a list of distinct service names (in test.yml)',
  ],
  [
    { services: ['wazo-confd', 'wazo-confd'] },
    'services: ["wazo-confd","wazo-confd"] is not allowed: a list of distinct service names (in test.yml)',
  ],
  [
    { services: ['wazo confd'] },
    `services[0]: "wazo confd" is not allowed: a service name (letters, digits, '-', '_', '.') (in test.yml)`,
  ],
  [{ allowDestructive: 'yes' }, 'allowDestructive: "yes" is not allowed: true or false (in test.yml)'],
  [{ baselineFile: '' }, 'baselineFile: "" is not allowed: a path to a baseline file (in test.yml)'],
  [
    { hots: 'wazo' },
    'hots: unknown key; allowed keys: host, ssh, https, consul, catalogFile, waiversFile, services, allowDestructive, baselineFile (in test.yml)',
  ],
  [
    [],
    'configuration: [] is not allowed: a mapping with the keys host, ssh, https, consul, catalogFile, waiversFile, services, allowDestructive, baselineFile (in test.yml)',
  ],
];

for (const [data, expected] of CASES) {
  void test(`rejects ${JSON.stringify(data)}`, () => {
    assert.equal(messageFor(data), expected);
  });
}

void test('a valid layer passes', () => {
  assert.equal(
    messageFor({ host: 'wazo-1', ssh: { port: 2222, transport: 'openssh' }, consul: { enabled: 'auto' } }),
    'valid',
  );
});

void test('a secret-named key never shows its value, whatever its type', () => {
  assert.equal(
    messageFor({ ssh: { passphrase: 12345 } }),
    'ssh.passphrase: unknown key; allowed keys in ssh: port, user, keyFile, passphraseEnv, useAgent, jumpHost, knownHostsFile, acceptNewHostKey, sudo, maxChannels, connectTimeoutMs, commandTimeoutMs, keepaliveIntervalMs, transport; secrets are read only from the environment (WAZO_SSH_PASSPHRASE, WAZO_CONSUL_TOKEN) (in test.yml)',
  );
});

void test('an environment value is named by its variable', () => {
  assert.throws(() => prepareLayer(envLayer({ WAZO_SSH_PORT: '70000' }, '/'), '/h'), {
    message: 'ssh.port: 70000 is not allowed: an integer from 1 to 65535 (from WAZO_SSH_PORT)',
  });
  assert.throws(() => prepareLayer(envLayer({ WAZO_SSH_PORT: 'ssh' }, '/'), '/h'), {
    message: 'ssh.port: "ssh" is not allowed: an integer from 1 to 65535 (from WAZO_SSH_PORT)',
  });
  assert.throws(() => prepareLayer(envLayer({ WAZO_SERVICES: 'a,a' }, '/'), '/h'), {
    message: 'services: ["a","a"] is not allowed: a list of distinct service names (from WAZO_SERVICES)',
  });
  assert.throws(() => prepareLayer(envLayer({ WAZO_INSECURE: 'maybe' }, '/'), '/h'), {
    message: 'https.insecure: "maybe" is not allowed: true or false (from WAZO_INSECURE)',
  });
});

void test('a flag value is named by its flag', () => {
  const { flags } = parseArgs(['--port', '70000'], '/');
  assert.throws(() => prepareLayer(flags, '/h'), {
    message: 'ssh.port: 70000 is not allowed: an integer from 1 to 65535 (from --port)',
  });
  const { flags: transport } = parseArgs(['--transport', 'telnet'], '/');
  assert.throws(() => prepareLayer(transport, '/h'), {
    message: 'ssh.transport: "telnet" is not allowed: one of ssh2, openssh (from --transport)',
  });
  const { flags: service } = parseArgs(['--service', 'bad name!'], '/');
  assert.throws(() => prepareLayer(service, '/h'), {
    message: `services[1]: "name!" is not allowed: a service name (letters, digits, '-', '_', '.') (from --service)`,
  });
});

void test('instance paths read as dotted keys', () => {
  assert.equal(dottedPath(''), '');
  assert.equal(dottedPath('/ssh/port'), 'ssh.port');
  assert.equal(dottedPath('/services/3'), 'services[3]');
});
