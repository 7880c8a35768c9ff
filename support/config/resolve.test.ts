// Configuration precedence, defaults, path resolution and the config file's own errors.
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { parseArgs } from '../cli/args.ts';
import { ConfigError } from '../errors.ts';
import { DEFAULT_CATALOG_FILE, PACKAGE_ROOT } from './defaults.ts';
import type { ConfigSources } from './resolve.ts';
import { resolveConfig } from './resolve.ts';

const CONFIGS = join(PACKAGE_ROOT, 'fixtures', 'test-configs');
const HOME = '/nonexistent-home';
const CWD = '/work/somewhere';

function resolveWith(argv: string[], env: NodeJS.ProcessEnv = {}, extra: Partial<ConfigSources> = {}) {
  const { run, flags } = parseArgs(argv, CWD);
  const configFlag = run.configFlag === undefined ? {} : { configFlag: run.configFlag };
  return resolveConfig({ flags, ...configFlag, env, cwd: CWD, home: HOME, ...extra });
}

function configError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    assert.equal(error.code, 'CONFIG_ERROR');
    return error.message;
  }
  assert.fail('expected a ConfigError');
}

void test('defaults fill everything but the host', () => {
  const { config, configFile } = resolveWith(['--host', 'wazo-1']);
  assert.equal(configFile, undefined);
  assert.deepEqual(config, {
    host: 'wazo-1',
    ssh: {
      port: 22,
      user: 'root',
      passphraseEnv: 'WAZO_SSH_PASSPHRASE',
      knownHostsFile: '/nonexistent-home/.ssh/known_hosts',
      acceptNewHostKey: false,
      maxChannels: 8,
      connectTimeoutMs: 10000,
      commandTimeoutMs: 60000,
      keepaliveIntervalMs: 15000,
      transport: 'ssh2',
      sudo: false,
      useAgent: true,
    },
    https: { port: 443, pinFromHost: false, insecure: false, timeoutMs: 10000, route: 'direct' },
    consul: {
      address: '127.0.0.1:8500',
      tokenEnv: 'WAZO_CONSUL_TOKEN',
      tokenFile: '/var/lib/consul/master_token',
      enabled: 'auto',
    },
    catalogFile: DEFAULT_CATALOG_FILE,
    services: [],
    allowDestructive: false,
  });
});

void test('a flag beats the environment, which beats the file, which beats the default', () => {
  const file = join(CONFIGS, 'relative.yml');
  assert.equal(resolveWith(['--config', file]).config.ssh.port, 2222);
  assert.equal(resolveWith(['--config', file], { WAZO_SSH_PORT: '2200' }).config.ssh.port, 2200);
  assert.equal(
    resolveWith(['--config', file, '--port', '2022'], { WAZO_SSH_PORT: '2200' }).config.ssh.port,
    2022,
  );
  assert.equal(resolveWith(['--host', 'h']).config.ssh.port, 22);
  assert.equal(resolveWith(['--config', file], { WAZO_HOST: 'env-host' }).config.host, 'env-host');
  assert.equal(
    resolveWith(['--config', file, '--host', 'flag-host'], { WAZO_HOST: 'env-host' }).config.host,
    'flag-host',
  );
});

void test('WAZO_CONFIG names the file; --config wins over it', () => {
  const file = join(CONFIGS, 'relative.yml');
  assert.equal(resolveWith([], { WAZO_CONFIG: file }).configFile, file);
  assert.equal(resolveWith(['--config', file], { WAZO_CONFIG: '/nope.yml' }).config.host, 'wazo-lab');
});

void test('relative paths in the file resolve against its directory, ~ against home, flags against the cwd', () => {
  const { config } = resolveWith([
    '--config',
    join(CONFIGS, 'relative.yml'),
    '--waivers',
    join(CONFIGS, 'typo.yml'),
  ]);
  assert.equal(config.ssh.keyFile, join(CONFIGS, 'files', 'id_test'));
  assert.equal(config.ssh.knownHostsFile, join(CONFIGS, 'known_hosts'));
  assert.equal(config.https.caFile, join(CONFIGS, 'files', 'ca.pem'));
  assert.equal(config.catalogFile, resolve(CONFIGS, '..', 'test-catalogs', 'tiny.yml'));
  assert.equal(config.baselineFile, join(CONFIGS, 'out', 'baseline.json'));
  assert.equal(config.ssh.useAgent, false);
  assert.equal(config.ssh.sudo, true);
  assert.equal(
    resolveWith(['--host', 'h', '--known-hosts', '~/kh']).config.ssh.knownHostsFile,
    '/nonexistent-home/kh',
  );
  assert.equal(
    resolveWith(['--host', 'h', '--baseline', 'b.json']).config.baselineFile,
    '/work/somewhere/b.json',
  );
  assert.equal(
    resolveWith(['--host', 'h'], { WAZO_BASELINE: 'e.json' }).config.baselineFile,
    '/work/somewhere/e.json',
  );
});

