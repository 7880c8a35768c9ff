// npm run report: builds the reports from a saved message stream; exit 1 on a failed run, 2 on bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function report(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/report.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
}

void test('the recorded run gives junit.xml, matrix.html, the table, and exit 1 for its failure', () => {
  const out = mkdtempSync(join(tmpdir(), 'wla-report-'));
  try {
    const run = report(['--messages', 'fixtures/report/run.ndjson', '--out', out, '--profile', 'daily']);
    assert.equal(run.stderr, '');
    assert.equal(run.status, 1);
    assert.deepEqual(readdirSync(out).sort(), ['junit.xml', 'matrix.html']);
    assert.match(
      run.stdout,
      /\| host lab-1 \| profile daily \| https direct from the runner \| catalog unknown \|/,
    );
    assert.match(run.stdout, /\nFAILED - 3 checks could not be run\n/);
    assert.match(run.stdout, new RegExp(`\\nwrote ${out}/junit.xml\\nwrote ${out}/matrix.html\\n$`));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

void test('bad input exits 2 and says what was expected', () => {
  const missing = report(['--out', '/tmp/x']);
  assert.equal(missing.status, 2);
  assert.match(
    missing.stderr,
    /^report: --messages FILE is required \(a cucumber --format message:FILE output\)\n/,
  );
  const unknown = report(['--messages', 'fixtures/report/run.ndjson', '--format', 'junit,pdf']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /^report: --format: expected some of junit,matrix,table, found pdf\n/);
  const absent = report(['--messages', '/nonexistent/run.ndjson']);
  assert.equal(absent.status, 2);
  assert.match(absent.stderr, /^report: cannot read the messages file \/nonexistent\/run.ndjson: ENOENT\n/);
});
