// Lab self-test of the after-reboot profile: a healthy reboot passes, whether the lab or the runner itself reboots the
// host; disabled-on-boot and restart-loop fail exactly their daemon's NSC-10, in-run and against the baseline; a run
// without --allow-destructive never reboots. One lab, three reboots.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CheckResult } from '../result.ts';
import { runCli } from '../cli/testing/run-cli.ts';
import { labSession } from './testing/lab-session.ts';
import { loopFailure } from './testing/loop-message.ts';

const RUN_TIMEOUT_MS = 300_000;
const session = labSession('reboot');
const snapshot = (name: string) => session.snapshot(name);

/** The runner's own @destructive reboot; the lab plays the power button (a container cannot boot itself again). */
async function rebootByRunner(tags = '@destructive') {
  const powerCycle = session.lab.restartAfterGuestReboot(120_000);
  const args = ['--config', session.lab.configFile, '--profile', 'after-reboot', '--tags', tags];
  const run = await runCli([...args, '--allow-destructive'], RUN_TIMEOUT_MS);
  await powerCycle;
  return run;
}

const failures = (results: readonly CheckResult[]) =>
  results.filter((r) => r.status !== 'passed').map((r) => `${r.service} ${r.item} ${r.status}: ${r.message}`);

function assertDisabledAndLooping(failed: string[]): void {
  assert.equal(failed.length, 2, failed.join('\n'));
  assert.equal(
    failed.find((f) => f.startsWith('wazo-plugind')),
    'wazo-plugind NSC-10 failed: wazo-plugind on 127.0.0.1: NSC-10 unit wazo-plugind.service: expected active, found inactive; unit wazo-plugind.service: expected enabled, found disabled',
  );
  assert.match(
    failed.find((f) => f.startsWith('wazo-dird')) ?? failed.join('\n'),
    loopFailure('wazo-dird', 'NSC-10'),
  );
}

function afterReboot(baseline: string, extra: string[] = []) {
  const args = [
    '--config',
    session.lab.configFile,
    '--profile',
    'after-reboot',
    '--tags',
    '@lifecycle',
    '--baseline',
    baseline,
  ];
  return runCli([...args, ...extra], RUN_TIMEOUT_MS);
}

void test('without --allow-destructive the reboot scenario does not run: PID 1 keeps its start time', async () => {
  const base = await snapshot('base0.json');
  const run = await afterReboot(base.file);
  const again = await snapshot('base0-again.json');
  assert.equal(again.state.pid1StartedAt, base.state.pid1StartedAt);
  assert.ok(
    run.results.every((r) => r.item === 'NSC-10'),
    run.output,
  );
  assert.match(run.results[0]?.message ?? '', /the host was not rebooted since the baseline/);
});

void test('after a healthy reboot every daemon that ran runs again, started after the reboot', async () => {
  const base = await snapshot('base1.json');
  await session.lab.reboot();
  const run = await afterReboot(base.file);
  assert.equal(run.exitCode, 0, run.output);
  assert.equal(run.results.filter((r) => r.status === 'passed').length, 18, run.output);
});

void test('the runner reboots the host itself, every daemon runs again, and later scenarios use the new connection', async () => {
  const base = await snapshot('base-in-run.json');
  // service_discovery.feature runs after features/lifecycle/zz-reboot-the-host.feature, over the adopted connection.
  const run = await rebootByRunner('@destructive or @NSC-16');
  const again = await snapshot('after-in-run.json');
  assert.notEqual(again.state.pid1StartedAt, base.state.pid1StartedAt, 'PID 1 started again');
  assert.equal(run.exitCode, 0, run.output);
  const nsc10 = run.results.filter((r) => r.item === 'NSC-10');
  assert.equal(nsc10.filter((r) => r.status === 'passed').length, 18, run.output);
  const nsc16 = run.results.filter((r) => r.item === 'NSC-16');
  assert.equal(nsc16.length, 18, run.output);
  // Not "not checked": the facts behind these verdicts came over the adopted connection.
  assert.deepEqual(
    nsc16.filter((r) => r.status !== 'not-applicable'),
    [],
    run.output,
  );
  assert.equal(nsc16.filter((r) => /Consul is not enabled on this host/.test(r.message)).length, 9);
});

void test('a daemon disabled on boot and a daemon in a restart loop fail exactly their NSC-10, in-run and after', async () => {
  const base = await snapshot('base2.json');
  await session.lab.applyVariant('disabled-on-boot');
  await session.lab.applyVariant('restart-loop');
  const inRun = await rebootByRunner();
  assert.equal(inRun.exitCode, 1, inRun.output);
  assertDisabledAndLooping(failures(inRun.results));
  const run = await afterReboot(base.file);
  assert.equal(run.exitCode, 1, run.output);
  assertDisabledAndLooping(failures(run.results));
});
