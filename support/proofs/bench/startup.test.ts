// The start-up trace: a real node process prints its phases, and the table takes medians per phase.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { STARTUP_TRACE_OPTIONS, parseStartupTrace, startupTable } from './startup.ts';

void test('a node process run with the trace prints its start, the marked modules it resolves and its exit', () => {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', "await import('../../ssh/connect.ts');"],
    {
      env: { PATH: process.env['PATH'] ?? '', NODE_OPTIONS: STARTUP_TRACE_OPTIONS },
      cwd: import.meta.dirname,
      encoding: 'utf8',
      timeout: 30_000,
    },
  );
  assert.equal(run.status, 0, run.stderr);
  const names = parseStartupTrace(run.stderr).map((phase) => phase.name);
  assert.deepEqual(names, [
    'preload (node started)',
    'catalog loaded; preflight starts (ssh code loads, connects)',
    'exit',
  ]);
  const times = parseStartupTrace(run.stderr).map((phase) => phase.atMs);
  assert.deepEqual(
    times,
    [...times].sort((a, b) => a - b),
  );
});

void test('the table has median starts and lengths of the phases every run has', () => {
  const text = (a: number, b: number, c: number) =>
    `[startup] ${a} ms node\nnoise\n[startup] ${b} ms cucumber\n[startup] ${c} ms exit\n`;
  const runs = [text(50, 300, 1000), text(70, 200, 900), text(60, 260, 2000)].map(parseStartupTrace);
  runs[1]!.splice(1, 0, { name: 'only once', atMs: 100 });
  assert.equal(
    startupTable(runs),
    [
      '| phase begins (first module resolved) | at (median) | until the next phase (median) |',
      '| --- | ---: | ---: |',
      '| node | 60 ms | 200 ms |',
      '| cucumber | 260 ms | 700 ms |',
      '| exit | 1000 ms | - |',
    ].join('\n'),
  );
});
