// Proof that nothing escapes: each profile plans exactly catalog x its items - nothing missing, nothing extra - for the
// shipped catalog and for one that adds a daemon and overrides another, and "not applicable" only with the catalog's
// reason. Planned as a run plans: cucumber.js expands the templates, cucumber dry-runs them.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadCatalog } from '../catalog/load.ts';
import { baseItem } from '../catalog/lookup.ts';
import type { Catalog } from '../catalog/types.ts';
import type { PlannedCheck } from '../cli/dry-run.ts';
import { DEFAULT_CATALOG_FILE, PACKAGE_ROOT } from '../config/defaults.ts';
import { HOST_WIDE } from '../report/collect.ts';
import { plannedFor } from './testing/planned.ts';

const ADDS_AND_OVERRIDES = join(PACKAGE_ROOT, 'fixtures', 'test-catalogs', 'adds-and-overrides.yml');

// What each profile checks of every daemon (the spec this test holds the features to). NSC-19 also has one
// scenario per route the catalog lists; NSC-09 has two on a fresh install (installed, no leftover); the lifecycle
// profiles look at NSC-10/11/12 twice (static, and against the state before).
const DAILY = [
  'NSC-01', 'NSC-02', 'NSC-03', 'NSC-04', 'NSC-05', 'NSC-06', 'NSC-07', 'NSC-08', 'NSC-09', 'NSC-10', 'NSC-14',
  'NSC-16', 'NSC-17', 'NSC-18', 'NSC-19', 'NSC-19-NGINX', 'NSC-20', 'NSC-21',
]; // prettier-ignore
const PROFILES: Record<string, { perDaemon: string[]; hostWide: string[]; tags?: string }> = {
  daily: { perDaemon: DAILY, hostWide: ['CATALOG'] },
  'fresh-install': { perDaemon: [...DAILY, 'NSC-09'], hostWide: ['CATALOG'] },
  'after-reboot': { perDaemon: [...DAILY, 'NSC-10'], hostWide: ['CATALOG', 'NSC-10'] },
  'after-upgrade': { perDaemon: [...DAILY, 'NSC-11'], hostWide: ['CATALOG', 'NSC-11'] },
  'ha-slave': { perDaemon: ['NSC-12', 'NSC-12'], hostWide: ['NSC-12'] },
  online: { perDaemon: ['NSC-13', 'NSC-15', 'NSC-17'], hostWide: [], tags: '@online' },
};

/** "service item" -> how many scenarios a profile should plan, from the catalog alone. */
function expected(catalog: Catalog, profile: string): Map<string, number> {
  const { perDaemon, hostWide } = PROFILES[profile] as (typeof PROFILES)[string];
  const counts = new Map<string, number>();
  const add = (key: string, n = 1) => counts.set(key, (counts.get(key) ?? 0) + n);
  for (const service of catalog.services) {
    for (const item of perDaemon) add(`${service.name} ${item}`);
    if (perDaemon.includes('NSC-19')) add(`${service.name} NSC-19`, service.http?.routes?.length ?? 0);
  }
  for (const item of hostWide) add(`${HOST_WIDE} ${item}`);
  if (perDaemon.includes('NSC-19')) add('asterisk NSC-19'); // the websocket no daemon serves (http.feature)
  return counts;
}

/** What differs between the planned scenarios and the expected counts, one line per key. */
export function coverageProblems(
  planned: readonly PlannedCheck[],
  want: ReadonlyMap<string, number>,
): string[] {
  const got = new Map<string, number>();
  for (const check of planned)
    got.set(`${check.service} ${check.item}`, (got.get(`${check.service} ${check.item}`) ?? 0) + 1);
  const problems: string[] = [];
  for (const key of new Set([...want.keys(), ...got.keys()])) {
    const w = want.get(key) ?? 0;
    const g = got.get(key) ?? 0;
    if (g < w) problems.push(`missing: ${key} (${g} of ${w})`);
    if (g > w) problems.push(`extra: ${key} (${g}, expected ${w})`);
  }
  return problems.sort();
}

