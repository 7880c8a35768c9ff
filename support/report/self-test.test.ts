// Re-runs the report self-test feature under the installed cucumber and checks the recorded fixture still matches it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectResults } from './collect.ts';
import { parseNdjson } from './messages.ts';

const SELF_TEST = fileURLToPath(new URL('../../fixtures/report/self-test/', import.meta.url));
const RECORDED = fileURLToPath(new URL('../../fixtures/report/run.ndjson', import.meta.url));
const CUCUMBER = fileURLToPath(
  new URL('../../node_modules/@cucumber/cucumber/bin/cucumber.js', import.meta.url),
);

function outline(path: string) {
  return collectResults(parseNdjson(readFileSync(path, 'utf8'), path)).map((row) => ({
    host: row.host,
    service: row.service,
    item: row.item,
    status: row.status,
    errorCode: row.errorCode,
    message: row.message,
    evidence: row.evidence,
    scenario: row.scenario,
    scenarioStatus: row.scenarioStatus,
  }));
}

void test(
  'a fresh cucumber run of the self-test gives the same rows as the recorded fixture',
  { timeout: 120_000 },
  () => {
    const out = mkdtempSync(join(tmpdir(), 'wla-self-test-'));
    try {
      const messages = join(out, 'run.ndjson');
      const run = spawnSync(
        process.execPath,
        [
          CUCUMBER,
          '--import',
          './report-self-test.steps.ts',
          './report-self-test.feature',
          '--format',
          `message:${messages}`,
        ],
        {
          cwd: SELF_TEST,
          encoding: 'utf8',
          timeout: 100_000,
          env: { ...process.env, NODE_OPTIONS: '--import tsx' },
        },
      );
      assert.equal(run.status, 1, `cucumber should fail on the self-test's failing scenarios: ${run.stderr}`);
      assert.deepEqual(outline(messages), outline(RECORDED));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  },
);
