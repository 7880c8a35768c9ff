// --dry-run's listing: per daemon, the checklist items a run would check and those the catalog rules out, with why.
import type { Catalog } from '../catalog/load.ts';
import { applicability } from '../catalog/lookup.ts';
import { HOST_WIDE, itemOf, serviceOf } from '../report/collect.ts';
import type { MessageEnvelope, PickleMessage } from '../report/messages.ts';

export interface PlannedCheck {
  service: string;
  item: string;
  /** Absent when the check would run. */
  notApplicable?: string;
}

/** The scenarios cucumber planned (those with a test case: the profile, tags and --service filters applied). */
export function plannedChecks(envelopes: readonly MessageEnvelope[], catalog: Catalog): PlannedCheck[] {
  const pickles = new Map<string, PickleMessage>();
  for (const envelope of envelopes) if (envelope.pickle) pickles.set(envelope.pickle.id, envelope.pickle);
  const checks: PlannedCheck[] = [];
  for (const envelope of envelopes) {
    const pickle = envelope.testCase ? pickles.get(envelope.testCase.pickleId) : undefined;
    if (!pickle) continue;
    const service = serviceOf(pickle.name);
    const item = itemOf(pickle.tags.map((tag) => tag.name));
    const entry = catalog.services.find((s) => s.name === service);
    const verdict = entry ? applicability(entry, item) : { applies: true as const };
    checks.push(verdict.applies ? { service, item } : { service, item, notApplicable: verdict.reason });
  }
  return checks;
}

export function dryRunListing(
  checks: readonly PlannedCheck[],
  catalog: Catalog,
  heading: { host: string; profile: string },
): string {
  const order = [...catalog.services.map((s) => s.name), HOST_WIDE];
  const services = [...new Set(checks.map((c) => c.service))].sort(
    (a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b),
  );
  const toRun = checks.filter((c) => c.notApplicable === undefined).length;
  const host = heading.host === '' ? 'any host' : heading.host;
  const daemons = services.filter((service) => catalog.services.some((s) => s.name === service)).length;
  const lines = [
    `dry run: profile ${heading.profile} on ${host}, catalog ${catalog.file}`,
    `${count(toRun, 'check')} would run, ${checks.length - toRun} do not apply (catalog), over ${count(daemons, 'daemon')}`,
    '(checks that run may still find an item not applicable on the host, e.g. a daemon that is not running)',
  ];
  for (const service of services) lines.push('', ...serviceLines(service, checks));
  return `${lines.join('\n')}\n`;
}

function serviceLines(service: string, checks: readonly PlannedCheck[]): string[] {
  const own = checks.filter((c) => c.service === service);
  const run = withCounts(own.filter((c) => c.notApplicable === undefined).map((c) => c.item));
  const skipped = new Map<string, string>();
  for (const c of own) if (c.notApplicable !== undefined) skipped.set(c.item, c.notApplicable);
  const lines = [service, `  run  ${run.length === 0 ? '-' : run.join(' ')}`];
  for (const item of [...skipped.keys()].sort()) lines.push(`  n/a  ${item}: ${skipped.get(item) ?? ''}`);
  return lines;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Sorted unique items; an item checked by several scenarios (NSC-09: installed, no leftover) shows how many. */
function withCounts(items: readonly string[]): string[] {
  return [...new Set(items)].sort().map((item) => {
    const n = items.filter((other) => other === item).length;
    return n === 1 ? item : `${item}(${n})`;
  });
}

function rank(order: readonly string[], name: string): number {
  const index = order.indexOf(name);
  return index === -1 ? order.length : index;
}
