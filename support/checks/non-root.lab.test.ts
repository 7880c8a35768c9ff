// Lab self-test of a run as the lab's non-root user qa without sudo: /etc/shadow, socket owners and monit's control
// file are out of reach, so NSC-02 (password part), NSC-17 (owner part) and monit's NSC-08 end not checked for every
// daemon they apply to - none passes - and the run exits 1, never 0.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../cli/testing/run-cli.ts';
import { startLab } from '../lab/lab.ts';
import type { Lab } from '../lab/lab.ts';
import type { CheckResult } from '../result.ts';

const RUN_TIMEOUT_MS = 300_000;
const MONIT_SUPERVISED = ['wazo-confgend', 'wazo-provd'];

let lab: Lab | undefined;

before(async () => {
  lab = await startLab({ dir: `.lab/non-root-${process.pid}` });
});

after(async () => {
  await lab?.stop();
});

/** The lab's qa config with sudo turned off (same directory: its relative key and known_hosts paths still hold). */
function qaWithoutSudo(qaConfigFile: string): string {
  const text = readFileSync(qaConfigFile, 'utf8');
  const changed = text.replace(/^ {2}sudo: true$/m, '  sudo: false');
  assert.notEqual(changed, text, `${qaConfigFile} has no "  sudo: true" line to turn off`);
  const file = join(qaConfigFile, '..', 'config-qa-no-sudo.yml');
  writeFileSync(file, changed);
  return file;
}

const of = (results: readonly CheckResult[], item: string) => results.filter((r) => r.item === item);
const statusesOf = (results: readonly CheckResult[]) => [...new Set(results.map((r) => r.status))].sort();

void test(
  'as qa without sudo, what needs root is not checked, never passed, and the run exits 1',
  { timeout: RUN_TIMEOUT_MS + 10_000 },
  async () => {
    const config = qaWithoutSudo(lab!.qaConfigFile);
    const run = await runCli(['--config', config, '--profile', 'daily'], RUN_TIMEOUT_MS);
    const tail = run.output.slice(-3000);
    assert.equal(run.exitCode, 1, tail);

    const nsc02 = of(run.results, 'NSC-02').filter((r) => r.status !== 'not-applicable');
    assert.equal(nsc02.length, 17, tail);
    assert.deepEqual(statusesOf(nsc02), ['not-checked'], tail);
    for (const r of nsc02) {
      assert.match(
        r.message,
        /^\S+ on 127\.0\.0\.1: NSC-02 could not be checked: password: shadow is not readable as uid \d+ \(root or sudo is needed\); the shell part passed \(shell \/usr\/sbin\/nologin\)$/,
      );
    }

    const nsc17 = of(run.results, 'NSC-17').filter((r) => r.status !== 'not-applicable');
    assert.equal(nsc17.length, 17, tail);
    assert.deepEqual(statusesOf(nsc17), ['not-checked'], tail);
    for (const r of nsc17) {
      assert.match(
        r.message,
        /^\S+ on 127\.0\.0\.1: NSC-17 could not be checked: ss named no owner for .* \(the snapshot ran as uid \d+: root or sudo is needed to see socket owners\), so whether \S+ holds (it|them) and whether it listens on undeclared ports are unknown; the port and address part passed \(it listens on .* as the catalog says, no usual test port\)$/,
      );
    }
    assert.equal(
      nsc17.find((r) => r.service === 'wazo-confd')?.message,
      'wazo-confd on 127.0.0.1: NSC-17 could not be checked: ss named no owner for tcp 127.0.0.1:9486 ' +
        '(the snapshot ran as uid 1000: root or sudo is needed to see socket owners), so whether wazo-confd holds it ' +
        'and whether it listens on undeclared ports are unknown; the port and address part passed ' +
        '(it listens on tcp 127.0.0.1:9486 as the catalog says, no usual test port)',
    );

    const monit = of(run.results, 'NSC-08').filter((r) => MONIT_SUPERVISED.includes(r.service));
    assert.deepEqual(
      monit.map((r) => `${r.status}: ${r.message}`).sort(),
      MONIT_SUPERVISED.map(
        (s) =>
          `not-checked: ${s} on 127.0.0.1: NSC-08 could not be checked: the fact snapshot could not read monit status ` +
          "(monit status exited with 1: Cannot open the control file '/etc/monit/monitrc' -- Permission denied)",
      ),
      tail,
    );
  },
);
