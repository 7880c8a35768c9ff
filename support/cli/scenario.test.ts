// Service selection of scenarios and the result of a scenario that ended on an error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CheckFailed, HostUnreachable } from '../errors.ts';
import type { PickleView } from './scenario.ts';
import {
  isDeselected,
  resultFromError,
  scenarioItem,
  scenarioServices,
  serviceNameFilters,
} from './scenario.ts';

const CATALOG = ['wazo-confd', 'wazo-auth', 'wazo-calld'];

function pickle(name: string, steps: string[], tags: string[] = []): PickleView {
  return { name, steps: steps.map((text) => ({ text })), tags: tags.map((tag) => ({ name: tag })) };
}

void test('a scenario names its services in double quotes or as its name prefix', () => {
  assert.deepEqual(scenarioServices(pickle('x', ['the service "wazo-auth" runs']), CATALOG), ['wazo-auth']);
  assert.deepEqual(scenarioServices(pickle('wazo-confd: the user is not root', ['y']), CATALOG), [
    'wazo-confd',
  ]);
  assert.deepEqual(
    scenarioServices(pickle('the catalog covers every daemon', ['"wazo-other"']), CATALOG),
    [],
  );
});

void test("--service deselects other services' scenarios but keeps host-wide ones", () => {
  const auth = pickle('x', ['the service "wazo-auth" runs']);
  const hostWide = pickle('the catalog covers every Wazo daemon', ['every daemon is known']);
  assert.equal(isDeselected(auth, CATALOG, []), false);
  assert.equal(isDeselected(auth, CATALOG, ['wazo-auth']), false);
  assert.equal(isDeselected(auth, CATALOG, ['wazo-confd']), true);
  assert.equal(isDeselected(hostWide, CATALOG, ['wazo-confd']), false);
});

void test('the item is the @NSC tag, else the first capitalised tag, else SCENARIO', () => {
  assert.equal(scenarioItem(pickle('x', [], ['@daily', '@NSC-04'])), 'NSC-04');
  assert.equal(scenarioItem(pickle('x', [], ['@daily', '@CATALOG'])), 'CATALOG');
  assert.equal(scenarioItem(pickle('x', [], ['@daily'])), 'SCENARIO');
});

void test('an uncaught error becomes failed, not-checked with its code, or an internal error', () => {
  assert.deepEqual(resultFromError(new CheckFailed('bad', ['e1']), 'h', 's', 'NSC-01'), {
    host: 'h',
    service: 's',
    item: 'NSC-01',
    status: 'failed',
    message: 'bad',
    evidence: ['e1'],
  });
  assert.deepEqual(resultFromError(new HostUnreachable('gone'), 'h', 's', 'NSC-01'), {
    host: 'h',
    service: 's',
    item: 'NSC-01',
    status: 'not-checked',
    message: 'gone',
    evidence: [],
    errorCode: 'HOST_UNREACHABLE',
  });
  assert.deepEqual(resultFromError(new TypeError('x is undefined'), 'h', '', 'SCENARIO'), {
    host: 'h',
    service: '',
    item: 'SCENARIO',
    status: 'not-checked',
    message: 'x is undefined',
    evidence: [],
    errorCode: 'INTERNAL_ERROR',
  });
});

void test('--service becomes name filters: the selected services, plus scenarios named after no service', () => {
  const filters = serviceNameFilters(['wazo-auth', 'x.y'], [...CATALOG, 'x.y']).map((f) => new RegExp(f));
  const kept = (name: string): boolean => filters.some((filter) => filter.test(name));
  assert.equal(kept('wazo-auth: the default user is not root'), true);
  assert.equal(kept('x.y: the default user is not root'), true);
  assert.equal(kept('xzy: the default user is not root'), true);
  assert.equal(kept('wazo-confd: the default user is not root'), false);
  assert.equal(kept('the catalog covers every Wazo daemon'), true);
  assert.equal(kept('asterisk: the web server serves "/api/asterisk/ws"'), true);
  assert.deepEqual(serviceNameFilters([], CATALOG), []);
});
