// collectResults: one row per check; a scenario without a valid result is never counted as passed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { collectResults, itemOf, serviceOf } from './collect.ts';
import { MessageBuilder, result } from './testing/message-builder.ts';
import { parseNdjson } from './messages.ts';

const RECORDED = new URL('../../fixtures/report/run.ndjson', import.meta.url);

function only<T>(rows: readonly T[]): T {
  assert.equal(rows.length, 1, `expected exactly one row, found ${rows.length}`);
  return rows[0] as T;
}

void test('a recorded cucumber run yields one row per scenario with the status the check decided', () => {
  const envelopes = parseNdjson(readFileSync(RECORDED, 'utf8'), 'run.ndjson');
  const rows = collectResults(envelopes);
  assert.deepEqual(
    rows.map((r) => [r.service, r.item, r.status, r.errorCode ?? '', r.scenarioStatus]),
    [
      ['wazo-auth', 'NSC-01', 'passed', '', 'PASSED'],
      ['wazo-confd', 'NSC-01', 'failed', '', 'FAILED'],
      ['wazo-auth', 'NSC-08', 'waived', '', 'PASSED'],
      ['wazo-confd', 'NSC-08', 'not-applicable', '', 'PASSED'],
      ['wazo-dird', 'NSC-04', 'not-checked', 'REMOTE_COMMAND_FAILED', 'FAILED'],
      ['wazo-dird', 'NSC-05', 'not-checked', 'NO_RESULT', 'PASSED'],
      ['wazo-dird', 'NSC-17', 'not-checked', 'UNDEFINED_STEP', 'UNDEFINED'],
    ],
  );
  assert.ok(rows.every((r) => r.host === 'lab-1'));
  const failed = rows[1];
  assert.equal(failed?.scenario, 'wazo-confd: the default user is not root');
  assert.deepEqual(failed?.tags, ['@NSC-01', '@daily']);
  assert.equal(
    rows[4]?.message,
    'wazo-dird on lab-1: fact snapshot ended with exit status 137 after 30000 ms',
  );
  assert.equal(rows[6]?.message, 'step undefined: a step nobody has written yet');
});

void test('a scenario that passed without attaching a result counts as not-checked', () => {
  const envelopes = new MessageBuilder()
    .scenario({ name: 'wazo-auth: the default user is not root', tags: ['@NSC-01', '@daily'] })
    .envelopes();
  const row = only(collectResults(envelopes, { host: 'staging-1' }));
  assert.equal(row.status, 'not-checked');
  assert.equal(row.errorCode, 'NO_RESULT');
  assert.equal(row.message, 'the scenario ended PASSED without recording a check result');
  assert.equal(row.host, 'staging-1');
  assert.equal(row.service, 'wazo-auth');
  assert.equal(row.item, 'NSC-01');
});

void test('a scenario that failed before its check counts as not-checked with its error and code', () => {
  const envelopes = new MessageBuilder()
    .scenario({
      name: 'wazo-confd: the user can write the default log file',
      tags: ['@NSC-04'],
      steps: [
        {
          text: 'the service "wazo-confd" can write its log file',
          status: 'FAILED',
          exception: {
            type: 'HostUnreachable',
            message: 'staging-1:22: connection refused after 3 attempts in 9000 ms',
          },
        },
      ],
    })
    .envelopes();
  const row = only(collectResults(envelopes, { host: 'staging-1' }));
  assert.equal(row.status, 'not-checked');
  assert.equal(row.errorCode, 'HOST_UNREACHABLE');
  assert.equal(row.message, 'staging-1:22: connection refused after 3 attempts in 9000 ms');
  assert.deepEqual(row.evidence, [
    'step: the service "wazo-confd" can write its log file',
    'HostUnreachable: staging-1:22: connection refused after 3 attempts in 9000 ms',
  ]);
});

