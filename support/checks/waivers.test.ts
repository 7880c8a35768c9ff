// Waivers: matching, expiry, unused waivers and the waiver file's validation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogError } from '../errors.ts';
import type { CheckResult } from '../result.ts';
import { loadWaivers, settle, unusedWaivers } from './waivers.ts';
import type { Waiver } from './waivers.ts';

const dir = mkdtempSync(join(tmpdir(), 'wla-waivers-'));
const NOW = new Date('2026-11-28T06:00:00Z');

const failure: CheckResult = {
  host: 'wazo-1.lab',
  service: 'wazo-sysconfd',
  item: 'NSC-01',
  status: 'failed',
  message:
    'wazo-sysconfd on wazo-1.lab: NSC-01 process 321: expected a user other than root, found root (uid 0)',
  evidence: ['process 321: uid=0 user=root command=gunicorn'],
};

const waiver = (over: Partial<Waiver> = {}): Waiver => ({
  hostPattern: '*.lab',
  service: 'wazo-sysconfd',
  item: 'NSC-01',
  justification: 'Wazo runs sysconfd as root by design',
  expires: '2026-12-31',
  ...over,
});

void test('a live matching waiver turns the failure into waived and keeps the failure as evidence', () => {
  const settled = settle(failure, [waiver()], NOW);
  assert.equal(settled.status, 'waived');
  assert.equal(settled.message, 'waived: Wazo runs sysconfd as root by design (until 2026-12-31)');
  assert.deepEqual(settled.evidence, [`waived failure: ${failure.message}`, ...failure.evidence]);
});

void test('a waiver is valid through its expiry day, inclusive', () => {
  assert.equal(settle(failure, [waiver({ expires: '2026-11-28' })], NOW).status, 'waived');
});

void test('an expired waiver leaves the failure failed and says it expired', () => {
  const settled = settle(failure, [waiver({ expires: '2026-11-27' })], NOW);
  assert.equal(settled.status, 'failed');
  assert.equal(
    settled.message,
    `${failure.message} (a waiver expired on 2026-11-27: Wazo runs sysconfd as root by design)`,
  );
});

void test('waivers for another host, service or item, and passing results, change nothing', () => {
  assert.equal(settle(failure, [waiver({ hostPattern: 'prod-*' })], NOW), failure);
  assert.equal(settle(failure, [waiver({ service: 'wazo-confd' })], NOW), failure);
  assert.equal(settle(failure, [waiver({ item: 'NSC-02' })], NOW), failure);
  const passedResult = { ...failure, status: 'passed' as const };
  assert.equal(settle(passedResult, [waiver()], NOW), passedResult);
});

void test('host globs match case-insensitively; "*" matches services and items', () => {
  assert.equal(settle({ ...failure, host: 'WAZO-1.LAB' }, [waiver()], NOW).status, 'waived');
  assert.equal(
    settle(failure, [waiver({ hostPattern: 'wazo-?.lab', service: '*', item: '*' })], NOW).status,
    'waived',
  );
  assert.equal(settle(failure, [waiver({ hostPattern: 'wazo-1xlab' })], NOW).status, 'failed');
});

void test('unusedWaivers lists the waivers that matched no failed or waived result', () => {
  const used = waiver();
  const unused = waiver({ service: 'wazo-confd', item: 'NSC-04' });
  const results = [
    settle(failure, [used], NOW),
    { ...failure, service: 'wazo-confd', item: 'NSC-04', status: 'passed' as const },
  ];
  assert.deepEqual(unusedWaivers([used, unused], results), [unused]);
});

void test('loadWaivers reads a YAML list with unquoted dates', () => {
  const file = join(dir, 'ok.yml');
  writeFileSync(
    file,
    '- host: "*.lab"\n  service: wazo-sysconfd\n  item: NSC-01\n  justification: Wazo runs sysconfd as root by design\n  expires: 2026-12-31\n',
  );
  assert.deepEqual(loadWaivers(file), [waiver()]);
});

void test('loadWaivers reports every bad field with its entry, and impossible dates', () => {
  const file = join(dir, 'bad.yml');
  writeFileSync(
    file,
    [
      '- { host: "*", service: wazo-confd, item: NSC-99, justification: because it is fine, expires: 2026-12-31 }',
      '- { host: "*", service: wazo-auth, item: NSC-02, justification: short, expires: 2026-12-31, owner: me }',
    ].join('\n'),
  );
  assert.throws(
    () => loadWaivers(file),
    (error: unknown) =>
      error instanceof CatalogError &&
      error.message ===
        `waivers ${file} are invalid (3 problems):\n` +
          '  [0] (wazo-confd NSC-99).item: "NSC-99" is not allowed: a checklist item ID such as NSC-01 or NSC-19-NGINX, CATALOG or "*"\n' +
          '  [1] (wazo-auth NSC-02).owner: unknown field; allowed: host, service, item, justification, expires\n' +
          '  [1] (wazo-auth NSC-02).justification: "short" is not allowed: a one-line justification of at least 10 characters',
  );
  writeFileSync(
    file,
    '- { host: "*", service: wazo-auth, item: NSC-02, justification: accepted for now, expires: 2026-02-30 }\n',
  );
  assert.throws(
    () => loadWaivers(file),
    (error: unknown) =>
      error instanceof CatalogError &&
      error.message ===
        `waivers ${file} are invalid (1 problem):\n` +
          '  [0] (wazo-auth NSC-02).expires: "2026-02-30" is not allowed: a date that exists in the calendar',
  );
});

void test('loadWaivers: an empty file is no waivers; a missing one is an error', () => {
  const empty = join(dir, 'empty.yml');
  writeFileSync(empty, '');
  assert.deepEqual(loadWaivers(empty), []);
  assert.throws(
    () => loadWaivers(join(dir, 'absent.yml')),
    (error: unknown) =>
      error instanceof CatalogError && error.message === `waivers ${dir}/absent.yml cannot be read (ENOENT)`,
  );
});
