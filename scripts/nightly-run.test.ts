// fixtures/examples/nightly-run.sh: one report directory per run, rotation keeps the last KEEP, exit status passed on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCRIPT = join(ROOT, 'fixtures/examples/nightly-run.sh');
const RECORDED = join(ROOT, 'fixtures/report/run.ndjson');

/** A stand-in for the runner: writes the recorded message stream where --format message: says, exits as told. */
function fakeRunner(dir: string, exitStatus: number, writeStream: boolean): string {
  const path = join(dir, `fake-runner-${exitStatus}.sh`);
  const copy = writeStream ? `cp '${RECORDED}' "\${arg#message:}"` : ':';
  writeFileSync(
    path,
    `#!/usr/bin/env bash\nfor arg in "$@"; do case $arg in message:*) ${copy} ;; esac; done\nexit ${exitStatus}\n`,
  );
  chmodSync(path, 0o755);
  return path;
}

function nightly(reportsRoot: string, runner: string, keep: string) {
  return spawnSync('bash', [SCRIPT], {
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      WAZO_HOST: 'lab-1',
      REPORTS_ROOT: reportsRoot,
      KEEP: keep,
      WLA_RUNNER: runner,
      NO_COLOR: '1',
    },
  });
}

void test('a failed run leaves its reports, points latest at them, keeps the last KEEP runs and exits 1', () => {
  const root = mkdtempSync(join(tmpdir(), 'wla-nightly-'));
  try {
    const reports = join(root, 'reports');
    for (const old of ['2026-11-25T023000Z', '2026-11-26T023000Z', '2026-11-27T023000Z', 'keep-me']) {
      mkdirSync(join(reports, old), { recursive: true });
    }
    const run = nightly(reports, fakeRunner(root, 1, true), '2');
    assert.equal(run.status, 1, run.stderr);
    const latest = readlinkSync(join(reports, 'latest'));
    assert.match(latest, /^20\d\d-\d\d-\d\dT\d{6}Z$/);
    assert.deepEqual(
      readdirSync(reports).sort(),
      ['.lock', '2026-11-27T023000Z', latest, 'keep-me', 'latest'].sort(),
    );
    assert.deepEqual(readdirSync(join(reports, latest)).sort(), [
      'exit-status',
      'junit.xml',
      'matrix.html',
      'run.ndjson',
      'summary.txt',
    ]);
    assert.equal(readFileSync(join(reports, latest, 'exit-status'), 'utf8'), '1\n');
    assert.match(run.stdout, /\nFAILED - 3 checks could not be run\n/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

void test('a run that never reached the host keeps its exit status 2 and says no stream was left', () => {
  const root = mkdtempSync(join(tmpdir(), 'wla-nightly-'));
  try {
    const run = nightly(join(root, 'reports'), fakeRunner(root, 2, false), '3');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /the run left no message stream in .*\(runner exit status 2\)\n/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

void test('a bad KEEP is refused before anything runs', () => {
  const root = mkdtempSync(join(tmpdir(), 'wla-nightly-'));
  try {
    const run = nightly(join(root, 'reports'), fakeRunner(root, 0, true), '0');
    assert.equal(run.status, 2);
    assert.equal(run.stderr, "KEEP must be a positive integer, got '0'\n");
    assert.equal(existsSync(join(root, 'reports')), false);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
