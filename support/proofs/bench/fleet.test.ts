// The fleet bench's pure parts: GNU time's -o output, the samples of concurrent and sequential runs, the tables.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  GNU_TIME,
  concurrentSample,
  exitCodes,
  fleetTable,
  growthTable,
  memoryPerExtraHostKb,
  parseMaxRssKb,
  sequentialSample,
  sweepTable,
} from './fleet.ts';
import type { FleetSample, MeasuredRun } from './fleet.ts';

void test('peak RSS of a run that exited 0, exited 1 or was killed, as GNU time writes them', () => {
  assert.equal(parseMaxRssKb('184320\n'), 184_320);
  assert.equal(parseMaxRssKb('Command exited with non-zero status 1\n191004\n'), 191_004);
  assert.equal(parseMaxRssKb('Command terminated by signal 9\n1456\n'), 1456);
  assert.throws(() => parseMaxRssKb(''), {
    message: 'no peak RSS (KiB) in the output of /usr/bin/time -f %M: ""',
  });
  assert.throws(() => parseMaxRssKb('Command exited with non-zero status 2\n'), {
    message:
      'no peak RSS (KiB) in the output of /usr/bin/time -f %M: "Command exited with non-zero status 2\\n"',
  });
});

void test('GNU time measures a process that holds 100 MB as at least 100 MB, and keeps its exit code', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wla-time-'));
  try {
    const out = join(dir, 'time.txt');
    const run = spawnSync(
      GNU_TIME,
      ['-f', '%M', '-o', out, process.execPath, '-e', 'Buffer.alloc(100e6, 1); process.exitCode = 1'],
      { encoding: 'utf8', timeout: 30_000 },
    );
    assert.equal(run.status, 1, run.stderr);
    const kb = parseMaxRssKb(readFileSync(out, 'utf8'));
    assert.ok(kb >= 100e6 / 1024, `${kb} KiB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const measured = (peakRssKb: number, code: number | null = 0): MeasuredRun => ({
  code,
  wallMs: 1000,
  peakRssKb,
  stderr: '',
});

void test('runs at once add their peaks; runs one after another keep the largest', () => {
  const runs = [measured(100_000), measured(120_000, 1), measured(110_000)];
  assert.deepEqual(concurrentSample(runs, 2500), { wallMs: 2500, rssKb: 330_000, codes: [0, 1, 0] });
  assert.deepEqual(sequentialSample(runs, 6000), { wallMs: 6000, rssKb: 120_000, codes: [0, 1, 0] });
});

void test('exit codes: "0" when all are, else each code counted', () => {
  assert.equal(exitCodes([{ wallMs: 1, rssKb: 1, codes: [0, 0] }]), '0');
  assert.equal(exitCodes([{ wallMs: 1, rssKb: 1, codes: [0, 1, null, 1] }]), '0 x1, 1 x2, signal x1');
});

const sample = (wallMs: number, rssMb: number): FleetSample => ({ wallMs, rssKb: rssMb * 1024, codes: [0] });

void test('the fleet table: medians, wall per host, the meaning of the memory figure', () => {
  const table = fleetTable([
    {
      hosts: 1,
      setup: 'one fleet run',
      rssMeaning: 'the process',
      samples: [sample(2100, 180), sample(2300, 190), sample(2200, 170)],
    },
    { hosts: 3, setup: '3 runs at once', rssMeaning: 'sum of 3', samples: [sample(6000, 540)] },
  ]);
  assert.equal(
    table,
    [
      '| hosts | how | runs | wall time (median) | wall per host | peak RSS (median) | exit codes |',
      '| ---: | --- | ---: | ---: | ---: | ---: | --- |',
      '| 1 | one fleet run | 3 | 2.20 s | 2.20 s | 180 MiB (the process) | 0 |',
      '| 3 | 3 runs at once | 1 | 6.00 s | 2.00 s | 540 MiB (sum of 3) | 0 |',
    ].join('\n'),
  );
});

void test('the sweep table: speed-up against one host at a time', () => {
  const table = sweepTable([
    { hostsParallel: 1, hosts: 6, samples: [sample(12_000, 200)] },
    { hostsParallel: 3, hosts: 6, samples: [sample(6000, 260), sample(8000, 250)] },
  ]);
  assert.deepEqual(table.split('\n').slice(2), [
    '| 1 | 1 | 12.00 s | 2.00 s | 200 MiB | 1.00x | 0 |',
    '| 3 | 2 | 7.00 s | 1.17 s | 255 MiB | 1.71x | 0 |',
  ]);
});

void test('memory per extra host: the difference spread over the extra hosts; one host has none', () => {
  assert.equal(memoryPerExtraHostKb(180_000, 280_000, 6), 20_000);
  assert.throws(() => memoryPerExtraHostKb(180_000, 180_000, 1), {
    message: 'memory per extra host needs at least 2 hosts, got 1',
  });
});

void test('the growth table: memory per host added between rows', () => {
  const table = growthTable([
    { hosts: 6, samples: [sample(5000, 300)] },
    { hosts: 24, samples: [sample(15_000, 480)] },
  ]);
  assert.deepEqual(table.split('\n').slice(2), [
    '| 6 | 1 | 5.00 s | 0.83 s | 300 MiB | - | 0 |',
    '| 24 | 1 | 15.00 s | 0.63 s | 480 MiB | 10.0 MiB | 0 |',
  ]);
});
