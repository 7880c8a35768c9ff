// The CLI's report defaults, the run's metadata and the files a --report-dir run leaves behind.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_CATALOG_FILE } from '../config/defaults.ts';
import { MessageBuilder, result } from '../report/testing/message-builder.ts';
import { parseNdjson } from '../report/messages.ts';
import type { RunOptions } from './args.ts';
import { parseArgs } from './args.ts';
import { catalogVersionOf, reportFormats, terminalOf, writeRunReports } from './reports.ts';

const TTY = { isTTY: true, color: true, columns: 120 };
const PIPE = { isTTY: false, color: false, columns: 100 };

function run(argv: string[]): RunOptions {
  return parseArgs(argv, '/cwd').run;
}

void test('default reports: the table on a terminal only; all three with --report-dir; --report wins', () => {
  assert.deepEqual(reportFormats(run([]), TTY), ['table']);
  assert.deepEqual(reportFormats(run([]), PIPE), []);
  assert.deepEqual(reportFormats(run(['--report-dir', 'r']), PIPE), ['junit', 'matrix', 'table']);
  assert.deepEqual(reportFormats(run(['--report-dir', 'r', '--report', 'junit']), TTY), ['junit']);
  assert.deepEqual(reportFormats(run(['--report', 'none']), TTY), []);
});

void test('colour only on a TTY with NO_COLOR unset', () => {
  assert.deepEqual(terminalOf({ isTTY: true, columns: 80 }, {}), { isTTY: true, color: true, columns: 80 });
  assert.equal(terminalOf({ isTTY: true }, { NO_COLOR: '1' }).color, false);
  assert.deepEqual(terminalOf({}, {}), { isTTY: false, color: false, columns: 100 });
});

void test("the catalog's version comes from its file; an unreadable or versionless file says unknown", () => {
  assert.equal(catalogVersionOf(DEFAULT_CATALOG_FILE), 'services.yml v1');
  assert.equal(catalogVersionOf('/nonexistent/services.yml'), 'unknown');
});

void test('--report-dir gets the reports, the raw messages and the run metadata; the table is returned', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wla-cli-reports-'));
  try {
    const envelopes = new MessageBuilder()
      .scenario({
        name: 'wazo-amid: the user can write the default log file',
        tags: ['@NSC-04'],
        results: [result({ host: 'wazo-1', service: 'wazo-amid', item: 'NSC-04', status: 'failed' })],
      })
      .envelopes();
    const meta = {
      host: 'wazo-1',
      runnerVersion: '0.1.0',
      catalogVersion: 'services.yml v1',
      startedAt: '2026-11-28T02:00:00.000Z',
      durationMs: 13,
      profile: 'daily',
      insecure: false,
      acceptNewHostKey: true,
      httpsRoute: 'ssh' as const,
    };
    const table = await writeRunReports(envelopes, meta, run(['--report-dir', dir]), PIPE);
    assert.match(table, /\nF wazo-amid NSC-04: wazo-amid on staging-1: NSC-04 failed\n/);
    assert.ok(!table.includes('\u001b['));
    const ndjson = join(dir, 'run.ndjson');
    assert.deepEqual(parseNdjson(readFileSync(ndjson, 'utf8'), ndjson), envelopes);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'run-meta.json'), 'utf8')), meta);
    assert.match(readFileSync(join(dir, 'junit.xml'), 'utf8'), /<failure message="wazo-amid on staging-1/);
    assert.match(readFileSync(join(dir, 'matrix.html'), 'utf8'), /data-service="wazo-amid"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('without --report-dir on a terminal: only the table, in colour', async () => {
  const meta = {
    host: 'h',
    runnerVersion: '0',
    catalogVersion: 'x',
    startedAt: '2026-11-28T02:00:00.000Z',
    durationMs: 0,
    profile: 'daily',
    insecure: false,
    acceptNewHostKey: false,
    httpsRoute: 'direct' as const,
  };
  const table = await writeRunReports(new MessageBuilder().envelopes(), meta, run([]), TTY);
  assert.ok(table.includes('\u001b[1;35mNO CHECK RAN'), table);
});
