// report --merge: shard directories into one fleet directory, duplicate hosts refused, the fleet's exit code.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { FleetRecord } from '../report/fleet-record.ts';
import { runOf, writeFleetDir } from '../report/testing/fleet-builder.ts';
import { REPORT_OPTIONS } from './command-help.ts';
import type { MainOutcome } from './testing/in-process.ts';
import { runMain } from './testing/in-process.ts';

function cli(argv: string[], cwd: string): Promise<MainOutcome> {
  return runMain(argv, cwd);
}

async function inTemp(body: (cwd: string) => Promise<void>): Promise<void> {
  const cwd = mkdtempSync(join(tmpdir(), 'wla-merge-'));
  try {
    await body(cwd);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

async function shards(cwd: string): Promise<void> {
  await writeFleetDir(
    join(cwd, 's1'),
    [
      { record: { name: 'a' }, envelopes: runOf('a', ['wazo-auth']) },
      {
        record: { name: 'b', exitCode: 1 },
        envelopes: runOf('b', ['wazo-auth'], { 'wazo-auth NSC-01': 'failed' }),
      },
    ],
    {
      startedAt: '2026-11-28T02:00:05.000Z',
      finishedAt: '2026-11-28T02:04:00.000Z',
      shard: { index: 1, count: 2 },
    },
  );
  await writeFleetDir(
    join(cwd, 's2'),
    [{ record: { name: 'c', outcome: 'unreachable', reason: 'no route to host', exitCode: 2 } }],
    {
      startedAt: '2026-11-28T02:00:00.000Z',
      finishedAt: '2026-11-28T02:03:00.000Z',
      shard: { index: 2, count: 2 },
    },
  );
}

void test('merges the shards: hosts in shard order, earliest start, latest end, no shard, each host dir copied', async () => {
  await inTemp(async (cwd) => {
    await shards(cwd);
    const outcome = await cli(['report', '--merge', 's1', 's2', '--report-dir', 'out'], cwd);
    assert.equal(outcome.stderr, '');
    assert.equal(outcome.code, 1);
    const merged = JSON.parse(readFileSync(join(cwd, 'out', 'fleet.json'), 'utf8')) as FleetRecord;
    assert.deepEqual(
      [merged.hosts.map((h) => h.name), merged.startedAt, merged.finishedAt, merged.shard, merged.inventory],
      [['a', 'b', 'c'], '2026-11-28T02:00:00.000Z', '2026-11-28T02:04:00.000Z', undefined, 'fleet.yml'],
    );
    for (const file of ['run.ndjson', 'run-meta.json', 'junit.xml', 'matrix.html'])
      assert.ok(existsSync(join(cwd, 'out', 'hosts', 'b', file)), `hosts/b/${file} was not copied`);
    assert.ok(
      !existsSync(join(cwd, 'out', 'hosts', 'c')),
      'an unreachable host got a directory from nowhere',
    );
    assert.match(outcome.stdout, /\nb +standalone +checked +1 passed, 1 failed, .* \| F NSC-01 wazo-auth\n/);
    assert.match(outcome.stdout, /\nc +standalone +unreachable no route to host\n/);
    assert.match(
      outcome.stdout,
      new RegExp(
        `\\nwrote ${cwd}/out/fleet.json\\nwrote ${cwd}/out/junit.xml\\nwrote ${cwd}/out/matrix.html\\n$`,
      ),
    );
  });
});

void test('--compare-with adds changes.json; an all-green fleet exits 0, one never checked exits 2', async () => {
  await inTemp(async (cwd) => {
    await writeFleetDir(join(cwd, 'green'), [
      { record: { name: 'a' }, envelopes: runOf('a', ['wazo-auth']) },
    ]);
    await writeFleetDir(join(cwd, 'old'), [{ record: { name: 'a', outcome: 'unreachable', exitCode: 2 } }]);
    const green = await cli(
      ['report', '--merge', 'green', '--report-dir', 'out', '--compare-with', 'old'],
      cwd,
    );
    assert.equal(green.code, 0, green.stderr);
    assert.match(green.stdout, /: 0 new failures, 1 fixed, 0 still failing\nFIXED a \(the host\) connect: /);
    assert.ok(existsSync(join(cwd, 'out', 'changes.json')));
    const none = await cli(['report', '--merge', 'old', '--report-dir', 'out2'], cwd);
    assert.equal(none.code, 2, none.stderr);
  });
});

void test('two shards naming one host, or a directory without fleet.json, exit 2 naming both or it', async () => {
  await inTemp(async (cwd) => {
    await shards(cwd);
    await writeFleetDir(join(cwd, 's3'), [{ record: { name: 'b' }, envelopes: runOf('b', ['wazo-auth']) }]);
    mkdirSync(join(cwd, 'empty'));
    assert.deepEqual(await cli(['report', '--merge', 's1', 's2', 's3', '--report-dir', 'out'], cwd), {
      code: 2,
      stdout: '',
      stderr: `wazo-live-acceptance: host "b" is in both ${cwd}/s1/fleet.json and ${cwd}/s3/fleet.json: shards of one fleet never share a host name\n`,
    });
    assert.deepEqual(await cli(['report', '--merge', 's1', 'empty', '--report-dir', 'out'], cwd), {
      code: 2,
      stdout: '',
      stderr: `wazo-live-acceptance: cannot read the fleet record ${cwd}/empty/fleet.json: ENOENT (is ${cwd}/empty a fleet --report-dir?)\n`,
    });
    assert.ok(!existsSync(join(cwd, 'out')), 'a refused merge wrote something');
  });
});

void test('--merge refuses single-run options and a missing --report-dir; a stray argument is still refused', async () => {
  await inTemp(async (cwd) => {
    const allowed = REPORT_OPTIONS.map((option) => option.name).join(', ');
    const cases: [string[], string][] = [
      [['report', '--merge', 's1'], '--merge DIR... needs --report-dir OUT: where to write the merged fleet'],
      [
        ['report', '--merge', 's1', '--report-dir', 'o', '--messages', 'x', '--profile', 'p'],
        '--merge takes --report-dir, --compare-with and --color/--no-color, not --messages, --profile',
      ],
      [
        ['report', '--messages', 'x', 'stray'],
        `unexpected argument 'stray'; the options of report are ${allowed}`,
      ],
      [
        ['report', '--messages', 'x', '--report-dir', 'o'],
        '--report-dir and --compare-with belong to --merge DIR...; a single run takes --out DIR',
      ],
      [
        ['report', '--merge', 'out', '--report-dir', 'out'],
        `--report-dir ${cwd}/out is also a --merge directory: merge into a new directory`,
      ],
    ];
    for (const [argv, message] of cases)
      assert.deepEqual(
        await cli(argv, cwd),
        { code: 2, stdout: '', stderr: `wazo-live-acceptance: ${message}\n` },
        argv.join(' '),
      );
  });
});
