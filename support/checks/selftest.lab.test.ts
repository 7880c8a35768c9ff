// Self-test: the daily features against the default lab give exactly fixtures/expected/default-lab.yml.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startLab } from '../lab/lab.ts';
import type { Lab } from '../lab/lab.ts';
import { differences, loadExpected } from './selftest/expected.ts';
import { runCli } from './selftest/run-cli.ts';

const EXPECTED = fileURLToPath(new URL('../../fixtures/expected/default-lab.yml', import.meta.url));
const RUN_TIMEOUT_MS = 300_000;

let lab: Lab | undefined;

before(async () => {
  // Per-process lab: a mutation applied by someone else's test never leaks into this comparison.
  lab = await startLab({ dir: `.lab/selftest-default-${process.pid}` });
});

after(async () => {
  await lab?.stop();
});

void test(
  'the daily run on the default lab matches fixtures/expected/default-lab.yml',
  { timeout: RUN_TIMEOUT_MS + 10_000 },
  async () => {
    const run = await runCli(['--config', lab!.configFile, '--profile', 'daily'], RUN_TIMEOUT_MS);
    assert.deepEqual(differences(loadExpected(EXPECTED), run.results), [], run.output.slice(-3000));
    assert.equal(run.exitCode, 1, 'exit code 1: the lab carries real Wazo findings');
  },
);