void test('an error of no known class keeps its class name as the code', () => {
  const envelopes = new MessageBuilder()
    .scenario({
      name: 'wazo-confd: x',
      tags: ['@NSC-02'],
      steps: [{ text: 'x', status: 'FAILED', exception: { type: 'TypeError', message: 'y is undefined' } }],
    })
    .envelopes();
  const row = only(collectResults(envelopes));
  assert.equal(row.status, 'not-checked');
  assert.equal(row.errorCode, 'TypeError');
});

void test('a CheckFailed thrown without a result attachment is still a failure of the host', () => {
  const envelopes = new MessageBuilder()
    .scenario({
      name: 'wazo-confd: the default user is not root',
      tags: ['@NSC-01'],
      steps: [
        {
          text: 'the service "wazo-confd" runs as its own unprivileged user',
          status: 'FAILED',
          exception: {
            type: 'CheckFailed',
            message: 'wazo-confd on staging-1: NSC-01 user: expected wazo-confd, found root',
          },
        },
      ],
    })
    .envelopes();
  const row = only(collectResults(envelopes));
  assert.equal(row.status, 'failed');
  assert.equal(row.errorCode, undefined);
  assert.equal(row.message, 'wazo-confd on staging-1: NSC-01 user: expected wazo-confd, found root');
});

void test('a passed result whose scenario then failed is not-checked, never passed', () => {
  const envelopes = new MessageBuilder()
    .scenario({
      name: 'wazo-auth: the default user is not root',
      tags: ['@NSC-01'],
      results: [
        result({ service: 'wazo-auth', item: 'NSC-01', status: 'passed', message: 'user wazo-auth' }),
      ],
      steps: [
        { text: 'the check runs', status: 'PASSED' },
        {
          text: 'nothing else is wrong',
          status: 'FAILED',
          exception: { type: 'TimedOut', message: 'no answer in 5000 ms' },
        },
      ],
    })
    .envelopes();
  const row = only(collectResults(envelopes));
  assert.equal(row.status, 'not-checked');
  assert.equal(row.errorCode, 'TIMED_OUT');
  assert.equal(row.message, 'user wazo-auth - but the scenario then ended FAILED: no answer in 5000 ms');
});

void test('a failed result stays failed even when the scenario itself passed', () => {
  const envelopes = new MessageBuilder()
    .scenario({
      name: 'wazo-auth: the default user is not root',
      tags: ['@NSC-01'],
      results: [result({ service: 'wazo-auth', item: 'NSC-01', status: 'failed' })],
    })
    .envelopes();
  assert.equal(only(collectResults(envelopes)).status, 'failed');
});

void test('waived and not-applicable results may come from a skipped scenario', () => {
  const envelopes = new MessageBuilder()
    .scenario({
      name: 'wazo-auth: monit',
      tags: ['@NSC-08'],
      steps: [{ text: 'x', status: 'SKIPPED' }],
      results: [result({ service: 'wazo-auth', item: 'NSC-08', status: 'not-applicable' })],
    })
    .envelopes();
  assert.equal(only(collectResults(envelopes)).status, 'not-applicable');
});

void test('only the last attempt of a retried scenario counts', () => {
  const envelopes = new MessageBuilder()
    .scenario({
      name: 'wazo-auth: the default user is not root',
      tags: ['@NSC-01'],
      retriedAttempts: [[{ text: 'x', status: 'FAILED', exception: { type: 'TimedOut', message: 'slow' } }]],
      results: [result({ service: 'wazo-auth', item: 'NSC-01', status: 'passed' })],
    })
    .envelopes();
  const row = only(collectResults(envelopes));
  assert.equal(row.status, 'passed');
  assert.equal(row.durationMs, 12);
});