void test('sudo follows the user unless set; WAZO_SSH_SUDO overrides it', () => {
  assert.equal(resolveWith(['--host', 'h', '--user', 'qa']).config.ssh.sudo, true);
  assert.equal(resolveWith(['--host', 'h', '--user', 'qa'], { WAZO_SSH_SUDO: 'no' }).config.ssh.sudo, false);
  assert.equal(resolveWith(['--host', 'h'], { WAZO_SSH_SUDO: 'yes' }).config.ssh.sudo, true);
});

void test('environment values convert to the key types; an empty variable counts as unset', () => {
  const { config } = resolveWith([], {
    WAZO_HOST: 'h',
    WAZO_SSH_MAX_CHANNELS: '4',
    WAZO_INSECURE: 'true',
    WAZO_CONSUL: 'false',
    WAZO_SERVICES: 'wazo-auth, wazo-confd',
    WAZO_SSH_USER: '',
  });
  assert.equal(config.ssh.maxChannels, 4);
  assert.equal(config.https.insecure, true);
  assert.equal(config.consul.enabled, false);
  assert.deepEqual(config.services, ['wazo-auth', 'wazo-confd']);
  assert.equal(config.ssh.user, 'root');
  assert.equal(resolveWith([], { WAZO_HOST: 'h', WAZO_CONSUL: 'AUTO' }).config.consul.enabled, 'auto');
});

void test('--service is repeatable and accepts commas', () => {
  const { config } = resolveWith([
    '--host',
    'h',
    '--service',
    'wazo-auth',
    '--service',
    'wazo-confd,wazo-calld',
  ]);
  assert.deepEqual(config.services, ['wazo-auth', 'wazo-confd', 'wazo-calld']);
});

void test('a missing default file is fine, a missing explicit one is an error', () => {
  assert.equal(resolveWith(['--host', 'h']).configFile, undefined);
  assert.equal(
    configError(() => resolveWith(['--config', '/nope/config.yml'])),
    'config file /nope/config.yml (from --config) does not exist',
  );
  assert.equal(
    configError(() => resolveWith([], { WAZO_CONFIG: 'rel.yml' })),
    'config file /work/somewhere/rel.yml (from WAZO_CONFIG) does not exist',
  );
});

void test('no host anywhere is one clear error, unless the run never reaches a host', () => {
  assert.equal(
    configError(() => resolveWith([])),
    'host: missing: the target to check; give --host, WAZO_HOST or "host:" in the config file (/nonexistent-home/.config/wazo-live-acceptance/config.yml)',
  );
  assert.equal(resolveWith([], {}, { requireHost: false }).config.host, '');
});

void test('the file must be YAML holding a mapping', () => {
  assert.equal(
    configError(() => resolveWith(['--config', join(CONFIGS, 'not-yaml.yml')])),
    `config file ${join(CONFIGS, 'not-yaml.yml')} is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
  );
  assert.equal(
    configError(() => resolveWith(['--config', join(CONFIGS, 'list.yml')])),
    `config file ${join(CONFIGS, 'list.yml')} must hold a mapping of keys (host, ssh, https, ...), found a list`,
  );
});

void test('a typo in a key is caught, naming the allowed keys', () => {
  const file = join(CONFIGS, 'typo.yml');
  assert.equal(
    configError(() => resolveWith(['--config', file])),
    `ssh.prot: unknown key; allowed keys in ssh: port, user, keyFile, passphraseEnv, useAgent, jumpHost, knownHostsFile, acceptNewHostKey, sudo, maxChannels, connectTimeoutMs, commandTimeoutMs, keepaliveIntervalMs, transport (in ${file})`,
  );
});

void test('a secret written in the file is refused without echoing it', () => {
  const file = join(CONFIGS, 'secret-in-file.yml');
  const message = configError(() => resolveWith(['--config', file]));
  assert.equal(
    message,
    `consul.token: unknown key; allowed keys in consul: address, tokenEnv, tokenFile, enabled; secrets are read only from the environment (WAZO_SSH_PASSPHRASE, WAZO_CONSUL_TOKEN) (in ${file})`,
  );
  assert.ok(!message.includes('do-not-print-me'));
});

void test('a file that does not exist behind a path key is named with its source', () => {
  assert.equal(
    configError(() => resolveWith(['--host', 'h', '--key', 'missing-key'])),
    'ssh.keyFile: "/work/somewhere/missing-key" does not exist (from --key)',
  );
  assert.equal(
    configError(() => resolveWith(['--host', 'h'], { WAZO_CA_FILE: '/no/ca.pem' })),
    'https.caFile: "/no/ca.pem" does not exist (from WAZO_CA_FILE)',
  );
});
