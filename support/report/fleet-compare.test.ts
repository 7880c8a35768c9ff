// compareFleets: keyed by (host, daemon, item); bad is failed or not-checked; an unreached host changes at host level.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckStatus } from '../result.ts';
import type { ReportRow } from './collect.ts';
import { compareFleets } from './fleet-compare.ts';
import type { FleetHostRecord, FleetHostResults, FleetResults } from './fleet-record.ts';
import { hostRecord } from './testing/fleet-builder.ts';

function row(
  service: string,
  item: string,
  status: CheckStatus,
  message = `${service} ${item} ${status}`,
): ReportRow {
  return {
    host: 'h',
    service,
    item,
    status,
    message,
    evidence: [],
    scenario: `${service}: ${item}`,
    uri: 'features/x.feature',
    tags: [],
    scenarioStatus: 'PASSED',
    durationMs: 1,
  };
}

function host(name: string, rows: ReportRow[], record: Partial<FleetHostRecord> = {}): FleetHostResults {
  return { record: hostRecord({ name, ...record }), rows };
}

function fleet(startedAt: string, hosts: FleetHostResults[]): FleetResults {
  return {
    record: { version: 1, startedAt, finishedAt: startedAt, hosts: hosts.map((h) => h.record) },
    hosts,
  };
}

const unreachable = {
  outcome: 'unreachable',
  reason: 'connect ETIMEDOUT',
  errorCode: 'TIMED_OUT',
  exitCode: 2,
} as const;

void test('new failures, fixed and still failing, each key judged on its worst row', () => {
  const before = fleet('2026-11-27T02:00:00.000Z', [
    host('a', [
      row('wazo-auth', 'NSC-01', 'passed'),
      row('wazo-confd', 'NSC-01', 'failed', 'confd was root'),
      row('wazo-dird', 'NSC-04', 'not-checked', 'dird timed out'),
      row('wazo-dird', 'NSC-08', 'failed', 'dird not in monit'),
    ]),
  ]);
  const now = fleet('2026-11-28T02:00:00.000Z', [
    host('a', [
      row('wazo-auth', 'NSC-01', 'passed'),
      row('wazo-auth', 'NSC-01', 'failed', 'auth is root now'),
      row('wazo-confd', 'NSC-01', 'passed'),
      row('wazo-dird', 'NSC-04', 'failed', 'dird log not writable'),
      row('wazo-dird', 'NSC-08', 'waived', 'waived: OPS-1'),
      row('wazo-webhookd', 'NSC-01', 'not-checked', 'webhookd timed out'),
    ]),
  ]);
  const comparison = compareFleets(before, now);
  assert.deepEqual(comparison, {
    version: 1,
    previous: { startedAt: '2026-11-27T02:00:00.000Z', finishedAt: '2026-11-27T02:00:00.000Z' },
    current: { startedAt: '2026-11-28T02:00:00.000Z', finishedAt: '2026-11-28T02:00:00.000Z' },
    newFailures: [
      {
        host: 'a',
        daemon: 'wazo-auth',
        item: 'NSC-01',
        now: 'failed',
        before: 'passed',
        message: 'auth is root now',
      },
      {
        host: 'a',
        daemon: 'wazo-webhookd',
        item: 'NSC-01',
        now: 'not-checked',
        before: 'absent',
        message: 'webhookd timed out',
      },
    ],
    fixed: [
      {
        host: 'a',
        daemon: 'wazo-confd',
        item: 'NSC-01',
        now: 'passed',
        before: 'failed',
        message: 'confd was root',
      },
      {
        host: 'a',
        daemon: 'wazo-dird',
        item: 'NSC-08',
        now: 'waived',
        before: 'failed',
        message: 'dird not in monit',
      },
    ],
    stillFailing: [
      {
        host: 'a',
        daemon: 'wazo-dird',
        item: 'NSC-04',
        now: 'failed',
        before: 'not-checked',
        message: 'dird log not writable',
      },
    ],
    addedHosts: [],
    removedHosts: [],
  });
});

void test('a host unreachable now is one new failure at host level; reached again, it is fixed', () => {
  const checked = host('b', [row('wazo-auth', 'NSC-01', 'failed', 'auth is root')], { exitCode: 1 });
  const down = host('b', [], unreachable);
  const worse = compareFleets(
    fleet('2026-11-27T00:00:00Z', [checked]),
    fleet('2026-11-28T00:00:00Z', [down]),
  );
  assert.deepEqual(worse.newFailures, [
    {
      host: 'b',
      daemon: '*',
      item: 'connect',
      now: 'unreachable',
      before: 'passed',
      message: 'unreachable [TIMED_OUT]: connect ETIMEDOUT',
    },
  ]);
  assert.deepEqual([worse.fixed, worse.stillFailing], [[], []], 'an unreached host fixes nothing');
  const better = compareFleets(
    fleet('2026-11-27T00:00:00Z', [down]),
    fleet('2026-11-28T00:00:00Z', [checked]),
  );
  assert.deepEqual(
    better.fixed.map((c) => [c.host, c.daemon, c.item, c.before, c.now]),
    [['b', '*', 'connect', 'unreachable', 'passed']],
  );
  assert.deepEqual(
    better.newFailures.map((c) => [c.daemon, c.item, c.before]),
    [['wazo-auth', 'NSC-01', 'absent']],
    'failures nobody could see before are new',
  );
  const still = compareFleets(fleet('2026-11-27T00:00:00Z', [down]), fleet('2026-11-28T00:00:00Z', [down]));
  assert.deepEqual(
    [still.newFailures.length, still.fixed.length, still.stillFailing.map((c) => `${c.daemon} ${c.item}`)],
    [0, 0, ['* connect']],
  );
});

void test('hosts only in one run are listed as added or removed; an added host brings its failures', () => {
  const comparison = compareFleets(
    fleet('2026-11-27T00:00:00Z', [host('old', [row('wazo-auth', 'NSC-01', 'failed')])]),
    fleet('2026-11-28T00:00:00Z', [host('new', [row('wazo-auth', 'NSC-01', 'failed')])]),
  );
  assert.deepEqual([comparison.addedHosts, comparison.removedHosts], [['new'], ['old']]);
  assert.deepEqual(
    comparison.newFailures.map((c) => c.host),
    ['new'],
  );
  assert.deepEqual([comparison.fixed, comparison.stillFailing], [[], []], 'a removed host fixes nothing');
});

void test('identical runs change nothing: no new failure, nothing fixed', () => {
  const runs = [host('a', [row('wazo-auth', 'NSC-01', 'failed'), row('wazo-auth', 'NSC-08', 'passed')])];
  const comparison = compareFleets(fleet('2026-11-27T00:00:00Z', runs), fleet('2026-11-28T00:00:00Z', runs));
  assert.deepEqual([comparison.newFailures, comparison.fixed], [[], []]);
  assert.equal(comparison.stillFailing.length, 1);
});
