// The real CLI against the lab host: one result per scenario, the exit code from them, and exit 2 in one line.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { RESULT_MEDIA_TYPE } from '../result.ts';
import type { CheckResult } from '../result.ts';
import { PACKAGE_ROOT } from '../config/defaults.ts';
import { startLabWithFigures } from '../lab/lab.ts';
import type { Lab } from '../lab/lab.ts';
import { exitCodeFor } from './run-outcome.ts';

const BIN = join(PACKAGE_ROOT, 'support', 'cli', 'bin.mjs');
const RUN_TIMEOUT_MS = 300_000;
const PREFIX = 'wazo-live-acceptance: ';

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the CLI with a clean environment (no WAZO_* from the caller) and a hard timeout. */
function runCli(args: string[], cwd: string): Promise<CliRun> {
  const started = Date.now();
  const env = { PATH: process.env.PATH ?? '', HOME: cwd };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, timeout: RUN_TIMEOUT_MS });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

function resultsOf(ndjson: string): { scenarios: number; results: CheckResult[] } {
  const envelopes = ndjson
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, { mediaType?: string; body?: string }>);
  const results = envelopes
    .filter((e) => e.attachment?.mediaType === RESULT_MEDIA_TYPE)
    .map((e) => JSON.parse(e.attachment?.body ?? '') as CheckResult);
  return { scenarios: envelopes.filter((e) => e.testCaseStarted).length, results };
}

void describe('the CLI against the lab', () => {
  let lab: Lab;
  let work: string;
  let reused = false;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'wla-cli-'));
    // WLA_LAB_DIR attaches to a lab already up (npm run lab:up -- --dir DIR) instead of booting one.
    const started = await startLabWithFigures({
      dir: process.env.WLA_LAB_DIR ?? join(work, 'lab'),
      reuse: true,
    });
    lab = started.lab;
    reused = started.figures.reused;
  });

  after(async () => {
    if (lab && !reused) await lab.stop();
    rmSync(work, { recursive: true, force: true });
  });

  void test('a run attaches one result per scenario and exits with the code they give', async () => {
    const messages = join(work, 'run.ndjson');
    const run = await runCli(
      ['--config', lab.configFile, '--tags', '@NSC-01 or @NSC-03', '--format', `message:${messages}`],
      work,
    );
    const { scenarios, results } = resultsOf(readFileSync(messages, 'utf8'));
    assert.ok(
      scenarios >= 36,
      `expected the NSC-01 and NSC-03 outlines over the catalog, found ${scenarios} scenarios`,
    );
    assert.equal(results.length, scenarios);
    // With strict, cucumber fails the run exactly when a scenario failed, i.e. a result failed or was not checked.
    const cucumberSucceeded = !results.some((r) => r.status === 'failed' || r.status === 'not-checked');
    assert.equal(run.code, exitCodeFor(results, cucumberSucceeded));
    const summary = run.stderr.split('\n').find((line) => line.startsWith(`${PREFIX}127.0.0.1: `));
    assert.match(
      summary ?? '',
      /^wazo-live-acceptance: 127\.0\.0\.1: \d+ passed, \d+ failed, \d+ not applicable, 0 waived, 0 not checked in \d+\.\d{2}s$/,
    );
  });

  void test('an unknown host key: exit 2 with one line, no scenario run', async () => {
    const knownHosts = join(work, 'empty_known_hosts');
    writeFileSync(knownHosts, '');
    const run = await runCli(['--config', lab.configFile, '--known-hosts', knownHosts], work);
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      new RegExp(
        `^${PREFIX}cannot check 127\\.0\\.0\\.1: host key of 127\\.0\\.0\\.1:${lab.sshPort} is unknown .*\\n$`,
      ),
    );
    assert.equal(run.stdout, '');
  });

  void test('a refused login: exit 2 with one line', async () => {
    const run = await runCli(['--config', lab.configFile, '--user', 'nobody'], work);
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      new RegExp(
        `^${PREFIX}cannot check 127\\.0\\.0\\.1: authentication as nobody@127\\.0\\.0\\.1:${lab.sshPort} failed.*\\n$`,
      ),
    );
  });

  void test('sudo that wants a password: exit 2 with one line', async () => {
    const run = await runCli(['--config', join(lab.dir, 'config-qa-pw.yml')], work);
    assert.equal(run.code, 2);
    assert.equal(
      run.stderr,
      `${PREFIX}cannot check 127.0.0.1: sudo on 127.0.0.1 wants a password for qa-pw: allow NOPASSWD for it or connect as root\n`,
    );
  });

  void test('a closed port: exit 2 with one line', async () => {
    const run = await runCli(['--config', lab.configFile, '--port', '1'], work);
    assert.equal(run.code, 2);
    assert.equal(
      run.stderr,
      `${PREFIX}cannot check 127.0.0.1: cannot reach root@127.0.0.1:1: connection to 127.0.0.1:1 refused (ECONNREFUSED)\n`,
    );
  });
});
