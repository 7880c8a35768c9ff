// catalog draft: the checklist's fact checks (the registry's rows) run on a drafted entry and the same facts; each
// value that already breaks an item, or could not be checked, becomes a note on the field the check judges.
import type { DraftNote } from '../catalog/draft.ts';
import type { ItemId, ServiceEntry } from '../catalog/types.ts';
import { checkNoLeftover } from '../checks/nsc-09-leftover.ts';
import type { HostFacts } from '../facts/types.ts';
import type { FactCheck } from './registry.ts';
import { SERVICE_CHECKS } from './registry.ts';

/** The entry field each item's fact check judges; a row not listed here notes the checklist itself. */
const FIELD_BY_ITEM: Readonly<Record<ItemId, string>> = {
  'NSC-01': 'user',
  'NSC-02': 'shell',
  'NSC-03': 'home',
  'NSC-04': 'logFiles',
  'NSC-05': 'pidFile',
  'NSC-06': 'consul',
  'NSC-07': 'wazoService',
  'NSC-08': 'supervision',
  'NSC-09': 'package',
  'NSC-10': 'unit',
  'NSC-12': 'haSlave',
  'NSC-14': 'configPaths',
  'NSC-17': 'ports',
  'NSC-19-NGINX': 'http.nginx',
  'NSC-20': 'package',
  'NSC-21': 'package',
};

const FACT_CHECKS: readonly FactCheck[] = SERVICE_CHECKS.filter(
  (row): row is FactCheck => row.kind === 'facts',
);

function fieldOf(row: FactCheck): string {
  // NSC-09's second check is about files left in /etc/<daemon>/, not the package.
  if (row.check === checkNoLeftover) return 'configPaths';
  return FIELD_BY_ITEM[row.item] ?? 'checklist';
}

/** A "breaks" note for each failed check, a "not-checked" note for each check that could not look. */
export function checkNotes(entry: ServiceEntry, facts: HostFacts, host: string): DraftNote[] {
  return FACT_CHECKS.flatMap((row): DraftNote[] => {
    const result = row.check(facts, entry, host);
    const text = `${result.item}: ${result.message}`;
    if (result.status === 'failed') return [{ field: fieldOf(row), kind: 'breaks', text }];
    if (result.status === 'not-checked') return [{ field: fieldOf(row), kind: 'not-checked', text }];
    return [];
  });
}
