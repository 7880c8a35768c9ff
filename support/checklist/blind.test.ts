// Proof that a check that could not look is never green: from recorded healthy snapshots, every section is removed,
// failed, cut short and garbled in turn, and every registered check is run for every daemon - the fact checks on
// the broken facts, the run-bound ones (Consul, HTTP, the internet, lifecycle) through a run whose facts are the
// broken ones and whose endpoints answer the same every time. A check that reads the section (its registry row
// says so) must then end not checked or failed - never passed, never "not applicable" where it was not; a check
// that does not read it must give exactly the healthy result.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadCatalog } from '../catalog/load.ts';
import type { Catalog, ServiceEntry } from '../catalog/types.ts';
import { DEFAULT_CATALOG_FILE } from '../config/defaults.ts';
import { resolveConfig } from '../config/resolve.ts';
import type { RunnerConfig } from '../config/types.ts';
import type { ConsulClient } from '../consul/client.ts';
import { RemoteCommandFailed } from '../errors.ts';
import { EndpointUnreachable } from '../http/errors.ts';
import { assembleFacts } from '../facts/assemble.ts';
import type { RawSection, Sections } from '../facts/frame.ts';
import { parseFrames } from '../facts/frame.ts';
import { recordedSnapshot, recordedSnapshotPlan } from '../facts/testing/recorded.ts';
import type { HostFacts } from '../facts/types.ts';
import type { HttpClient } from '../http/client.ts';
import { HttpOutcomes } from '../http/outcomes.ts';
import { hostStateFrom } from '../lifecycle/host-state.ts';
import type { HostState } from '../lifecycle/host-state.ts';
import { writeHostState } from '../lifecycle/state-file.ts';
import type { CheckResult } from '../result.ts';
import type { ChecklistRun, FactCheck, ServiceCheck } from './registry.ts';
import { HOST_CHECKS, SERVICE_CHECKS } from './registry.ts';

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
  config: RunnerConfig;
  build(sections: Sections): HostFacts;
  sections(): Sections;
}

const work = mkdtempSync(join(tmpdir(), 'wla-blind-'));

/** The recording's facts and a run configuration whose baseline is the healthy host (consul.enabled: auto). */
function recording(name: string): Recording {
  const { nonce, plan } = recordedSnapshotPlan(name);
  const raw = recordedSnapshot(name);
  const catalog = loadCatalog(DEFAULT_CATALOG_FILE);
  const build = (sections: Sections) =>
    assembleFacts({ sections, plan, raw, gatheredAt: '2026-12-03T07:00:00.000Z' });
  const baselineFile = join(work, `${name}.baseline.json`);
  writeHostState(
    baselineFile,
    earlierState(hostStateFrom(build(parseFrames(raw, nonce)), catalog.services, HOST)),
  );
  const env = { WAZO_HOST: HOST, WAZO_BASELINE: baselineFile };
  const { config } = resolveConfig({ env, cwd: work, home: work });
  return { name, catalog, config, build, sections: () => parseFrames(raw, nonce) };
}

/**
 * The healthy host as it was a day earlier, before a reboot and an upgrade: another boot, every daemon running then
 * too, on an older version, so that the lifecycle checks pass on the healthy recording and have something to lose.
 */
function earlierState(now: HostState): HostState {
  const boot = (now.pid1StartedAt ?? 0) - 86_400;
  return {
    ...now,
    takenAt: new Date((boot + 3_600) * 1000).toISOString(),
    hostTime: boot + 3_600,
    bootId: 'the-boot-before',
    pid1StartedAt: boot,
    daemons: now.daemons.map((d) => ({
      ...d,
      mainPid: d.mainPid + 1,
      startedAt: d.startedAt === null ? null : boot + 60,
      version: d.version === null ? null : `${d.version}~before`,
    })),
  };
}

/** Endpoints that answer the same whatever the snapshot says: a registered service, an HTTP port down. */
const HEALTHY_CONSUL: ConsulClient = {
  healthyServices: (name) => Promise.resolve([instance(name)]),
  allInstances: (name) => Promise.resolve([instance(name)]),
  serviceNames: () => Promise.resolve([]),
  tokenSource: 'no token',
  close: () => Promise.resolve(),
};
const DOWN_HTTP: HttpClient = {
  request: () => Promise.reject(new EndpointUnreachable('simulated: nothing answers')),
  requestCount: 0,
  close: () => Promise.resolve(),
};

function instance(name: string) {
  return {
    serviceId: `${name}-1`,
    serviceName: name,
    address: '127.0.0.1',
    port: 1,
    tags: [],
    checks: { c: 'passing' },
  };
}

