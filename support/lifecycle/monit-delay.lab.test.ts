// Lab self-test of NSC-08 right after a boot with Wazo's monit start delay (variant monit-start-delay): for 45 s
// monit's process runs but `monit status` is refused. The after-reboot run gives monit until 60 s after the boot,
// so NSC-08 passes once monit answers, or is not checked naming monit when that ends first - never failed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../cli/testing/run-cli.ts';
import type { CheckResult } from '../result.ts';
import { labSession } from './testing/lab-session.ts';

const RUN_TIMEOUT_MS = 300_000;
const MONITORED = ['wazo-provd', 'wazo-confgend'];
const NOT_ANSWERING =
  /^(\S+) on 127\.0\.0\.1: NSC-08 could not be checked: monit not answering: Cannot connect to \[localhost\]:2812 -- Connection refused \(a monit process runs, e\.g\. still in its start delay\)/;
const session = labSession('monit-delay');

function nsc08(results: readonly CheckResult[], service: string): CheckResult {
  const found = results.find((r) => r.item === 'NSC-08' && r.service === service);
  assert.ok(found, `no NSC-08 result for ${service}`);
  return found;
}

void test(
  'after a reboot with monit in its start delay, NSC-08 waits for monit: passed once it answers, else not checked naming monit',
  { timeout: RUN_TIMEOUT_MS + 120_000 },
  async (t) => {
    await session.lab.applyVariant('monit-start-delay');
    const base = await session.snapshot('base.json');
    await session.lab.reboot();
    const silent = await session.lab.exec(['monit', 'status']);
    assert.notEqual(silent.exitCode, 0, `monit answered right after the boot: ${silent.output}`);
    assert.match(silent.output, /Cannot connect to \[localhost\]:2812 -- Connection refused/);
    const args = ['--config', session.lab.configFile, '--profile', 'after-reboot', '--baseline', base.file];
    const run = await runCli([...args, '--tags', '@NSC-08 or @lifecycle'], RUN_TIMEOUT_MS);
    for (const service of MONITORED) {
      const result = nsc08(run.results, service);
      t.diagnostic(`${service} NSC-08 ${result.status} after ${run.durationMs} ms: ${result.message}`);
      if (result.status === 'passed') {
        assert.equal(result.message, `${service} on 127.0.0.1: NSC-08 monit monitors Process '${service}'`);
      } else {
        assert.equal(result.status, 'not-checked', result.message);
        assert.match(result.message, NOT_ANSWERING);
      }
    }
    // wazo-dxtora has neither monit nor Restart= (a real Wazo finding): it fails once monit answers, never before.
    const dxtora = nsc08(run.results, 'wazo-dxtora');
    const answered = nsc08(run.results, 'wazo-provd').status === 'passed';
    assert.equal(dxtora.status, answered ? 'failed' : 'not-checked', dxtora.message);
    const others = run.results.filter(
      (r) => r.item === 'NSC-08' && ![...MONITORED, 'wazo-dxtora'].includes(r.service),
    );
    assert.deepEqual(
      others.filter((r) => r.status !== 'passed' && r.status !== 'not-applicable').map((r) => r.message),
      [],
    );
    const rebooted = run.results.filter((r) => r.item === 'NSC-10' && r.status === 'passed');
    assert.equal(rebooted.length, 18, run.output.slice(-3000));
    assert.equal(run.exitCode, 1, 'exit 1: wazo-dxtora fails NSC-08, or NSC-08 was not checked');
  },
);
