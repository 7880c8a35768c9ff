// Inventories: each host's precedence, groups, labels, HA pairs, paths, --host repeated, every error's text, --limit.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseArgs } from '../cli/args.ts';
import { PROFILES } from '../cli/options.ts';
import { ConfigError } from '../errors.ts';
import { PACKAGE_ROOT } from './defaults.ts';
import type { FleetHostPlan } from './inventory.ts';
import { limitHosts, resolveInventory } from './inventory.ts';

const DIR = join(PACKAGE_ROOT, 'fixtures', 'test-configs', 'inventory');
const HOME = '/nonexistent-home';
const CWD = '/work/somewhere';
const SCRATCH = mkdtempSync(join(tmpdir(), 'wla-inventory-'));
after(() => rmSync(SCRATCH, { recursive: true, force: true }));

function plan(argv: string[], env: NodeJS.ProcessEnv = {}, home = HOME): FleetHostPlan[] {
  const { run, flags } = parseArgs(argv, CWD);
  return resolveInventory({
    flags,
    ...(run.configFlag === undefined ? {} : { configFlag: run.configFlag }),
    env,
    cwd: CWD,
    home,
    ...(run.inventoryFile === undefined ? {} : { inventoryFile: run.inventoryFile }),
    ...(run.hosts === undefined ? {} : { hosts: run.hosts }),
  }).hosts;
}

function byName(hosts: FleetHostPlan[], name: string): FleetHostPlan {
  const host = hosts.find((candidate) => candidate.name === name);
  assert.ok(host, `no host ${name}`);
  return host;
}

/** Writes `text` as an inventory in the scratch directory; returns its path. */
function inventory(name: string, text: string): string {
  const file = join(SCRATCH, `${name}.yml`);
  writeFileSync(file, text);
  return file;
}

function configError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('expected a ConfigError');
}

const invalid = (name: string, text: string): string =>
  configError(() => plan(['--inventory', inventory(name, text)]));

void test('each layer wins over the one below; flags win over everything, a slave over its master', () => {
  const env = {
    WAZO_SSH_COMMAND_TIMEOUT_MS: '2002',
    WAZO_SSH_KEEPALIVE_MS: '2003',
    WAZO_HTTPS_TIMEOUT_MS: '2004',
    WAZO_HTTPS_PORT: '2005',
    WAZO_SSH_PORT: '2006',
    WAZO_HOST: 'env-host',
  };
  const argv = ['--config', join(DIR, 'precedence-config.yml'), '--inventory', join(DIR, 'precedence.yml')];
  const [master, slave] = plan([...argv, '--port', '6006'], env);
  const ladder = (host: FleetHostPlan | undefined) => {
    const { ssh, https } = host?.config ?? assert.fail('no host');
    return [
      ssh.maxChannels,
      ssh.connectTimeoutMs,
      ssh.commandTimeoutMs,
      ssh.keepaliveIntervalMs,
      https.timeoutMs,
      https.port,
      ssh.port,
    ];
  };
  assert.deepEqual(ladder(master), [8, 1001, 2002, 3003, 4004, 5005, 6006]);
  assert.deepEqual(ladder(slave), [8, 1001, 2002, 3003, 4004, 7005, 6006]);
  assert.equal(master?.config.host, 'm');
  assert.equal(slave?.config.host, 'm-slave');
  assert.equal(plan(argv, env)[1]?.config.ssh.port, 7006);
});

void test('groups apply in the order the host lists them; profile and labels follow the same order', () => {
  const hosts = plan(['--inventory', join(DIR, 'fleet.yml')]);
  const [a, b, c] = ['stack-a', 'stack-b', 'stack-c'].map((name) => byName(hosts, name));
  assert.equal(a?.config.ssh.port, 2203);
  assert.equal(b?.config.ssh.port, 2202);
  assert.equal(c?.config.ssh.port, 2204);
  assert.deepEqual([a?.profile, b?.profile, c?.profile], ['daily', 'lab', 'after-upgrade']);
  assert.deepEqual(a?.groups, ['staging', 'team-a']);
  assert.deepEqual(c?.groups, ['untagged-only']);
  assert.equal(byName(hosts, 'ha-west').profile, 'after-reboot');
});

