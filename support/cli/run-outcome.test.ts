// Exit code, tally and summary from CheckResults, and their collection from cucumber's messages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Envelope } from '@cucumber/messages';
import type { CheckResult, CheckStatus } from '../result.ts';
import { MessageBuilder, result as row } from '../report/testing/message-builder.ts';
import { causeChain } from './cause.ts';
import { ResultCollector, exitCodeFor, summaryLine, tally } from './run-outcome.ts';

function result(status: CheckStatus, errorCode?: string): CheckResult {
  const base = { host: 'h', service: 'wazo-confd', item: 'NSC-01', status, message: 'm', evidence: [] };
  return errorCode === undefined ? base : { ...base, errorCode };
}

void test('0 when every check passed, is waived or not applicable', () => {
  assert.equal(exitCodeFor([result('passed'), result('waived'), result('not-applicable')], true), 0);
  assert.equal(exitCodeFor([result('not-applicable')], true), 0);
});

void test('1 when no check ran at all (tags that match nothing, every service deselected)', () => {
  assert.equal(exitCodeFor([], true), 1);
});

void test('1 when a check failed, whatever else happened', () => {
  assert.equal(exitCodeFor([result('passed'), result('failed')], false), 1);
  assert.equal(exitCodeFor([result('failed'), result('not-checked', 'HOST_UNREACHABLE')], false), 1);
});

void test('1 when a check could not be checked but the host was reached', () => {
  assert.equal(exitCodeFor([result('passed'), result('not-checked', 'TIMED_OUT')], false), 1);
  assert.equal(exitCodeFor([result('passed'), result('not-checked', 'HOST_UNREACHABLE')], false), 1);
  assert.equal(exitCodeFor([result('not-checked', 'TIMED_OUT')], false), 1);
  assert.equal(exitCodeFor([result('not-checked', 'INTERNAL_ERROR')], false), 1);
});

void test('1, not 2, when only an endpoint on the reached host (Consul, a daemon port) or the internet did not answer', () => {
  assert.equal(exitCodeFor([result('not-checked', 'ENDPOINT_UNREACHABLE')], false), 1);
  assert.equal(
    exitCodeFor([result('not-checked', 'ENDPOINT_UNREACHABLE'), result('not-applicable')], false),
    1,
  );
});

void test('2 when nothing reached the host for connection or configuration reasons', () => {
  assert.equal(
    exitCodeFor([result('not-checked', 'HOST_UNREACHABLE'), result('not-checked', 'AUTH_FAILED')], false),
    2,
  );
  assert.equal(exitCodeFor([result('not-checked', 'HOST_KEY_REJECTED'), result('not-applicable')], false), 2);
  assert.equal(exitCodeFor([result('not-checked', 'SUDO_REFUSED')], false), 2);
  assert.equal(
    exitCodeFor([result('not-checked', 'CONFIG_ERROR'), result('not-checked', 'CATALOG_ERROR')], false),
    2,
  );
});

void test('1 when cucumber failed without a result (undefined step, bug in a hook)', () => {
  assert.equal(exitCodeFor([result('passed')], false), 1);
  assert.equal(exitCodeFor([], false), 1);
});

void test('tally and summary line', () => {
  const counts = tally([
    result('passed'),
    result('passed'),
    result('failed'),
    result('waived'),
    result('not-checked', 'TIMED_OUT'),
  ]);
  assert.deepEqual(counts, { passed: 2, failed: 1, 'not-applicable': 0, waived: 1, 'not-checked': 1 });
  assert.equal(
    summaryLine(counts, 12_345),
    '2 passed, 1 failed, 0 not applicable, 1 waived, 1 not checked in 12.35s',
  );
});

void test("the collector's results are the reports' rows: retried attempts dropped, a missing result not checked", () => {
  const collector = new ResultCollector();
  const stream = new MessageBuilder()
    .scenario({
      name: 'wazo-amid: the log file is writable',
      tags: ['@NSC-04'],
      retriedAttempts: [[{ text: 'x', status: 'FAILED' }]],
      results: [row({ service: 'wazo-amid', item: 'NSC-04', status: 'passed' })],
    })
    .scenario({
      name: 'wazo-auth: the default user is not root',
      tags: ['@NSC-01'],
      steps: [{ text: 'an undefined step', status: 'UNDEFINED' }],
    })
    .envelopes();
  for (const envelope of stream) collector.onMessage(envelope as Envelope);
  const rows = collector.results('wazo-1');
  assert.deepEqual(
    rows.map((r) => [r.host, r.service, r.item, r.status, r.message]),
    [
      ['staging-1', 'wazo-amid', 'NSC-04', 'passed', 'wazo-amid on staging-1: NSC-04 passed'],
      ['wazo-1', 'wazo-auth', 'NSC-01', 'not-checked', 'step undefined: an undefined step'],
    ],
  );
  assert.equal(collector.envelopes().length, stream.length);
  assert.equal(exitCodeFor(rows, false), 1);
});

void test('an error reads with its causes, outermost first', () => {
  const inner = new Error('Tag expression "(@a" could not be parsed');
  assert.equal(
    causeChain(new Error('pickles:filter failed', { cause: inner })),
    'pickles:filter failed: Tag expression "(@a" could not be parsed',
  );
  assert.equal(causeChain('plain'), 'plain');
});
