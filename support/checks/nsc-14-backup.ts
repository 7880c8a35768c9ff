// NSC-14 "The service config files are copied by wazo-backup": each config path is under an entry of its data list.
import type { ServiceEntry } from '../catalog/types.ts';
import type { HostFacts } from '../facts/types.ts';
import { decide, notChecked, precheck, subject } from './build-result.ts';
import type { CheckResult } from '../result.ts';
import { covers } from '../facts/parsers/backup-list.ts';

export function checkBackupCoverage(facts: HostFacts, service: ServiceEntry, host: string): CheckResult {
  const s = subject(service, host, 'NSC-14');
  const early = precheck(facts, s, [
    { section: 'meta' },
    { section: 'file', keys: ['/usr/sbin/wazo-backup'] },
    ...(service.extraConfigPaths.length > 0 ? [{ section: 'stat', keys: service.extraConfigPaths }] : []),
  ]);
  if (early) return early;
  const unstatted = service.extraConfigPaths.filter((p) => !facts.files.has(p));
  if (unstatted.length > 0)
    return notChecked(s, `the fact snapshot holds no stat of ${unstatted.join(', ')}`);
  const list = facts.backupList;
  if (list === null)
    return decide(s, ['wazo-backup: expected installed (/usr/sbin/wazo-backup), found absent'], [], '');
  // Optional or generated paths count only where they exist on this host.
  const extra = service.extraConfigPaths.filter((p) => facts.files.get(p)?.exists);
  const paths = [...service.configPaths, ...extra];
  const evidence: string[] = [];
  const mismatches = paths.flatMap((path) => {
    const entry = list.find((e) => covers(e, path));
    const excluded = entry
      ? (facts.backupExcludes ?? []).find((x) => !/[*?[]/.test(x) && covers(x, path))
      : undefined;
    evidence.push(
      `${path}: ${entry ? `covered by ${entry}` : 'not in the data list'}${excluded ? `, but excluded by ${excluded}` : ''}`,
    );
    if (!entry)
      return [`config path ${path}: expected covered by wazo-backup's data list, found no entry covering it`];
    if (excluded)
      return [`config path ${path}: expected copied by wazo-backup, found excluded by ${excluded}`];
    return [];
  });
  return decide(s, mismatches, evidence, `wazo-backup copies ${paths.join(', ')}`);
}
