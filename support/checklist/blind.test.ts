// Proof that a check that could not look is never green: from recorded healthy snapshots, every section is removed,
// failed, cut short and garbled in turn, and every registered fact check is run for every daemon. A check that
// reads the section (its registry row says so) must then end not checked or failed - never passed, never "not
// applicable" where it was not; a check that does not read it must give exactly the healthy result.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCatalog } from '../catalog/load.ts';
import type { Catalog } from '../catalog/types.ts';
import { DEFAULT_CATALOG_FILE } from '../config/defaults.ts';
import { RemoteCommandFailed } from '../errors.ts';
import { assembleFacts } from '../facts/assemble.ts';
import type { RawSection, Sections } from '../facts/frame.ts';
import { parseFrames } from '../facts/frame.ts';
import { recordedSnapshot, recordedSnapshotPlan } from '../facts/testing/recorded.ts';
import type { HostFacts } from '../facts/types.ts';
import type { CheckResult } from '../result.ts';
import type { FactCheck } from './registry.ts';
import { SERVICE_CHECKS } from './registry.ts';

const HOST = 'lab';
const FACT_CHECKS = SERVICE_CHECKS.filter((row): row is FactCheck => row.kind === 'facts');

/** How a section can come back broken; each keeps the rest of the snapshot as it was. */
const BREAKAGES: Record<string, (raw: RawSection) => RawSection | undefined> = {
  missing: () => undefined,
  failed: (raw) => ({ ...raw, rc: 1, stdout: '', stderr: 'simulated: permission denied' }),
  'cut short': (raw) => {
    const lines = raw.stdout.split('\n');
    return { ...raw, rc: 143, stdout: lines.slice(0, Math.floor(lines.length / 2)).join('\n') };
  },
  garbled: (raw) => ({ ...raw, rc: 0, stdout: '\u0001\u0002 not what the command prints\n%%%\t\t' }),
};

interface Recording {
  name: string;
  catalog: Catalog;
  build(sections: Sections): HostFacts;
  sections(): Sections;
}

function recording(name: string): Recording {
  const { nonce, plan } = recordedSnapshotPlan(name);
  const raw = recordedSnapshot(name);
  return {
    name,
    catalog: loadCatalog(DEFAULT_CATALOG_FILE),
    sections: () => parseFrames(raw, nonce),
    build: (sections) => assembleFacts({ sections, plan, raw, gatheredAt: '2026-12-03T07:00:00.000Z' }),
  };
}

function broken(
  sections: Sections,
  section: string,
  breakage: (raw: RawSection) => RawSection | undefined,
): Sections {
  const byKey = sections.get(section);
  if (!byKey) return sections;
  const kept = new Map<string, RawSection>();
  for (const [key, raw] of byKey) {
    const changed = breakage(raw);
    if (changed) kept.set(key, changed);
  }
  if (kept.size === 0) sections.delete(section);
  else sections.set(section, kept);
  return sections;
}

function results(facts: HostFacts, catalog: Catalog, checks: readonly FactCheck[]): Map<string, CheckResult> {
  const out = new Map<string, CheckResult>();
  for (const row of checks) {
    for (const service of catalog.services)
      out.set(`${row.text} | ${service.name}`, row.check(facts, service, HOST));
  }
  return out;
}

/** Every broken-section run that breaks the rule, one line each ("" when the checks keep it). */
export function blindSpots(rec: Recording, checks: readonly FactCheck[]): string[] {
  const healthy = results(rec.build(rec.sections()), rec.catalog, checks);
  const problems: string[] = [];
  for (const section of rec.sections().keys()) {
    for (const [how, breakage] of Object.entries(BREAKAGES)) {
      const got = results(rec.build(broken(rec.sections(), section, breakage)), rec.catalog, checks);
      for (const row of checks) {
        for (const service of rec.catalog.services) {
          const key = `${row.text} | ${service.name}`;
          const before = healthy.get(key) as CheckResult;
          const after = got.get(key) as CheckResult;
          const reads = (row.reads(service) as readonly string[]).includes(section);
          const where = `${rec.name}: ${section} ${how}: ${row.item} ${service.name}`;
          if (!reads && (after.status !== before.status || after.message !== before.message)) {
            problems.push(
              `${where}: does not read ${section} (registry) but went ${before.status} -> ${after.status}`,
            );
          } else if (reads && after.status === 'passed') {
            problems.push(`${where}: passed without ${section}: ${after.message}`);
          } else if (reads && after.status === 'not-applicable' && before.status !== 'not-applicable') {
            problems.push(`${where}: not applicable because ${section} is broken: ${after.message}`);
          }
        }
      }
    }
  }
  return problems;
}

const RECORDINGS = ['lab-sudo', 'container', 'container-non-root'];

for (const name of RECORDINGS) {
  void test(`${name}: no fact check passes on a section it could not read, none changes on one it does not read`, () => {
    const rec = recording(name);
    assert.deepEqual(blindSpots(rec, FACT_CHECKS), []);
  });
}

void test('the healthy recording passes most checks, so the proof has something to break', () => {
  const rec = recording('lab-sudo');
  const healthy = [...results(rec.build(rec.sections()), rec.catalog, FACT_CHECKS).values()];
  const passed = healthy.filter((r) => r.status === 'passed').length;
  assert.ok(passed >= 180, `only ${passed} of ${healthy.length} results passed on the healthy lab recording`);
  const sections = new Set(rec.sections().keys());
  const declared = new Set(
    FACT_CHECKS.flatMap((row) => rec.catalog.services.flatMap((s) => row.reads(s))),
  );
  const unrecorded = [...declared].filter((section) => !sections.has(section)).sort();
  assert.deepEqual(unrecorded, ['config-ownership', 'user-groups'], 'sections no lab-sudo frame exercises');
});

void test('the proof catches a check changed to pass on a missing section, and a read it does not declare', () => {
  const rec = recording('lab-sudo');
  const nsc21 = FACT_CHECKS.find((row) => row.item === 'NSC-21') as FactCheck;
  const lenient: FactCheck = {
    ...nsc21,
    check: (facts, service, host) => {
      const result = nsc21.check(facts, service, host);
      return facts.errors.some((e) => e.section === 'python-local')
        ? { ...result, status: 'passed' }
        : result;
    },
  };
  const spots = blindSpots(rec, [lenient]);
  assert.equal(spots.length, 18 * 4, spots.slice(0, 3).join('\n'));
  assert.match(
    spots[0] ?? '',
    /^lab-sudo: python-local missing: NSC-21 wazo-confd: passed without python-local: /,
  );
  const undeclared: FactCheck = { ...nsc21, reads: () => [] };
  assert.match(
    blindSpots(rec, [undeclared])[0] ?? '',
    /^lab-sudo: python-local missing: NSC-21 wazo-confd: does not read python-local \(registry\) but went passed -> not-checked$/,
  );
});

void test('a snapshot cut short anywhere is refused whole: no check sees a partial host', () => {
  const { nonce } = recordedSnapshotPlan('lab-sudo');
  const raw = recordedSnapshot('lab-sudo');
  for (const fraction of [0.1, 0.5, 0.9]) {
    assert.throws(
      () => parseFrames(raw.slice(0, Math.floor(raw.length * fraction)), nonce),
      RemoteCommandFailed,
    );
  }
});
