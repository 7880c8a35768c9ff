// The CLI end to end with fake catalog, SSH and cucumber: output, exit codes, and no secret ever printed.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Catalog } from '../catalog/load.ts';
import type { RunnerConfig } from '../config/types.ts';
import { PACKAGE_ROOT } from '../config/defaults.ts';
import { AuthFailed, CatalogError, SudoRefused } from '../errors.ts';
import type { RemoteHost } from '../ssh/transport.ts';
import type { RunOptions } from './args.ts';
import type { CliDependencies } from './main.ts';
import { main } from './main.ts';
import { OPTIONS } from './options.ts';
import { Sink } from './testing/in-process.ts';

const PASSPHRASE = 'pass-phrase-7f3a';
const TOKEN = 'consul-token-91bc';
const SECRET_ENV = { WAZO_SSH_PASSPHRASE: PASSPHRASE, WAZO_CONSUL_TOKEN: TOKEN };
const CATALOG = {
  file: 'tiny.yml',
  services: [{ name: 'wazo-confd' }, { name: 'wazo-auth' }],
} as unknown as Catalog;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
  ran?: { config: RunnerConfig; run: RunOptions };
  opened: number;
  closed: number;
}

async function cli(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
  overrides: Partial<CliDependencies> = {},
): Promise<Outcome> {
  const stdout = new Sink();
  const stderr = new Sink();
  const outcome: Outcome = { code: -1, stdout: '', stderr: '', opened: 0, closed: 0 };
  const remote = {
    label: 'qa@h:22',
    exec: async () => {
      if (env.FAKE_SUDO === 'refused') throw new SudoRefused('sudo -n on qa@h:22 wants a password');
      return { stdout: '', stderr: '', code: 0 };
    },
    close: async () => void outcome.closed++,
  } as unknown as RemoteHost;
  const deps: CliDependencies = {
    loadCatalog: async () => CATALOG,
    loadWaivers: async (file) => {
      if (file.endsWith('bad.yml'))
        throw new CatalogError(`waivers ${file} are invalid (1 problem):\n  waivers[0].expires: missing`);
      return [];
    },
    openRemoteHost: async () => {
      outcome.opened++;
      return remote;
    },
    runFeatures: async (config, run) => {
      outcome.ran = { config, run };
      return 0;
    },
    ...overrides,
  };
  outcome.code = await main(argv, { stdout, stderr, env, cwd: '/work', home: '/nonexistent-home' }, deps);
  outcome.stdout = stdout.text;
  outcome.stderr = stderr.text;
  return outcome;
}

function assertNoSecret(outcome: Outcome): void {
  for (const text of [outcome.stdout, outcome.stderr, JSON.stringify(outcome.ran ?? {})]) {
    assert.ok(!text.includes(PASSPHRASE) && !text.includes(TOKEN), `a secret leaked into: ${text}`);
  }
}

void test('--help lists every option and the exit codes, exit 0', async () => {
  const outcome = await cli(['--help'], SECRET_ENV);
  assert.equal(outcome.code, 0);
  for (const option of OPTIONS) assert.ok(outcome.stdout.includes(option.name), option.name);
  assert.ok(outcome.stdout.includes('2  configuration or connection error: the host was never checked'));
  assertNoSecret(outcome);
});

void test('--version prints the package version', async () => {
  const outcome = await cli(['--version']);
  assert.equal(outcome.code, 0);
  assert.match(outcome.stdout, /^\d+\.\d+\.\d+\n$/);
});

void test('an unknown flag exits 2 with the allowed flags, on one line', async () => {
  const outcome = await cli(['--hots', 'wazo']);
  assert.equal(outcome.code, 2);
  assert.equal(
    outcome.stderr,
    `wazo-live-acceptance: unknown option --hots; allowed options: ${OPTIONS.map((o) => o.name).join(', ')}\n`,
  );
  assert.equal(outcome.stdout, '');
});

void test('a bad value exits 2 naming key, value and what is allowed', async () => {
  const outcome = await cli(['--host', 'h'], { WAZO_SSH_PORT: '70000' });
  assert.equal(outcome.code, 2);
  assert.equal(
    outcome.stderr,
    'wazo-live-acceptance: ssh.port: 70000 is not allowed: an integer from 1 to 65535 (from WAZO_SSH_PORT)\n',
  );
});

void test('a missing explicit config file exits 2', async () => {
  const outcome = await cli(['--config', 'missing.yml']);
  assert.equal(outcome.code, 2);
  assert.equal(
    outcome.stderr,
    'wazo-live-acceptance: config file /work/missing.yml (from --config) does not exist\n',
  );
});

void test('an unknown --service exits 2 listing the catalog names, before any connection', async () => {
  const outcome = await cli(['--host', 'h', '--service', 'wazo-confd', '--service', 'wazo-foo']);
  assert.equal(outcome.code, 2);
  assert.equal(
    outcome.stderr,
    'wazo-live-acceptance: unknown service "wazo-foo": the catalog ' +
      join(PACKAGE_ROOT, 'fixtures', 'services.yml') +
      ' has wazo-confd, wazo-auth\n',
  );
  assert.equal(outcome.opened, 0);
});

