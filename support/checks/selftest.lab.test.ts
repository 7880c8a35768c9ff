// Self-test: the daily features against the default lab give exactly fixtures/expected/default-lab.yml.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLab } from '../lab/lab.ts';
import type { Lab } from '../lab/lab.ts';
import { differences, loadExpected } from './selftest/expected.ts';
import { runCli } from '../cli/testing/run-cli.ts';

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

void test(
  'a live waiver turns the sysconfd-as-root finding into waived and the run passes',
  { timeout: RUN_TIMEOUT_MS + 10_000 },
  async () => {
    const waivers = join(mkdtempSync(join(tmpdir(), 'wla-waivers-')), 'waivers.yml');
    const justification = 'Wazo runs wazo-sysconfd as root by design (catalog-facts.yml)';
    writeFileSync(
      waivers,
      `- { host: "127.0.0.*", service: wazo-sysconfd, item: NSC-01, justification: ${justification}, expires: 2099-12-31 }\n`,
    );
    const args = [
      '--config',
      lab!.configFile,
      '--waivers',
      waivers,
      '--tags',
      '@NSC-01',
      '--service',
      'wazo-sysconfd',
    ];
    const run = await runCli(args, RUN_TIMEOUT_MS);
    const results = run.results.filter((r) => r.item === 'NSC-01');
    assert.deepEqual(
      results.map((r) => [r.service, r.status, r.message]),
      [['wazo-sysconfd', 'waived', `waived: ${justification} (until 2099-12-31)`]],
      run.output.slice(-3000),
    );
    assert.equal(run.exitCode, 0);
  },
);
