// Self-test of the fresh-install profile: the daily results plus NSC-09 "no leftover", green on the default lab,
// and a config.yml.dpkg-old left in /etc/wazo-confd/ turns exactly wazo-confd's leftover scenario red.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startLab } from '../lab/lab.ts';
import type { Lab } from '../lab/lab.ts';
import type { CheckResult } from '../result.ts';
import { differences, loadExpected } from './selftest/expected.ts';
import { runCli } from '../cli/testing/run-cli.ts';

const EXPECTED = fileURLToPath(new URL('../../fixtures/expected/default-lab.yml', import.meta.url));
const RUN_TIMEOUT_MS = 300_000;
const LEFTOVER_ONLY = ['--profile', 'fresh-install', '--tags', '@fresh-install and not @daily'];
const DAEMONS = Object.keys(loadExpected(EXPECTED).results).filter((name) => name.startsWith('wazo-'));

let lab: Lab | undefined;

before(async () => {
  // Per-process lab: the mutation below must not leak into anyone else's comparison.
  lab = await startLab({ dir: `.lab/fresh-install-${process.pid}` });
});

after(async () => {
  await lab?.stop();
});

const isLeftoverResult = (r: CheckResult) => r.item === 'NSC-09' && r.message.includes('leftover');

/** Files each package ships directly in /etc/<daemon>/: config.yml, and wazo-provd's base_raw_config.json too. */
const SHIPPED: Record<string, string> = { 'wazo-provd': '2 files' };

const passMessage = (daemon: string) =>
  `${daemon} on 127.0.0.1: NSC-09 no leftover from an earlier install: ` +
  `${SHIPPED[daemon] ?? '1 file'} in /etc/${daemon}/, each owned by an installed package (${daemon})`;

void test(
  'on the default lab the fresh-install profile gives the daily results plus 18 leftover passes',
  { timeout: RUN_TIMEOUT_MS + 10_000 },
  async () => {
    const run = await runCli(['--config', lab!.configFile, '--profile', 'fresh-install'], RUN_TIMEOUT_MS);
    const leftover = run.results.filter(isLeftoverResult);
    assert.deepEqual(
      leftover.map((r) => [r.service, r.status, r.message]).sort(),
      DAEMONS.map((d) => [d, 'passed', passMessage(d)]),
      run.output.slice(-3000),
    );
    const others = run.results.filter((r) => !isLeftoverResult(r));
    assert.deepEqual(differences(loadExpected(EXPECTED), others), [], run.output.slice(-3000));
    assert.equal(run.exitCode, 1, "exit code 1: the lab carries the daily profile's real Wazo findings");

    const only = await runCli(['--config', lab!.configFile, ...LEFTOVER_ONLY], RUN_TIMEOUT_MS);
    assert.equal(only.exitCode, 0, only.output.slice(-3000));
    assert.deepEqual(
      only.results.map((r) => [r.service, r.item, r.status]).sort(),
      DAEMONS.map((d) => [d, 'NSC-09', 'passed']),
    );
  },
);

void test(
  'a config.yml.dpkg-old in /etc/wazo-confd/ fails exactly wazo-confd, naming the file',
  { timeout: RUN_TIMEOUT_MS + 60_000 },
  async () => {
    await lab!.applyMutation('nsc09-confd-leftover-dpkg-old');
    const run = await runCli(['--config', lab!.configFile, ...LEFTOVER_ONLY], RUN_TIMEOUT_MS);
    assert.equal(run.exitCode, 1, run.output.slice(-3000));
    const failed = run.results.filter((r) => r.status !== 'passed');
    assert.deepEqual(
      failed.map((r) => [r.service, r.item, r.status, r.message]),
      [
        [
          'wazo-confd',
          'NSC-09',
          'failed',
          'wazo-confd on 127.0.0.1: NSC-09 /etc/wazo-confd/config.yml.dpkg-old: expected owned by an installed package ' +
            '(no leftover from an earlier install), found owned by none',
        ],
      ],
    );
    assert.deepEqual(failed[0]?.evidence, [
      'package-owned dir /etc/wazo-confd/: 2 files (subdirectories not checked)',
      'dpkg owner of /etc/wazo-confd/config.yml: wazo-confd (ii)',
      'dpkg owner of /etc/wazo-confd/config.yml.dpkg-old: none',
    ]);
    assert.equal(run.results.filter((r) => r.status === 'passed').length, 17);
  },
);
