// Lab self-test of the after-reboot profile: a healthy reboot passes; disabled-on-boot and restart-loop fail exactly
// their daemon's NSC-10; a run without --allow-destructive never reboots. One lab, two reboots.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../checks/selftest/run-cli.ts';
import { labSession } from './testing/lab-session.ts';

const RUN_TIMEOUT_MS = 300_000;
const session = labSession('reboot');
const snapshot = (name: string) => session.snapshot(name);

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

void test('a daemon disabled on boot and a daemon in a restart loop fail exactly their NSC-10', async () => {
  const base = await snapshot('base2.json');
  await session.lab.applyVariant('disabled-on-boot');
  await session.lab.applyVariant('restart-loop');
  await session.lab.reboot();
  const run = await afterReboot(base.file);
  assert.equal(run.exitCode, 1, run.output);
  const failed = run.results
    .filter((r) => r.status !== 'passed')
    .map((r) => `${r.service} ${r.item} ${r.status}: ${r.message}`);
  assert.equal(failed.length, 2, failed.join('\n'));
  assert.equal(
    failed.find((f) => f.startsWith('wazo-plugind')),
    'wazo-plugind NSC-10 failed: wazo-plugind on 127.0.0.1: NSC-10 unit wazo-plugind.service: expected active, found inactive; unit wazo-plugind.service: expected enabled, found disabled',
  );
  assert.match(
    failed.find((f) => f.startsWith('wazo-dird')) ?? failed.join('\n'),
    /^wazo-dird NSC-10 failed: wazo-dird on 127\.0\.0\.1: NSC-10 unit wazo-dird\.service: expected (active, found (activating|failed)|running steadily, found waiting to restart \(SubState=auto-restart, NRestarts=\d+\)|at most 2 automatic restarts, found NRestarts=\d+: restarting in a loop)/,
  );
});
