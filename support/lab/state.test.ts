// state.json round-trips, and a damaged one is named with what it lacks.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseLabState, readLabState, writeLabState } from './state.ts';
import type { LabState } from './state.ts';

const state: LabState = {
  containerId: 'c7094c2dadd69ab9',
  containerName: 'wazo-lab-8577bdf6ba',
  image: 'localhost/wazo-lab:ad04f633c0a1',
  variant: null,
  mutations: ['nsc-04-log-owner'],
  ports: { ssh: 43869, http: 42967, https: 46563 },
  startedAt: '2026-11-28T06:48:14.521Z',
};

void test('a written state reads back equal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-state-'));
  writeLabState(dir, state);
  assert.deepEqual(readLabState(dir), state);
});

void test('a missing state says there is no lab and how to start one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-state-'));
  assert.throws(() => readLabState(dir), {
    code: 'CONFIG_ERROR',
    message: `no lab in ${dir}: ${join(dir, 'state.json')} cannot be read (start one with npm run lab:up)`,
  });
});

void test('a state without ports or with a bad mutation list is refused', () => {
  const expected = {
    code: 'CONFIG_ERROR',
    message:
      's.json is not a lab state: expected containerId, containerName, image, variant, mutations, ports {ssh, http, https}, startedAt',
  };
  assert.throws(
    () => parseLabState(JSON.stringify({ ...state, ports: { ssh: 1, http: 2 } }), 's.json'),
    expected,
  );
  assert.throws(() => parseLabState(JSON.stringify({ ...state, mutations: [1] }), 's.json'), expected);
  assert.throws(() => parseLabState('[]', 's.json'), expected);
});

void test('a state that is not JSON says so', () => {
  assert.throws(() => parseLabState('{', 's.json'), {
    code: 'CONFIG_ERROR',
    message: /^s\.json is not JSON: /,
  });
});