void test('a base64 attachment is decoded', () => {
  const envelopes = new MessageBuilder()
    .scenario({
      name: 'wazo-auth: x',
      tags: ['@NSC-01'],
      base64: true,
      results: [result({ service: 'wazo-auth', item: 'NSC-01', status: 'waived', message: 'waived: OPS-1' })],
    })
    .envelopes();
  const row = only(collectResults(envelopes));
  assert.equal(row.status, 'waived');
  assert.equal(row.message, 'waived: OPS-1');
});

void test('an attachment that is not a CheckResult makes the scenario not-checked', () => {
  const envelopes = new MessageBuilder()
    .scenario({ name: 'wazo-auth: x', tags: ['@NSC-01'], results: ['{"status":"passed"}'] })
    .scenario({ name: 'wazo-dird: x', tags: ['@NSC-01'], results: ['not json'] })
    .envelopes();
  const [first, second] = collectResults(envelopes);
  assert.equal(first?.status, 'not-checked');
  assert.equal(first?.message, 'the result attachment is not a CheckResult: {"status":"passed"}');
  assert.equal(second?.status, 'not-checked');
  assert.equal(second?.message, 'the result attachment is not JSON: not json');
});

void test('scenarios cut short or never started count as not-checked', () => {
  const envelopes = new MessageBuilder()
    .scenario({ name: 'wazo-auth: x', tags: ['@NSC-01'], finished: false })
    .scenario({ name: 'wazo-dird: x', tags: ['@NSC-01'], started: false })
    .envelopes();
  const [cut, never] = collectResults(envelopes);
  assert.equal(cut?.status, 'not-checked');
  assert.equal(cut?.scenarioStatus, 'NOT_FINISHED');
  assert.equal(cut?.message, 'the scenario never finished: the run was interrupted');
  assert.equal(never?.status, 'not-checked');
  assert.equal(never?.scenarioStatus, 'NOT_STARTED');
  assert.equal(never?.message, 'the scenario never started: the run ended before it');
});

void test('the host of a scenario without a result is the single host the other results name', () => {
  const envelopes = new MessageBuilder()
    .scenario({
      name: 'wazo-auth: x',
      tags: ['@NSC-01'],
      results: [result({ service: 'wazo-auth', item: 'NSC-01', status: 'passed' })],
    })
    .scenario({ name: 'wazo-dird: x', tags: ['@NSC-01'] })
    .envelopes();
  assert.equal(collectResults(envelopes)[1]?.host, 'staging-1');
});

void test('service and item come from the scenario name and tags', () => {
  assert.equal(serviceOf('wazo-auth: the default user is not root'), 'wazo-auth');
  assert.equal(serviceOf('the host runs Debian stable'), '(host-wide)');
  assert.equal(itemOf(['@daily', '@NSC-07']), 'NSC-07');
  assert.equal(itemOf(['@daily', '@CATALOG']), 'CATALOG');
  assert.equal(itemOf(['@daily', '@online']), 'SCENARIO');
});

void test('a scenario skipped on purpose without a verdict is not run, not a row', () => {
  const envelopes = new MessageBuilder()
    .scenario({
      name: 'wazo-auth: reboot',
      tags: ['@NSC-10', '@destructive'],
      steps: [{ text: 'x', status: 'SKIPPED' }],
    })
    .envelopes();
  assert.deepEqual(collectResults(envelopes), []);
});

void test('a result without host or service (the configuration failed) gets the run host and the host-wide label', () => {
  const envelopes = new MessageBuilder()
    .scenario({
      name: 'wazo-auth: x',
      tags: ['@NSC-01'],
      steps: [{ text: 'x', status: 'FAILED', exception: { type: 'ConfigError', message: 'bad --port' } }],
      results: [
        result({ host: '', service: '', item: 'NSC-01', status: 'not-checked', errorCode: 'CONFIG_ERROR' }),
      ],
    })
    .envelopes();
  const row = only(collectResults(envelopes, { host: 'staging-1' }));
  assert.equal(row.host, 'staging-1');
  assert.equal(row.service, '(host-wide)');
  assert.equal(row.status, 'not-checked');
});
