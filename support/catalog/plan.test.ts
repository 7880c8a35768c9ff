// Tests gatherPlan and the catalog lookups on the shipped catalog.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CatalogError } from '../errors.ts';
import { gatherPlan, loadCatalog } from './load.ts';
import { DEFAULT_CATALOG_FILE } from '../config/defaults.ts';
import { applicability, findService } from './lookup.ts';

const catalog = loadCatalog(DEFAULT_CATALOG_FILE);

void test('the plan for one daemon holds its user, paths, write checks, unit and package', () => {
  assert.deepEqual(gatherPlan(catalog, ['wazo-confgend']), {
    users: ['wazo-confgend'],
    groups: ['wazo-confgend'],
    paths: [
      '/var/log/wazo-confgend.log',
      '/run/wazo-confgend/wazo-confgend.pid',
      '/run/wazo-confgend',
      '/etc/wazo-confgend/config.yml',
      '/etc/wazo-confgend/conf.d/',
      '/etc/wazo-confgend/templates/',
      '/var/lib/wazo-confgend',
      '/home/wazo-confgend',
    ],
    writeChecks: [
      { user: 'wazo-confgend', path: '/var/log/wazo-confgend.log' },
      { user: 'wazo-confgend', path: '/run/wazo-confgend/wazo-confgend.pid' },
      { user: 'wazo-confgend', path: '/run/wazo-confgend' },
    ],
    units: ['wazo-confgend.service'],
    packages: ['wazo-confgend', 'dpkg', 'base-files'],
    ownedDirs: ['/etc/wazo-confgend/'],
  });
});

void test('the plan for every daemon deduplicates shared users and paths', () => {
  const plan = gatherPlan(catalog, []);
  assert.equal(plan.units.length, 18);
  assert.equal(plan.users.filter((u) => u === 'www-data').length, 1);
  assert.equal(new Set(plan.paths).size, plan.paths.length);
  assert.ok(plan.users.includes('root'));
});

void test('an unknown service name is refused with the catalog names', () => {
  assert.throws(
    () => gatherPlan(catalog, ['wazo-nope']),
    (error: unknown) =>
      error instanceof CatalogError &&
      error.message.startsWith(
        `unknown service "wazo-nope": the catalog ${DEFAULT_CATALOG_FILE} names wazo-confd, wazo-auth, `,
      ),
  );
});

void test('applicability gives the catalog reason, also for derived item IDs', () => {
  const confd = findService(catalog, 'wazo-confd');
  assert.deepEqual(applicability(confd, 'NSC-01'), { applies: true });
  assert.deepEqual(applicability(findService(catalog, 'wazo-phoned'), 'NSC-19-NGINX'), {
    applies: false,
    reason:
      'no nginx location: phones reach it directly on 0.0.0.0:9498/9499, filtered by IP (wazo-facts.md §6)',
  });
});
