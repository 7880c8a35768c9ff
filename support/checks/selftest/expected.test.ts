// The expected-results comparison: matches, status changes, missing and extra results, message drift.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { CheckResult } from '../../result.ts';
import { differences, loadExpected } from './expected.ts';
import type { ExpectedRun } from './expected.ts';

const expected: ExpectedRun = {
  profile: 'daily',
  items: ['NSC-01', 'NSC-05'],
  results: { 'wazo-sysconfd': { 'NSC-01': 'fail', 'NSC-05': 'n/a' }, 'wazo-auth': { 'NSC-01': 'pass' } },
  findings: [
    {
      service: 'wazo-sysconfd',
      item: 'NSC-01',
      message:
        'wazo-sysconfd on h: NSC-01 process <pid>: expected a user other than root, found root (uid 0)',
      kind: 'wazo-finding',
      source: 'catalog-facts.yml',
    },
  ],
};

const result = (service: string, item: string, status: CheckResult['status'], message = ''): CheckResult => ({
  host: 'h',
  service,
  item,
  status,
  message,
  evidence: [],
});

const matching = [
  result(
    'wazo-sysconfd',
    'NSC-01',
    'failed',
    'wazo-sysconfd on h: NSC-01 process 71: expected a user other than root, found root (uid 0)',
  ),
  result('wazo-sysconfd', 'NSC-05', 'not-applicable'),
  result('wazo-auth', 'NSC-01', 'passed'),
  result('wazo-auth', 'NSC-19', 'failed', 'not this file'),
];

void test('a matching run has no differences; items the file does not speak for are ignored', () => {
  assert.deepEqual(differences(expected, matching), []);
});

void test('status changes, missing and extra results and message drift are each reported', () => {
  const drifted = [
    result('wazo-sysconfd', 'NSC-01', 'failed', 'wazo-sysconfd on h: NSC-01 something else'),
    result('wazo-auth', 'NSC-01', 'failed', 'wazo-auth on h: NSC-01 boom'),
    result('wazo-confd', 'NSC-05', 'not-applicable', 'not applicable: x'),
  ];
  assert.deepEqual(differences(expected, drifted), [
    'wazo-sysconfd NSC-05: expected n/a, found no result',
    'wazo-auth NSC-01: expected pass, found fail (wazo-auth on h: NSC-01 boom)',
    'wazo-confd NSC-05: expected no result, found n/a (not applicable: x)',
    'wazo-sysconfd NSC-01 message: expected wazo-sysconfd on h: NSC-01 process <pid>: expected a user other than root, ' +
      'found root (uid 0), found wazo-sysconfd on h: NSC-01 something else',
  ]);
});

void test('an item with several scenarios is compared as a list: one pass turning n/a is a difference', () => {
  const twice: ExpectedRun = {
    ...expected,
    items: ['NSC-19'],
    results: { 'wazo-auth': { 'NSC-19': ['pass', 'pass'] } },
    findings: [],
  };
  const both = [result('wazo-auth', 'NSC-19', 'passed'), result('wazo-auth', 'NSC-19', 'passed')];
  assert.deepEqual(differences(twice, both), []);
  const oneNa = [
    result('wazo-auth', 'NSC-19', 'passed'),
    result('wazo-auth', 'NSC-19', 'not-applicable', 'not applicable: y'),
  ];
  assert.deepEqual(differences(twice, oneNa), [
    'wazo-auth NSC-19: expected [pass, pass], found [pass, n/a] (not applicable: y)',
  ]);
  assert.deepEqual(differences(twice, both.slice(1)), [
    'wazo-auth NSC-19: expected [pass, pass], found pass',
  ]);
});

void test('the default-lab file explains every expected failure', () => {
  const file = fileURLToPath(new URL('../../../fixtures/expected/default-lab.yml', import.meta.url));
  const loaded = loadExpected(file);
  assert.equal(Object.keys(loaded.results).length, 20);
  assert.deepEqual(
    loaded.items.filter((i) => ['NSC-16', 'NSC-18', 'NSC-19'].includes(i)),
    ['NSC-16', 'NSC-18', 'NSC-19'],
  );
  assert.equal(loaded.findings.filter((f) => f.kind === 'wazo-finding').length, 6);
});
