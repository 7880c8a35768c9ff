// Lab self-test of the ha-slave profile (NSC-12): not applicable on a master; passes on a slave; a mis-gated
// wazo-phoned fails exactly its NSC-12; after wazo-upgrade the 9 gated daemons fail, or are waived by the shipped file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../cli/testing/run-cli.ts';
import type { CheckResult } from '../result.ts';
import { labSession } from './testing/lab-session.ts';

const RUN_TIMEOUT_MS = 600_000;
const WAIVERS = 'fixtures/waivers/ha-slave-after-upgrade.yml';
const session = labSession('ha-slave');

/** wazo-facts.md §8.2: the units with ConditionPathExists=!/var/lib/wazo/disabled. */
const GATED = [
  'wazo-agentd',
  'wazo-agid',
  'wazo-amid',
  'wazo-call-logd',
  'wazo-calld',
  'wazo-dxtora',
  'wazo-phoned',
  'wazo-provd',
  'wazo-websocketd',
];
const SETUPD_REASON =
  'not applicable: one-shot setup daemon: the HA scripts do not manage it (xivo-config:sbin/xivo-manage-slave-services)';
const WAIVED =
  'waived: wazo-upgrade runs wazo-service enable, which removes /var/lib/wazo/disabled on a slave ' +
  '(WAZO-2999; wazo-upgrade:bin/real-wazo-upgrade) (until 2027-06-30)';

function haSlave(extra: string[]) {
  return runCli(['--config', session.lab.configFile, '--profile', 'ha-slave', ...extra], RUN_TIMEOUT_MS);
}

function upgradeOnSlave(extra: string[]) {
  return haSlave(['--tags', '@NSC-12 and @destructive', '--allow-destructive', ...extra]);
}

function count(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

const statuses = (results: readonly CheckResult[]) => count(results.map((r) => r.status));
const lines = (results: readonly CheckResult[]) =>
  results.map((r) => `${r.service} ${r.item} ${r.status}: ${r.message}`);

async function labOutput(argv: string[]): Promise<string> {
  const { exitCode, output } = await session.lab.exec(argv);
  assert.equal(exitCode, 0, `${argv.join(' ')}: ${output}`);
  return output.trim();
}

const confdVersion = () => labOutput(['dpkg-query', '-W', '-f', '${Version}', 'wazo-confd']);

void test('on a host that is not a slave every NSC-12 of the profile is not applicable, and the run passes', async () => {
  const run = await haSlave([]);
  assert.equal(run.exitCode, 0, run.output);
  assert.deepEqual(count(run.results.map((r) => r.message)), {
    'not applicable: this host is not an HA slave: /var/lib/wazo/disabled is absent': 17,
    'not applicable: this host is not an HA slave: /var/lib/wazo/disabled and /var/lib/wazo/is-secondary are absent, and no state recorded before the upgrade (--baseline) says otherwise': 17,
    [SETUPD_REASON]: 2,
  });
});

void test('on a slave whose master is alive every daemon is in its state; without --allow-destructive nothing is upgraded', async () => {
  await session.lab.applyVariant('ha-slave');
  const run = await haSlave([]);
  assert.equal(run.exitCode, 0, run.output);
  assert.deepEqual(statuses(run.results), { passed: 34, 'not-applicable': 2 }, run.output);
  assert.equal(await confdVersion(), '24.16.1~lab1');
  assert.equal((await session.lab.exec(['test', '-e', '/var/log/wazo-upgrade.log'])).exitCode, 1);
});

void test('a wazo-phoned unit no longer gated, started on the slave, fails exactly its NSC-12', async () => {
  await session.lab.applyMutation('nsc12-phoned-ungated');
  await labOutput(['systemctl', 'start', 'wazo-phoned']);
  const run = await haSlave([]);
  assert.equal(run.exitCode, 1, run.output);
  const message =
    'wazo-phoned on 127.0.0.1: NSC-12 on an HA slave: expected stopped (its unit is gated by /var/lib/wazo/disabled, which is present), found running';
  assert.deepEqual(lines(run.results.filter((r) => r.status === 'failed')), [
    `wazo-phoned NSC-12 failed: ${message}`,
    `wazo-phoned NSC-12 failed: ${message}`,
  ]);
  assert.deepEqual(statuses(run.results), { passed: 32, failed: 2, 'not-applicable': 2 }, run.output);
  await labOutput(['rm', '-r', '/etc/systemd/system/wazo-phoned.service.d']);
  await labOutput(['systemctl', 'daemon-reload']);
  await labOutput(['systemctl', 'stop', 'wazo-phoned']);
});

/** The slave's state before its first upgrade, for the --baseline run after it. */
let beforeUpgrade = '';

void test('after wazo-upgrade on the slave exactly the 9 gated daemons fail, naming the flag and monit', async () => {
  const base = await session.snapshot('slave-before-upgrade.json');
  assert.equal(base.state.wazoDisabled, true);
  beforeUpgrade = base.file;
  const run = await upgradeOnSlave([]);
  assert.equal(run.exitCode, 1, run.output);
  const found = (name: string) =>
    `${name} NSC-12 failed: ${name} on 127.0.0.1: NSC-12 on an HA slave: expected stopped (its unit is gated by ` +
    '/var/lib/wazo/disabled, which is absent), found running; on an HA slave: expected monit stopped, found running';
  assert.deepEqual(lines(run.results).sort(), GATED.map(found));
  assert.equal(await confdVersion(), '24.16.2~lab1');
});

void test('with the shipped waivers the upgraded slave passes, the 9 gated daemons waived', async () => {
  assert.notEqual(beforeUpgrade, '', 'the previous test recorded the state before the upgrade');
  const waived = await haSlave([
    '--tags',
    '@lifecycle and not @destructive',
    '--baseline',
    beforeUpgrade,
    '--waivers',
    WAIVERS,
  ]);
  assert.equal(waived.exitCode, 0, waived.output);
  assert.deepEqual(statuses(waived.results), { passed: 8, waived: 9, 'not-applicable': 1 }, waived.output);
  // Without --baseline the HA sentinel /var/lib/wazo/is-secondary, which wazo-upgrade keeps, tells the slave.
  const sentinel = await haSlave(['--tags', '@lifecycle and not @destructive', '--waivers', WAIVERS]);
  assert.deepEqual(
    statuses(sentinel.results),
    { passed: 8, waived: 9, 'not-applicable': 1 },
    sentinel.output,
  );

  // wazo-upgrade with nothing new still stops, enables and restarts (fixtures/lab/replica/upgrade/wazo-upgrade).
  await session.lab.applyVariant('ha-slave');
  const again = await upgradeOnSlave(['--waivers', WAIVERS]);
  assert.equal(again.exitCode, 0, again.output);
  assert.deepEqual(statuses(again.results), { passed: 8, waived: 9, 'not-applicable': 1 }, again.output);
  const waivedOnes = again.results.filter((r) => r.status === 'waived');
  assert.deepEqual(waivedOnes.map((r) => r.service).sort(), GATED);
  assert.deepEqual([...new Set(waivedOnes.map((r) => r.message))], [WAIVED]);
});