/** Planned checks whose not-applicable reason is not the catalog's. */
function reasonProblems(planned: readonly PlannedCheck[], catalog: Catalog): string[] {
  const problems: string[] = [];
  for (const check of planned) {
    const entry = catalog.services.find((s) => s.name === check.service);
    if (!entry) continue;
    const reason = entry.checklist.notApplicable[baseItem(check.item)];
    if (check.notApplicable !== reason)
      problems.push(`${check.service} ${check.item}: ${check.notApplicable} != ${reason}`);
  }
  return problems;
}

for (const [label, file] of [
  ['the shipped catalog', DEFAULT_CATALOG_FILE],
  ['a catalog that adds wazo-testd and overrides wazo-confd', ADDS_AND_OVERRIDES],
] as const) {
  const catalog = loadCatalog(file);
  for (const profile of Object.keys(PROFILES)) {
    void test(`${label}, profile ${profile}: exactly catalog x items, n/a only with the catalog's reason`, async () => {
      const planned = await plannedFor(
        file,
        profile === 'online' ? 'daily' : profile,
        PROFILES[profile]?.tags,
      );
      assert.deepEqual(coverageProblems(planned, expected(catalog, profile)), []);
      assert.deepEqual(reasonProblems(planned, catalog), []);
    });
  }

  void test(`${label}: every item a daemon's checklist applies is planned by some profile`, async () => {
    const seen = new Map<string, Set<string>>();
    for (const profile of Object.keys(PROFILES)) {
      const planned = await plannedFor(
        file,
        profile === 'online' ? 'daily' : profile,
        PROFILES[profile]?.tags,
      );
      for (const check of planned) {
        if (check.notApplicable !== undefined) continue;
        const items = seen.get(check.service) ?? new Set<string>();
        seen.set(check.service, items.add(baseItem(check.item)));
      }
    }
    const escaped = catalog.services.flatMap((s) =>
      s.checklist.applies.filter((item) => !seen.get(s.name)?.has(item)).map((item) => `${s.name} ${item}`),
    );
    assert.deepEqual(escaped, []);
  });
}

void test('the added daemon is planned in full and the overridden one with its own reasons', async () => {
  const planned = await plannedFor(ADDS_AND_OVERRIDES, 'daily');
  const of = (service: string) => planned.filter((c) => c.service === service);
  assert.deepEqual(
    of('wazo-testd')
      .filter((c) => c.notApplicable !== undefined)
      .map((c) => c.item),
    ['NSC-05', 'NSC-06', 'NSC-16'],
  );
  assert.equal(of('wazo-testd').filter((c) => c.item === 'NSC-19').length, 3);
  assert.deepEqual(
    of('wazo-confd').find((c) => c.item === 'NSC-18'),
    {
      service: 'wazo-confd',
      item: 'NSC-18',
      notApplicable: 'overridden for the test: the specification is not checked',
    },
  );
});

void test('the proof fails when the expansion drops a daemon: the shipped catalog against one that adds wazo-testd', async () => {
  const withTestd = loadCatalog(ADDS_AND_OVERRIDES);
  const planned = await plannedFor(DEFAULT_CATALOG_FILE, 'daily');
  const problems = coverageProblems(planned, expected(withTestd, 'daily'));
  assert.ok(problems.includes('missing: wazo-testd NSC-01 (0 of 1)'), problems.join('\n'));
  assert.ok(problems.includes('missing: wazo-testd NSC-19 (0 of 3)'), problems.join('\n'));
  assert.equal(
    problems.filter((p) => !p.includes('wazo-testd') && !p.includes('wazo-confd NSC-19')).length,
    0,
  );
});

void test('the proof fails on one missing and one extra scenario', () => {
  const want = new Map([
    ['wazo-a NSC-01', 1],
    ['wazo-a NSC-02', 1],
  ]);
  const planned: PlannedCheck[] = [
    { service: 'wazo-a', item: 'NSC-01' },
    { service: 'wazo-a', item: 'NSC-01' },
  ];
  assert.deepEqual(coverageProblems(planned, want), [
    'extra: wazo-a NSC-01 (2, expected 1)',
    'missing: wazo-a NSC-02 (0 of 1)',
  ]);
});