void test('labels merge: defaults < groups < the host entry < a slave entry', () => {
  const hosts = plan(['--inventory', join(DIR, 'fleet.yml')]);
  assert.deepEqual(byName(hosts, 'stack-a').labels, {
    site: 'lyon',
    env: 'staging',
    team: 'a',
    version: '24.01',
  });
  assert.deepEqual(byName(hosts, 'stack-c').labels, { site: 'lyon', env: 'prod' });
  assert.deepEqual(byName(hosts, 'ha-east').labels, { site: 'lyon', env: 'prod', team: 'east' });
  assert.deepEqual(byName(hosts, 'ha-east-slave').labels, {
    site: 'lyon',
    env: 'prod',
    team: 'east',
    side: 'slave',
  });
});

void test('a master expands to the pair: the slave inherits its settings, overrides its own, profile ha-slave', () => {
  const hosts = plan(['--inventory', join(DIR, 'fleet.yml')]);
  assert.deepEqual(
    hosts.map((host) => [host.name, host.role, host.pair]),
    [
      ['stack-a', 'standalone', undefined],
      ['stack-b', 'standalone', undefined],
      ['stack-c', 'standalone', undefined],
      ['ha-east', 'master', 'ha-east'],
      ['ha-east-slave', 'slave', 'ha-east'],
      ['ha-west', 'master', 'ha-west'],
      ['west-b', 'slave', 'ha-west'],
    ],
  );
  const [master, slave] = [byName(hosts, 'ha-east'), byName(hosts, 'ha-east-slave')];
  assert.equal(master.config.host, '10.0.1.1');
  assert.equal(slave.config.host, '10.0.1.2');
  assert.equal(slave.config.ssh.port, 2206);
  assert.equal(slave.config.ssh.connectTimeoutMs, 7000);
  assert.equal(slave.config.ssh.keyFile, master.config.ssh.keyFile);
  assert.deepEqual(slave.groups, ['team-a']);
  assert.equal(master.profile, 'after-upgrade');
  assert.equal(slave.profile, 'ha-slave');
  assert.equal(byName(hosts, 'west-b').profile, 'lab');
  assert.equal(byName(hosts, 'west-b').config.host, 'west-b');
});

void test("relative paths resolve against the inventory's directory; the finished config derives sudo and the agent", () => {
  const hosts = plan(['--inventory', join(DIR, 'fleet.yml')]);
  const a = byName(hosts, 'stack-a').config;
  assert.equal(a.ssh.keyFile, join(DIR, 'keys', 'id_fleet'));
  assert.equal(a.ssh.knownHostsFile, join(HOME, '.ssh', 'known_hosts'));
  assert.equal(a.ssh.sudo, true);
  assert.equal(a.ssh.useAgent, false);
  assert.equal(a.https.route, 'direct');
  assert.equal(a.host, '10.0.0.5');
  const b = byName(hosts, 'stack-b').config;
  assert.equal(b.ssh.keyFile, join(DIR, 'keys', 'id_b'));
  assert.equal(b.ssh.knownHostsFile, join(DIR, 'known_hosts'));
  assert.equal(b.host, 'stack-b');
  assert.equal(byName(hosts, 'stack-c').config.baselineFile, join(DIR, 'out', 'stack-c.json'));
  assert.equal(
    plan(['--inventory', join(DIR, 'fleet.yml'), '--baseline', 'b.json'])[0]?.config.baselineFile,
    join(CWD, 'b.json'),
  );
});

void test('--host repeated: one standalone host per value, named by it, with the flags and the environment', () => {
  const hosts = plan(['--host', 'wazo-1', '--host', '10.0.0.7', '--user', 'qa'], { WAZO_SSH_PORT: '2200' });
  assert.deepEqual(
    hosts.map((host) => [host.name, host.role, host.config.host, host.config.ssh.user, host.config.ssh.port]),
    [
      ['wazo-1', 'standalone', 'wazo-1', 'qa', 2200],
      ['10.0.0.7', 'standalone', '10.0.0.7', 'qa', 2200],
    ],
  );
  assert.deepEqual([hosts[0]?.groups, hosts[0]?.labels, hosts[0]?.profile], [[], {}, undefined]);
  assert.equal(
    configError(() => plan(['--host', 'a', '--host', 'a'])),
    '--host "a" is given twice',
  );
  assert.equal(
    configError(() => plan(['--host', 'a', '--host', 'b c'])),
    'host: "b c" is not allowed: a host name or IP address (no user, no port, no scheme) (from --host)',
  );
  assert.equal(
    configError(() => plan(['--host', 'a', '--host', 'fe80::1'])),
    `--host "fe80::1": a fleet run names each host's report directory after it, so it must be a name of letters, digits, '.', '_', '-', starting with a letter or digit (it becomes a directory name in reports); give it a name in an inventory`,
  );
});

