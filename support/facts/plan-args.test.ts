// Tests of plan validation and encoding: names and paths are data, and anything that could break framing is refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizePlan, planArguments } from './plan-args.ts';
import type { GatherPlan } from './types.ts';

const empty: GatherPlan = { users: [], groups: [], paths: [], writeChecks: [], units: [], packages: [] };

void test('each item becomes one prefixed argument; write-checked paths and users are also gathered', () => {
  const plan = normalizePlan({
    ...empty,
    users: ['wazo-auth'],
    groups: ['consul', 'consul'],
    paths: ['/etc/wazo-auth/'],
    writeChecks: [{ user: 'wazo-auth', path: '/var/log/wazo auth.log' }],
    units: ['wazo-auth.service'],
    packages: ['wazo-auth'],
  });
  assert.deepEqual(planArguments(plan), [
    'u:wazo-auth',
    'g:consul',
    'p:/etc/wazo-auth/',
    'p:/var/log/wazo auth.log',
    'w:wazo-auth:/var/log/wazo auth.log',
    's:wazo-auth.service',
    'k:wazo-auth',
  ]);
});

void test('package-owned directories become o: arguments, deduplicated; a plan without them has none', () => {
  const plan = normalizePlan({ ...empty, ownedDirs: ['/etc/wazo-auth/', '/etc/my dir/', '/etc/wazo-auth/'] });
  assert.deepEqual(planArguments(plan), ['o:/etc/wazo-auth/', 'o:/etc/my dir/']);
  assert.deepEqual(normalizePlan(empty), empty);
  assert.throws(() => planArguments({ ...empty, ownedDirs: ['etc/'] }), {
    code: 'CATALOG_ERROR',
    message: 'fact plan: "etc/" is not a valid path name',
  });
});

void test('hostile values are refused before anything runs', () => {
  const cases: [Partial<GatherPlan>, string][] = [
    [{ users: ['-rf'] }, '"-rf" is not a valid user name'],
    [{ users: ['a;b'] }, '"a;b" is not a valid user name'],
    [{ paths: ['relative/path'] }, '"relative/path" is not a valid path name'],
    [{ paths: ['/a\n@@WLA:x:DONE'] }, '"/a\\n@@WLA:x:DONE" is not a valid path name'],
    [{ units: ['a b.service'] }, '"a b.service" is not a valid unit name'],
    [{ packages: ['Wazo'] }, '"Wazo" is not a valid package name'],
  ];
  for (const [part, message] of cases) {
    assert.throws(() => planArguments({ ...empty, ...part }), {
      code: 'CATALOG_ERROR',
      message: `fact plan: ${message}`,
    });
  }
});
