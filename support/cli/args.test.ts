// Command-line parsing: run options, and the exact message of every kind of mistake.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../errors.ts';
import { parseArgs } from './args.ts';
import { OPTIONS } from './options.ts';

const ALLOWED = OPTIONS.map((option) => option.name).join(', ');

function mistake(argv: string[]): string {
  try {
    parseArgs(argv, '/cwd');
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.message;
  }
  assert.fail('expected a ConfigError');
}

void test('defaults of the run options', () => {
  const { run, flags } = parseArgs([], '/cwd');
  assert.deepEqual(run, {
    profile: 'daily',
    parallel: 0,
    formats: [],
    dryRun: false,
    listServices: false,
    printConfig: false,
    help: false,
    version: false,
  });
  assert.deepEqual(flags.data, {});
});

void test('every option is read, in --name value and --name=value forms', () => {
  const { run, flags } = parseArgs(
    [
      '--host=wazo-1',
      '--profile',
      'after-reboot',
      '--tags',
      '@NSC-04',
      '--parallel=2',
      '--format',
      'progress',
      '--format',
      'json:r.json',
      '--dry-run',
      '--config',
      'c.yml',
      '--transport',
      'openssh',
      '--accept-new-host-key',
      '--insecure',
      '--ca',
      'ca.pem',
      '--pin-from-host',
      '--https-route',
      'ssh',
      '--catalog',
      'cat.yml',
      '--waivers',
      'w.yml',
      '--allow-destructive',
      '--baseline',
      'b.json',
      '--service',
      'wazo-auth',
      '--user',
      'qa',
      '--port',
      '2222',
      '--key',
      'id',
      '--known-hosts',
      'kh',
      '--jump-host',
      'qa@bastion:22',
    ],
    '/cwd',
  );
  assert.deepEqual(run, {
    profile: 'after-reboot',
    tags: '@NSC-04',
    parallel: 2,
    formats: ['progress', 'json:r.json'],
    dryRun: true,
    listServices: false,
    printConfig: false,
    help: false,
    version: false,
    configFlag: 'c.yml',
  });
  assert.deepEqual(flags.data, {
    host: 'wazo-1',
    ssh: {
      transport: 'openssh',
      acceptNewHostKey: true,
      user: 'qa',
      port: 2222,
      keyFile: 'id',
      knownHostsFile: 'kh',
      jumpHost: 'qa@bastion:22',
    },
    https: { insecure: true, caFile: 'ca.pem', pinFromHost: true, route: 'ssh' },
    catalogFile: 'cat.yml',
    waiversFile: 'w.yml',
    allowDestructive: true,
    baselineFile: 'b.json',
    services: ['wazo-auth'],
  });
  assert.equal(flags.originOf('ssh.port'), 'from --port');
  assert.equal(flags.originOf('services[0]'), 'from --service');
});

void test('-h and -V are --help and --version', () => {
  assert.equal(parseArgs(['-h'], '/').run.help, true);
  assert.equal(parseArgs(['-V'], '/').run.version, true);
});

void test('an unknown option lists the allowed ones', () => {
  assert.equal(mistake(['--hots', 'x']), `unknown option --hots; allowed options: ${ALLOWED}`);
  assert.equal(mistake(['-x']), `unknown option -x; allowed options: ${ALLOWED}`);
});

void test('a secret flag is refused without echoing its value', () => {
  const message = mistake(['--passphrase=hunter2-secret']);
  assert.equal(
    message,
    '--passphrase does not exist: secrets are read only from the environment (WAZO_SSH_PASSPHRASE, WAZO_CONSUL_TOKEN)',
  );
  assert.equal(
    mistake(['--token', 'abc']),
    '--token does not exist: secrets are read only from the environment (WAZO_SSH_PASSPHRASE, WAZO_CONSUL_TOKEN)',
  );
});

void test('values: missing, unexpected, repeated, positional', () => {
  assert.equal(mistake(['--host']), '--host needs a value: HOST');
  assert.equal(mistake(['--host', '--dry-run']), '--host needs a value: HOST');
  assert.equal(mistake(['--dry-run=yes']), '--dry-run takes no value');
  assert.equal(mistake(['--host', 'a', '--host', 'b']), '--host is given more than once');
  assert.equal(mistake(['wazo-1']), 'unexpected argument "wazo-1": every option starts with -- (see --help)');
});

void test('profile and parallel are checked here', () => {
  assert.equal(
    mistake(['--profile', 'nightly']),
    '--profile: "nightly" is not allowed: one of daily, after-reboot, after-upgrade, fresh-install, ha-slave, lab',
  );
  assert.equal(mistake(['--parallel', '9']), '--parallel: "9" is not allowed: an integer from 0 to 8');
  assert.equal(mistake(['--parallel', 'two']), '--parallel: "two" is not allowed: an integer from 0 to 8');
  assert.equal(mistake(['--parallel', '-1']), '--parallel: "-1" is not allowed: an integer from 0 to 8');
});

void test('--report-dir resolves against the working directory; --report takes a list or none', () => {
  const { run } = parseArgs(['--report-dir', 'out/r', '--report', 'junit, table,junit'], '/cwd');
  assert.equal(run.reportDir, '/cwd/out/r');
  assert.deepEqual(run.reports, ['junit', 'table']);
  assert.deepEqual(parseArgs(['--report', 'none'], '/cwd').run.reports, []);
  assert.deepEqual(parseArgs(['--report', 'table'], '/cwd').run.reports, ['table']);
});

void test('--report: an unknown format, or files without a directory, is refused', () => {
  assert.equal(
    mistake(['--report', 'junit,pdf']),
    '--report: "junit,pdf" is not allowed: some of junit,matrix,table, or none',
  );
  assert.equal(
    mistake(['--report', 'matrix,table']),
    '--report matrix writes files: give --report-dir DIR as well',
  );
});