void test('a broken catalog exits 2 with its message', async () => {
  const outcome = await cli(
    ['--host', 'h'],
    {},
    {
      loadCatalog: async () => {
        throw new CatalogError('catalog x.yml is invalid (1 problem):\n  services[0].user: missing');
      },
    },
  );
  assert.equal(outcome.code, 2);
  assert.equal(
    outcome.stderr,
    'wazo-live-acceptance: catalog x.yml is invalid (1 problem):\n  services[0].user: missing\n',
  );
});

void test('a bad waivers file exits 2 before any connection', async () => {
  const outcome = await cli([
    '--host',
    'h',
    '--waivers',
    join(PACKAGE_ROOT, 'fixtures', 'test-configs', 'bad.yml'),
  ]);
  assert.equal(outcome.code, 2);
  assert.equal(
    outcome.stderr,
    `wazo-live-acceptance: waivers ${join(PACKAGE_ROOT, 'fixtures', 'test-configs', 'bad.yml')} are invalid (1 problem):\n  waivers[0].expires: missing\n`,
  );
  assert.equal(outcome.opened, 0);
});

void test('--list-services prints the catalog names without a host', async () => {
  const outcome = await cli(['--list-services']);
  assert.equal(outcome.code, 0);
  assert.equal(outcome.stdout, 'wazo-confd\nwazo-auth\n');
});

void test('preflight: a refused login exits 2 with one line, and the secret is not in it', async () => {
  const outcome = await cli(['--host', 'wazo-1'], SECRET_ENV, {
    openRemoteHost: async () => {
      throw new AuthFailed(`root@wazo-1:22 refused the key (passphrase ${PASSPHRASE})`);
    },
  });
  assert.equal(outcome.code, 2);
  assert.equal(
    outcome.stderr,
    'wazo-live-acceptance: cannot check wazo-1: root@wazo-1:22 refused the key (passphrase <redacted>)\n',
  );
  assert.equal(outcome.ran, undefined);
  assertNoSecret(outcome);
});

void test('preflight: a connection that never answers gives up after the connect timeout plus a margin', async () => {
  const started = Date.now();
  const outcome = await cli(
    ['--host', 'wazo-1'],
    { WAZO_SSH_CONNECT_TIMEOUT_MS: '100' },
    {
      openRemoteHost: () => new Promise<RemoteHost>(() => undefined),
    },
  );
  assert.equal(outcome.code, 2);
  assert.equal(
    outcome.stderr,
    'wazo-live-acceptance: cannot check wazo-1: no SSH session to wazo-1 after 200ms\n',
  );
  assert.ok(Date.now() - started < 2000);
});

void test('preflight: sudo wanting a password exits 2 and the connection is closed', async () => {
  const outcome = await cli(['--host', 'wazo-1', '--user', 'qa'], { FAKE_SUDO: 'refused' });
  assert.equal(outcome.code, 2);
  assert.equal(
    outcome.stderr,
    'wazo-live-acceptance: cannot check wazo-1: sudo -n on qa@h:22 wants a password\n',
  );
  assert.equal(outcome.closed, 1);
  assert.equal(outcome.ran, undefined);
});

void test('a run opens the preflight connection, then hands it and the config to cucumber without secrets', async () => {
  const outcome = await cli(['--host', 'wazo-1', '--profile', 'after-reboot'], SECRET_ENV);
  assert.equal(outcome.code, 0);
  assert.equal(outcome.opened, 1);
  assert.equal(outcome.closed, 0, 'the run goes on over it and closes it');
  assert.equal(outcome.ran?.config.host, 'wazo-1');
  assert.equal(outcome.ran?.run.profile, 'after-reboot');
  assertNoSecret(outcome);
});

void test('in-process, the run goes on over the preflight connection instead of opening another', async () => {
  let handed: unknown;
  const outcome = await cli(
    ['--host', 'wazo-1'],
    {},
    {
      runFeatures: async (_config, _run, _io, _names, connection) => {
        handed = connection;
        return 0;
      },
    },
  );
  assert.equal(outcome.code, 0);
  assert.equal(outcome.opened, 1);
  assert.equal(outcome.closed, 0, 'the run closes it, not the preflight');
  assert.equal((handed as { label?: string } | undefined)?.label, 'qa@h:22');
});

void test('--dry-run needs no host and opens no connection', async () => {
  const outcome = await cli(['--dry-run']);
  assert.equal(outcome.code, 0);
  assert.equal(outcome.opened, 0);
  assert.equal(outcome.ran?.run.dryRun, true);
});

void test('--print-config shows secrets only as <set>/<unset>', async () => {
  const outcome = await cli(['--print-config', '--host', 'wazo-1'], { WAZO_SSH_PASSPHRASE: PASSPHRASE });
  assert.equal(outcome.code, 0);
  assert.match(outcome.stdout, /^# configuration file: none\nhost: wazo-1\nssh:\n {2}port: 22\n/);
  assert.match(outcome.stdout, /secrets:\n {2}WAZO_SSH_PASSPHRASE: <set>\n {2}WAZO_CONSUL_TOKEN: <unset>\n$/);
  assertNoSecret(outcome);
});