void test('the fleet needs hosts from one place', () => {
  const sources = { env: {}, cwd: CWD, home: HOME };
  assert.equal(
    configError(() => resolveInventory(sources)),
    'a fleet run needs its hosts: give --inventory FILE, or --host more than once',
  );
  assert.equal(
    configError(() =>
      resolveInventory({ ...sources, inventoryFile: join(DIR, 'fleet.yml'), hosts: ['a', 'b'] }),
    ),
    '--host and --inventory: give one (an inventory lists its hosts; --limit selects among them)',
  );
});

void test('the file: missing, not YAML, not a mapping', () => {
  assert.equal(
    configError(() => plan(['--inventory', 'nope.yml'])),
    `inventory file ${join(CWD, 'nope.yml')} does not exist`,
  );
  const syntax = inventory('syntax', 'version: 1\nhosts: [a\n');
  assert.equal(
    configError(() => plan(['--inventory', syntax])),
    `inventory file ${syntax} is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
  );
  const list = inventory('list', '- name: a\n');
  assert.equal(
    configError(() => plan(['--inventory', list])),
    `inventory file ${list} must hold a mapping of keys (version, defaults, groups, hosts), found a list`,
  );
  const empty = inventory('empty', '# nothing yet\n');
  assert.equal(
    configError(() => plan(['--inventory', empty])),
    `inventory file ${empty} must hold a mapping of keys (version, defaults, groups, hosts), found nothing`,
  );
});

void test('the schema: each mistake names the file, the entry, the key and what is allowed', () => {
  const at = (name: string): string => `inventory ${join(SCRATCH, `${name}.yml`)}: `;
  assert.equal(
    invalid('port', 'version: 1\nhosts: [{name: a}, {name: b}, {name: stack-b, ssh: {port: 0}}]'),
    `${at('port')}hosts[2] (stack-b): ssh.port: 0 is not allowed: an integer from 1 to 65535`,
  );
  assert.equal(
    invalid('no-hosts', 'version: 1\nhosts: []'),
    `${at('no-hosts')}hosts: [] is not allowed: a list of hosts, at least one`,
  );
  assert.equal(
    invalid('missing-hosts', 'version: 1\ndefaults: {}'),
    `${at('missing-hosts')}hosts: missing: a list of hosts, at least one`,
  );
  assert.equal(
    invalid('version', 'version: 2\nhosts: [{name: a}]'),
    `${at('version')}version: 2 is not allowed: 1 (the inventory format's version)`,
  );
  assert.equal(
    invalid('bad-name', 'version: 1\nhosts: [{name: ../x}]'),
    `${at('bad-name')}hosts[0] (../x): name: "../x" is not allowed: a name of letters, digits, '.', '_', '-', starting with a letter or digit (it becomes a directory name in reports)`,
  );
  assert.equal(
    invalid('no-name', 'version: 1\nhosts: [{host: 10.0.0.1}]'),
    `${at('no-name')}hosts[0]: name: missing: a name of letters, digits, '.', '_', '-', starting with a letter or digit (it becomes a directory name in reports)`,
  );
  assert.equal(
    invalid('label', 'version: 1\nhosts: [{name: a, labels: {version: 24.01}}]'),
    `${at('label')}hosts[0] (a): labels.version: 24.01 is not allowed: a text (quote numbers: "24.01")`,
  );
  assert.equal(
    invalid('profile', 'version: 1\ndefaults: {profile: nightly}\nhosts: [{name: a}]'),
    `${at('profile')}defaults: profile: "nightly" is not allowed: one of daily, after-reboot, after-upgrade, fresh-install, ha-slave, lab`,
  );
  assert.equal(
    invalid('group-name', 'version: 1\ngroups: {"bad group": {}}\nhosts: [{name: a}]'),
    `${at('group-name')}groups: "bad group" is not allowed: a group name of letters, digits, '.', '_', '-', starting with a letter or digit`,
  );
});

void test('unknown keys are named with the allowed ones; allowDestructive and secrets say where they belong', () => {
  const at = (name: string): string => `inventory ${join(SCRATCH, `${name}.yml`)}: `;
  assert.equal(
    invalid('typo', 'version: 1\nhosts: [{name: a}, {name: b, ssh: {prot: 2}}]'),
    `${at('typo')}hosts[1] (b): ssh.prot: unknown key; allowed keys in ssh: port, user, keyFile, passphraseEnv, useAgent, jumpHost, knownHostsFile, acceptNewHostKey, sudo, maxChannels, connectTimeoutMs, commandTimeoutMs, keepaliveIntervalMs, transport`,
  );
  assert.equal(
    invalid('destructive', 'version: 1\nhosts: [{name: a, allowDestructive: true}]'),
    `${at('destructive')}hosts[0] (a): allowDestructive: unknown key; allowed keys: name, host, groups, labels, profile, role, slave, ssh, https, consul, catalogFile, waiversFile, services, baselineFile; allowDestructive is never in an inventory (give --allow-destructive)`,
  );
  assert.equal(
    invalid('group-key', 'version: 1\ngroups: {g: {host: x}}\nhosts: [{name: a}]'),
    `${at('group-key')}groups.g: host: unknown key; allowed keys: ssh, https, consul, catalogFile, waiversFile, services, baselineFile, profile, labels`,
  );
  const secret = invalid(
    'secret',
    'version: 1\ndefaults: {consul: {token: do-not-print-me}}\nhosts: [{name: a}]',
  );
  assert.equal(
    secret,
    `${at('secret')}defaults: consul.token: unknown key; allowed keys in consul: address, tokenEnv, tokenFile, enabled; secrets are read only from the environment (WAZO_SSH_PASSPHRASE, WAZO_CONSUL_TOKEN)`,
  );
  assert.ok(!secret.includes('do-not-print-me'));
  assert.equal(
    invalid('top', 'version: 1\nhost: a\nhosts: [{name: a}]'),
    `${at('top')}host: unknown key; allowed keys: version, defaults, groups, hosts`,
  );
});

void test('names are unique (slaves too), a slave needs role master, a master needs its slave', () => {
  const at = (name: string): string => `inventory ${join(SCRATCH, `${name}.yml`)}: `;
  assert.equal(
    invalid('duplicate', 'version: 1\nhosts: [{name: a}, {name: b}, {name: a}]'),
    `${at('duplicate')}hosts[2] (a): name: "a" is already the name of hosts[0]; every host name is unique`,
  );
  assert.equal(
    invalid('duplicate-slave', 'version: 1\nhosts: [{name: a-slave}, {name: a, role: master, slave: {}}]'),
    `${at('duplicate-slave')}hosts[1] (a): slave.name: "a-slave" is already the name of hosts[0]; every host name is unique`,
  );
  assert.equal(
    invalid('standalone-slave', 'version: 1\nhosts: [{name: a, slave: {host: x}}]'),
    `${at('standalone-slave')}hosts[0] (a): slave: only a master has a slave; give role: master, or remove slave:`,
  );
  assert.equal(
    invalid('lonely-master', 'version: 1\nhosts: [{name: a, role: master}]'),
    `${at('lonely-master')}hosts[0] (a): role: a master needs its slave under slave: (the pair's other host)`,
  );
  assert.equal(
    invalid('slave-role', 'version: 1\nhosts: [{name: a, role: master, slave: {role: slave}}]'),
    `${at('slave-role')}hosts[0] (a): slave.role: unknown key; allowed keys in slave: name, host, labels, profile, ssh, https, consul, catalogFile, waiversFile, services, baselineFile`,
  );
});

void test('a path that must exist is named with the inventory entry it came from', () => {
  const file = inventory('missing-key', 'version: 1\nhosts: [{name: a, ssh: {keyFile: nokey}}]');
  assert.equal(
    configError(() => plan(['--inventory', file])),
    `ssh.keyFile: "${join(SCRATCH, 'nokey')}" does not exist (in inventory ${file}: hosts[0] (a))`,
  );
});

void test("the schema's profiles are the CLI's", () => {
  const schema = JSON.parse(
    readFileSync(join(PACKAGE_ROOT, 'fixtures', 'inventory.schema.json'), 'utf8'),
  ) as {
    definitions: { profile: { enum: string[] } };
  };
  assert.deepEqual(schema.definitions.profile.enum, [...PROFILES]);
});

void test('fixtures/examples/inventory.yml loads: three standalone hosts and one HA pair', () => {
  const home = join(SCRATCH, 'home');
  mkdirSync(join(home, '.ssh'), { recursive: true });
  writeFileSync(join(home, '.ssh', 'id_wla'), 'not a real key\n');
  const hosts = plan(['--inventory', join(PACKAGE_ROOT, 'fixtures', 'examples', 'inventory.yml')], {}, home);
  assert.deepEqual(
    hosts.map((host) => [host.name, host.role, host.profile, host.config.host]),
    [
      ['stack-a', 'standalone', 'daily', '10.20.0.11'],
      ['stack-b', 'standalone', 'after-upgrade', '10.20.0.12'],
      ['stack-c', 'standalone', 'daily', 'stack-c'],
      ['ha-east', 'master', 'daily', '10.20.1.1'],
      ['ha-east-b', 'slave', 'ha-slave', '10.20.1.2'],
    ],
  );
  const b = byName(hosts, 'stack-b');
  assert.deepEqual(b.labels, {
    site: 'lyon',
    env: 'staging',
    tier: 'edge',
    wave: '2',
    team: 'voice',
    version: '24.02',
  });
  assert.equal(b.config.https.route, 'ssh');
  assert.equal(byName(hosts, 'ha-east-b').config.ssh.port, 2223);
  assert.deepEqual(byName(hosts, 'stack-c').config.services, ['wazo-auth', 'wazo-confd']);
});

const FLEET = (): FleetHostPlan[] => plan(['--inventory', join(DIR, 'fleet.yml')]);
const names = (hosts: FleetHostPlan[]): string[] => hosts.map((host) => host.name);

void test('--limit: globs over names and groups, ! excludes, in inventory order', () => {
  const fleet = FLEET();
  assert.deepEqual(names(limitHosts(fleet, 'stack-?')), ['stack-a', 'stack-b', 'stack-c']);
  assert.deepEqual(names(limitHosts(fleet, 'staging')), ['stack-a', 'stack-b']);
  assert.deepEqual(names(limitHosts(fleet, 'stack-c, staging')), ['stack-a', 'stack-b', 'stack-c']);
  assert.deepEqual(names(limitHosts(fleet, '*,!team-a')), ['stack-c', 'ha-west', 'west-b']);
  assert.deepEqual(names(limitHosts(fleet, '!stack-*')), ['ha-east', 'ha-east-slave', 'ha-west', 'west-b']);
  assert.deepEqual(names(limitHosts(fleet, 'untagged-*')), ['stack-c']);
});

void test('--limit never splits an HA pair: naming either member keeps both, excluding either drops both', () => {
  const fleet = FLEET();
  assert.deepEqual(names(limitHosts(fleet, 'ha-east')), ['ha-east', 'ha-east-slave']);
  assert.deepEqual(names(limitHosts(fleet, 'west-b')), ['ha-west', 'west-b']);
  assert.deepEqual(names(limitHosts(fleet, 'ha-*,!west-b')), ['ha-east', 'ha-east-slave']);
});

void test('--limit that matches nothing names the pattern, the hosts and the groups', () => {
  const fleet = FLEET();
  const listing =
    'hosts: stack-a, stack-b, stack-c, ha-east, ha-east-slave, ha-west, west-b; groups: staging, team-a, untagged-only';
  assert.equal(
    configError(() => limitHosts(fleet, 'prod*')),
    `--limit "prod*" matches no host; ${listing}`,
  );
  assert.equal(
    configError(() => limitHosts(fleet, 'staging,!stack-?')),
    `--limit "staging,!stack-?" matches no host; ${listing}`,
  );
  assert.equal(
    configError(() => limitHosts(fleet, ' , ')),
    '--limit " , ": give names or groups, e.g. "staging,!stack-b"',
  );
});
