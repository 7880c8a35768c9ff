// Lab self-test of wazo-upgrade (NSC-11): without --allow-destructive nothing is upgraded; a healthy upgrade passes
// in-run and against the baseline; upgrade-breaks-one fails exactly wazo-chatd's NSC-11. One lab, two upgrades.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../cli/testing/run-cli.ts';
import { labSession } from './testing/lab-session.ts';
import { loopFailure } from './testing/loop-message.ts';
import type { HostState } from './host-state.ts';

const RUN_TIMEOUT_MS = 900_000;
const session = labSession('upgrade');
const snapshot = (name: string) => session.snapshot(name);

function afterUpgrade(tags: string, extra: string[]) {
  const args = ['--config', session.lab.configFile, '--profile', 'after-upgrade', '--tags', tags];
  return runCli([...args, ...extra], RUN_TIMEOUT_MS);
}

/** 17 daemons pass; the catalog marks NSC-11 not applicable for one (measured: 17 passed, 1 not applicable). */
const EXPECTED_STATUSES = { passed: 17, 'not-applicable': 1 };

function statuses(results: readonly { status: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

const version = (state: HostState, service: string) =>
  state.daemons.find((d) => d.service === service)?.version;

void test('without --allow-destructive wazo-upgrade does not run: versions and PID 1 unchanged', async () => {
  const base = await snapshot('base0.json');
  const run = await afterUpgrade('@destructive', []);
  assert.deepEqual(run.results, [], run.output);
  const again = await snapshot('base0-again.json');
  assert.equal(version(again.state, 'wazo-confd'), '24.16.1~lab1');
  assert.equal(again.state.pid1StartedAt, base.state.pid1StartedAt);
  assert.equal((await session.lab.exec(['test', '-e', '/var/log/wazo-upgrade.log'])).exitCode, 1);
});

void test('a healthy wazo-upgrade: every daemon runs again on 24.16.2~lab1, in-run and against the baseline', async () => {
  const base = await snapshot('base1.json');
  const run = await afterUpgrade('@destructive', ['--allow-destructive']);
  assert.equal(run.exitCode, 0, run.output);
  assert.deepEqual(statuses(run.results), EXPECTED_STATUSES, run.output);
  const compared = await afterUpgrade('@lifecycle and not @destructive', ['--baseline', base.file]);
  assert.equal(compared.exitCode, 0, compared.output);
  assert.deepEqual(statuses(compared.results), EXPECTED_STATUSES, compared.output);
});

void test('an upgrade after which wazo-chatd does not come back fails exactly its NSC-11', async () => {
  await session.lab.applyVariant('upgrade-breaks-one');
  const run = await afterUpgrade('@destructive', ['--allow-destructive']);
  assert.equal(run.exitCode, 1, run.output);
  const failed = run.results.map((r) => `${r.service} ${r.item} ${r.status}: ${r.message}`);
  assert.equal(failed.length, 1, failed.join('\n'));
  assert.match(failed[0] ?? '', loopFailure('wazo-chatd', 'NSC-11'));
});
