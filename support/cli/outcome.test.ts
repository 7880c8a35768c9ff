// Exit code, tally and summary from CheckResults, and their collection from cucumber's messages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Envelope } from '@cucumber/messages';
import type { CheckResult, CheckStatus } from '../checks/result.ts';
import { RESULT_MEDIA_TYPE } from '../checks/result.ts';
import { causeChain } from './cause.ts';
import { ResultCollector, exitCodeFor, summaryLine, tally } from './outcome.ts';

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
    '2 passed, 1 failed, 0 not applicable, 1 waived, 1 not checked in 12.3s',
  );
});

function attachment(
  testCaseStartedId: string,
  body: string,
  mediaType = RESULT_MEDIA_TYPE,
  encoding = 'IDENTITY',
): Envelope {
  return {
    attachment: { body, mediaType, contentEncoding: encoding, testCaseStartedId },
  } as unknown as Envelope;
}

void test('the collector reads result attachments only, plain or base64, and drops retried attempts', () => {
  const collector = new ResultCollector();
  const failed = JSON.stringify(result('failed'));
  const passed = JSON.stringify(result('passed'));
  collector.onMessage(attachment('a1', failed));
  collector.onMessage(attachment('a1', 'evidence line', 'text/plain'));
  collector.onMessage({
    testCaseFinished: { testCaseStartedId: 'a1', willBeRetried: true },
  } as unknown as Envelope);
  collector.onMessage(attachment('a2', Buffer.from(passed).toString('base64'), RESULT_MEDIA_TYPE, 'BASE64'));
  collector.onMessage({
    testCaseFinished: { testCaseStartedId: 'a2', willBeRetried: false },
  } as unknown as Envelope);
  assert.deepEqual(collector.results(), [result('passed')]);
});

void test('an error reads with its causes, outermost first', () => {
  const inner = new Error('Tag expression "(@a" could not be parsed');
  assert.equal(
    causeChain(new Error('pickles:filter failed', { cause: inner })),
    'pickles:filter failed: Tag expression "(@a" could not be parsed',
  );
  assert.equal(causeChain('plain'), 'plain');
});
