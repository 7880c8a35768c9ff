// fleet.json: a valid record reads back whole; each wrong field is named with the file; the fleet's exit code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MESSAGES_FILE, META_FILE } from '../cli/reports.ts';
import { fleetExitCode, HOST_RUN_FILES, parseFleetRecord, readFleetRecord } from './fleet-record.ts';
import type { FleetRecord } from './fleet-record.ts';
import { hostRecord } from './testing/fleet-builder.ts';

const RECORD: FleetRecord = {
  version: 1,
  startedAt: '2026-11-28T02:00:00.000Z',
  finishedAt: '2026-11-28T02:05:00.000Z',
  inventory: 'fleet.yml',
  shard: { index: 2, count: 3 },
  hosts: [
    hostRecord({ name: 'pbx-a', role: 'master', pair: 'ha-1', labels: { site: 'paris' }, groups: ['prod'] }),
    hostRecord({
      name: 'pbx-b',
      role: 'slave',
      pair: 'ha-1',
      outcome: 'unreachable',
      reason: 'connect ECONNREFUSED 10.0.0.2:22',
      errorCode: 'HOST_UNREACHABLE',
      exitCode: 2,
    }),
  ],
};

function withHost(change: Record<string, unknown>): string {
  return JSON.stringify({ ...RECORD, hosts: [{ ...RECORD.hosts[0], ...change }] });
}

void test('a valid record reads back exactly as written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wla-fleet-record-'));
  try {
    writeFileSync(join(dir, 'fleet.json'), JSON.stringify(RECORD));
    assert.deepEqual(readFleetRecord(dir), RECORD);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('each wrong field is named with the file, what was expected and what was found', () => {
  const cases: [string, string][] = [
    ['{', 'x.json: expected a JSON fleet record, found invalid JSON'],
    ['[]', 'x.json: the record: expected an object, found []'],
    [JSON.stringify({ ...RECORD, version: 2 }), 'x.json: version: expected 1, found 2'],
    [JSON.stringify({ ...RECORD, hosts: {} }), 'x.json: hosts: expected an array, found {}'],
    [
      JSON.stringify({ ...RECORD, startedAt: 'yesterday' }),
      'x.json: startedAt: expected an ISO time, found "yesterday"',
    ],
    [
      withHost({ outcome: 'down' }),
      'x.json: hosts[0].outcome: expected one of checked, unreachable, interrupted, found "down"',
    ],
    [
      withHost({ role: 'primary' }),
      'x.json: hosts[0].role: expected one of standalone, master, slave, found "primary"',
    ],
    [withHost({ exitCode: 3 }), 'x.json: hosts[0].exitCode: expected 0, 1 or 2, found 3'],
    [
      withHost({ labels: { site: 1 } }),
      'x.json: hosts[0].labels: expected an object of strings, found {"site":1}',
    ],
    [withHost({ host: undefined }), 'x.json: hosts[0].host: expected a non-empty string, found nothing'],
    [
      withHost({ name: '../etc' }),
      'x.json: hosts[0].name: expected a name usable as a directory (no "/", "\\", NUL, not "." or ".."), found "../etc"',
    ],
    [
      JSON.stringify({ ...RECORD, hosts: [RECORD.hosts[0], RECORD.hosts[0]] }),
      'x.json: hosts[1].name: expected a name no other host has, found "pbx-a"',
    ],
    [
      JSON.stringify({ ...RECORD, shard: { index: 4, count: 3 } }),
      'x.json: shard: expected { index, count } with 1 <= index <= count, found {"index":4,"count":3}',
    ],
  ];
  for (const [text, message] of cases)
    assert.throws(() => parseFleetRecord(text, 'x.json'), { message }, text);
});

void test('a directory without fleet.json is named as not a fleet directory', () => {
  assert.throws(() => readFleetRecord('/nonexistent/shard-1'), {
    message:
      'cannot read the fleet record /nonexistent/shard-1/fleet.json: ENOENT (is /nonexistent/shard-1 a fleet --report-dir?)',
    code: 'CONFIG_ERROR',
  });
});

void test('the fleet exits 0 when every host did, 2 when no host was checked, else 1', () => {
  const checked = (exitCode: number) => hostRecord({ name: `h${exitCode}`, exitCode });
  const unreachable = hostRecord({ name: 'u', outcome: 'unreachable', exitCode: 2 });
  assert.equal(fleetExitCode({ hosts: [checked(0), { ...checked(0), name: 'h0b' }] }), 0);
  assert.equal(fleetExitCode({ hosts: [checked(0), checked(1)] }), 1);
  assert.equal(fleetExitCode({ hosts: [checked(0), unreachable] }), 1);
  assert.equal(fleetExitCode({ hosts: [checked(2)] }), 1);
  assert.equal(fleetExitCode({ hosts: [unreachable] }), 2);
  assert.equal(fleetExitCode({ hosts: [hostRecord({ name: 'i', outcome: 'interrupted', exitCode: 0 })] }), 2);
  assert.equal(fleetExitCode({ hosts: [] }), 2);
});

void test("a host's run files are named as the single-host run writes them", () => {
  assert.deepEqual(HOST_RUN_FILES, { messages: MESSAGES_FILE, meta: META_FILE });
});
