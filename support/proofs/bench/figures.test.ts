// Benchmark arithmetic and output: medians, the Markdown table and the per-command baseline's commands.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markdownTable, median, medianFigures } from './figures.ts';
import type { RunFigures } from './figures.ts';
import { perCommandArgvs } from './per-command.ts';

const run = (wallMs: number, channels: number): RunFigures => ({
  wallMs,
  runMs: wallMs / 2,
  connections: 2,
  channels,
  httpRequests: 40,
  bytes: 204_800,
  workers: 1,
});

void test('median of odd and even counts; none is an error', () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.throws(() => median([]), { message: 'median of no value' });
});

void test('each figure takes its own median', () => {
  assert.deepEqual(medianFigures([run(3000, 2), run(1000, 3), run(2000, 2)]), run(2000, 2));
});

void test('the table has one row per setup and the speed-up against the named row', () => {
  const table = markdownTable(
    [
      { label: 'fast', runs: 3, figures: run(2000, 2) },
      { label: 'slow', runs: 1, figures: { ...run(40_000, 400), runMs: NaN } },
    ],
    'slow',
  );
  assert.equal(
    table.split('\n').slice(2).join('\n'),
    [
      '| fast | 3 | 2.00 s | 1.00 s | 2 | 2 | 40 | 200 KiB | 20.0x |',
      '| slow | 1 | 40.00 s | - | 2 | 400 | 40 | 200 KiB | 1.0x |',
    ].join('\n'),
  );
});

void test('the baseline asks one command per fact: 9 unit commands per unit, 3 per user', () => {
  const plan = {
    users: ['u1', 'u2'],
    groups: ['g1'],
    paths: ['/var/log/a.log'],
    writeChecks: [{ user: 'u1', path: '/var/log/a.log' }],
    units: ['a.service', 'b.service'],
    packages: ['p1'],
  };
  const argvs = perCommandArgvs(plan);
  assert.equal(argvs.length, 20 + 6 + 1 + 1 + 1 + 18 + 1);
  assert.deepEqual(argvs.at(-1), ['dpkg-query', '-W', '-f=${Version} ${Architecture}\\n', '--', 'p1']);
  assert.ok(argvs.some((argv) => argv.join(' ') === 'runuser -u u1 -- test -w /var/log/a.log'));
});
