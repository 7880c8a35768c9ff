// CATALOG: every wazo-* daemon unit on the host is in the catalog, so no daemon escapes the checklist.
import type { Catalog } from '../catalog/types.ts';
import type { HostFacts } from '../facts/types.ts';
import type { CheckResult } from '../result.ts';

export const CATALOG_ITEM = 'CATALOG';

export function checkCatalogCoverage(facts: HostFacts, catalog: Catalog, host: string): CheckResult {
  const base = { host, service: 'catalog', item: CATALOG_ITEM };
  const failure = facts.errors.find((e) => e.section === 'unit-files');
  if (failure) {
    const why = failure.message ?? (failure.stderr.trim() || `exit status ${String(failure.exitCode)}`);
    const message = `catalog on ${host}: ${CATALOG_ITEM} could not be checked: the fact snapshot could not read unit-files (${why})`;
    return { ...base, status: 'not-checked', message, evidence: [], errorCode: 'REMOTE_COMMAND_FAILED' };
  }
  const known = new Set(catalog.services.map((s) => s.unit));
  const hostUnits = [...new Set([...facts.wazoUnits, ...facts.unitFileStates.keys()])]
    .filter((u) => /^wazo-.*\.service$/.test(u))
    .sort();
  const unknown = hostUnits.filter((u) => !known.has(u));
  const evidence = [
    `wazo-* units on the host: ${hostUnits.join(' ') || 'none'}`,
    `catalog ${catalog.file}: ${[...known].join(' ')}`,
  ];
  if (unknown.length === 0) {
    return {
      ...base,
      status: 'passed',
      message: `catalog on ${host}: ${CATALOG_ITEM} names all ${hostUnits.length} wazo-* daemon units of the host`,
      evidence,
    };
  }
  const mismatches = unknown.map(
    (u) => `unit ${u}: expected in the catalog ${catalog.file}, found a daemon the catalog does not name`,
  );
  return {
    ...base,
    status: 'failed',
    message: `catalog on ${host}: ${CATALOG_ITEM} ${mismatches.join('; ')}`,
    evidence,
  };
}
