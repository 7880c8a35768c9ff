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
    profileGiven: false,
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
    profileGiven: true,
    tags: '@NSC-04',
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
  assert.equal(mistake(['--port', '22', '--port', '23']), '--port is given more than once');
  assert.equal(mistake(['wazo-1']), 'unexpected argument "wazo-1": every option starts with -- (see --help)');
});

void test('the profile is checked here; --parallel, removed, says why and what to use', () => {
  assert.equal(
    mistake(['--profile', 'nightly']),
    '--profile: "nightly" is not allowed: one of daily, after-reboot, after-upgrade, fresh-install, ha-slave, lab',
  );
  assert.equal(
    mistake(['--parallel', '2']),
    '--parallel was removed: worker processes made a run slower, never faster (one host, 0/2/4 workers: ' +
      '1.8/3.3/5.3 s; see the README, Performance): a run checks its host in one process; a fleet checks several ' +
      'hosts at once with --hosts-parallel N',
  );
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

void test('--host given once sets the flag layer; more than once, the hosts of a fleet run in order', () => {
  const once = parseArgs(['--host', 'a'], '/cwd');
  assert.equal(once.run.hosts, undefined);
  assert.equal(once.flags.data.host, 'a');
  const many = parseArgs(['--host', 'b', '--port', '2222', '--host=a', '--host', 'c'], '/cwd');
  assert.deepEqual(many.run.hosts, ['b', 'a', 'c']);
  assert.deepEqual(many.flags.data, { ssh: { port: 2222 } });
});

void test('the fleet options: --inventory and --compare-with resolve against the cwd, the others are kept as given', () => {
  const { run, flags } = parseArgs(
    [
      '--inventory',
      'fleet/inv.yml',
      '--limit',
      'staging,!stack-b',
      '--hosts-parallel',
      '32',
      '--shard',
      'auto/3',
      '--report-dir',
      'out',
      '--compare-with',
      '../last',
      '--profile',
      'daily',
    ],
    '/cwd',
  );
  assert.equal(run.inventoryFile, '/cwd/fleet/inv.yml');
  assert.equal(run.limit, 'staging,!stack-b');
  assert.equal(run.hostsParallel, 32);
  assert.equal(run.shard, 'auto/3');
  assert.equal(run.compareWith, '/last');
  assert.equal(run.profileGiven, true);
  assert.deepEqual(flags.data, {});
  assert.equal(parseArgs(['--host', 'a', '--host', 'b', '--limit', 'a'], '/cwd').run.limit, 'a');
});

void test('--host with --inventory is refused, however many times --host is given', () => {
  const message =
    '--host and --inventory: give one (an inventory lists its hosts; --limit selects among them)';
  assert.equal(mistake(['--inventory', 'i.yml', '--host', 'a']), message);
  assert.equal(mistake(['--host', 'a', '--host', 'b', '--inventory', 'i.yml']), message);
});

void test('the fleet options are refused outside a fleet run, and --compare-with needs --report-dir', () => {
  assert.equal(
    mistake(['--host', 'a', '--limit', 'a', '--shard', '1/2']),
    '--limit, --shard: only in a fleet run, of the hosts of --inventory FILE or of --host given more than once',
  );
  assert.equal(
    mistake(['--hosts-parallel', '2']),
    '--hosts-parallel: only in a fleet run, of the hosts of --inventory FILE or of --host given more than once',
  );
  assert.equal(
    mistake(['--inventory', 'i.yml', '--compare-with', 'last']),
    '--compare-with compares this run with an earlier one in the report directory: give --report-dir DIR as well',
  );
});

void test('--hosts-parallel is an integer from 1 to 32; --limit and --shard are not empty', () => {
  const fleet = ['--inventory', 'i.yml'];
  for (const value of ['0', '33', 'four', '-1', '1.5']) {
    assert.equal(
      mistake([...fleet, '--hosts-parallel', value]),
      `--hosts-parallel: ${JSON.stringify(value)} is not allowed: an integer from 1 to 32`,
    );
  }
  assert.equal(parseArgs([...fleet, '--hosts-parallel=1'], '/cwd').run.hostsParallel, 1);
  assert.equal(
    mistake([...fleet, '--limit=']),
    '--limit: "" is not allowed: host names or groups, comma-separated globs',
  );
  assert.equal(mistake([...fleet, '--shard', ' ']), '--shard: " " is not allowed: I/N or auto/N');
});