function runOf(rec: Recording, facts: HostFacts): ChecklistRun {
  const http = new HttpOutcomes({
    https: () => Promise.resolve(DOWN_HTTP),
    tunnel: () => Promise.resolve(DOWN_HTTP),
  });
  return {
    config: rec.config,
    catalog: rec.catalog,
    facts: () => Promise.resolve(facts),
    watched: () => Promise.resolve({ earlier: facts, facts, windowS: 15 }),
    apiHttp: () => http,
    consul: () => Promise.resolve(HEALTHY_CONSUL),
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

/** A check as the harness runs it: per daemon, or once for the host (service: undefined). */
interface Probe {
  item: string;
  key: string;
  reads: readonly string[];
  run(rec: Recording, facts: HostFacts): Promise<CheckResult>;
}

function probes(rec: Recording, checks: readonly ServiceCheck[]): Probe[] {
  const perDaemon = checks.flatMap((row) =>
    rec.catalog.services.map((service: ServiceEntry) => ({
      item: row.item,
      key: `${row.item} ${service.name} (${row.text})`,
      reads: row.reads(service),
      run: (r: Recording, facts: HostFacts) =>
        row.kind === 'facts'
          ? Promise.resolve(row.check(facts, service, HOST))
          : row.check(runOf(r, facts), service),
    })),
  );
  const { catalog } = HOST_CHECKS;
  const hostWide = {
    item: catalog.item,
    key: `${catalog.item} (host-wide)`,
    reads: catalog.reads as readonly string[],
    run: (r: Recording, facts: HostFacts) => catalog.check(runOf(r, facts)),
  };
  return checks === SERVICE_CHECKS ? [...perDaemon, hostWide] : perDaemon;
}

async function results(
  rec: Recording,
  facts: HostFacts,
  all: readonly Probe[],
): Promise<Map<string, CheckResult>> {
  const out = new Map<string, CheckResult>();
  for (const probe of all) out.set(probe.key, await probe.run(rec, facts));
  return out;
}

/** Every broken-section run that breaks the rule, one line each. */
export async function blindSpots(rec: Recording, checks: readonly ServiceCheck[]): Promise<string[]> {
  const all = probes(rec, checks);
  const healthy = await results(rec, rec.build(rec.sections()), all);
  const problems: string[] = [];
  for (const section of rec.sections().keys()) {
    for (const [how, breakage] of Object.entries(BREAKAGES)) {
      const got = await results(rec, rec.build(broken(rec.sections(), section, breakage)), all);
      for (const probe of all) {
        const before = healthy.get(probe.key) as CheckResult;
        const after = got.get(probe.key) as CheckResult;
        const reads = probe.reads.includes(section);
        const where = `${rec.name}: ${section} ${how}: ${probe.key}`;
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
  return problems;
}

const RECORDINGS = ['lab-daily', 'lab-sudo', 'container', 'container-non-root'];
const realFetch = globalThis.fetch;

before(() => {
  // The @online checks ask wazo-platform.org: offline here, the same answer for every snapshot.
  globalThis.fetch = () => Promise.reject(new Error('simulated: no network'));
});

after(() => {
  globalThis.fetch = realFetch;
});

for (const name of RECORDINGS) {
  void test(`${name}: no check passes on a section it could not read, none changes on one it does not read`, async () => {
    assert.deepEqual(await blindSpots(recording(name), SERVICE_CHECKS), []);
  });
}

void test('every registered check is probed, and the healthy recording passes most of them', async () => {
  const rec = recording('lab-daily');
  const all = probes(rec, SERVICE_CHECKS);
  assert.equal(all.length, SERVICE_CHECKS.length * rec.catalog.services.length + 1);
  const healthy = [...(await results(rec, rec.build(rec.sections()), all)).values()];
  const passed = healthy.filter((r) => r.status === 'passed').length;
  assert.ok(passed >= 270, `only ${passed} of ${healthy.length} results passed on the healthy lab recording`);
  const sections = new Set(rec.sections().keys());
  const declared = new Set(all.flatMap((p) => p.reads));
  const unrecorded = [...declared].filter((section) => !sections.has(section)).sort();
  assert.deepEqual(
    unrecorded,
    ['user-groups'],
    'sections no lab-daily frame exercises (container-non-root has it)',
  );
});

void test('the proof catches a check changed to pass on a missing section, and a read it does not declare', async () => {
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
  const spots = await blindSpots(rec, [lenient]);
  assert.equal(spots.length, 18 * 4, spots.slice(0, 3).join('\n'));
  assert.match(
    spots[0] ?? '',
    /^lab-sudo: python-local missing: NSC-21 wazo-confd \(.*\): passed without python-local: /,
  );
  const undeclared: FactCheck = { ...nsc21, reads: () => [] };
  assert.match(
    (await blindSpots(rec, [undeclared]))[0] ?? '',
    /^lab-sudo: python-local missing: NSC-21 wazo-confd \(.*\): does not read python-local \(registry\) but went passed -> not-checked$/,
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
