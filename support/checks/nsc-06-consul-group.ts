// NSC-06 "The user is in the consul group if it needs the default consul config file": it can read those files.
import type { ServiceEntry } from '../catalog/types.ts';
import { groupsOf } from '../facts/mode-bits.ts';
import type { HostFacts } from '../facts/types.ts';
import { canRead } from './access.ts';
import { ownership, statLine } from './evidence.ts';
import { decide, notApplicable, precheck, subject } from './build-result.ts';
import type { CheckResult } from '../result.ts';

export function checkConsulGroup(facts: HostFacts, service: ServiceEntry, host: string): CheckResult {
  const s = subject(service, host, 'NSC-06');
  const files = service.consul?.configFiles ?? [];
  const early = precheck(facts, s, [
    { section: 'passwd' },
    { section: 'group' },
    { section: 'stat', keys: files },
  ]);
  if (early) return early;
  if (files.length === 0) return notApplicable(s, 'the catalog lists no default consul config file it reads');
  const consulGid = facts.groups.get('consul')?.gid;
  const member = consulGid !== undefined && groupsOf(facts, service.user).includes(consulGid);
  const evidence = [
    `group consul: ${consulGid === undefined ? 'absent' : `gid ${consulGid}`}; ${service.user} ${member ? 'is' : 'is not'} a member`,
  ];
  const mismatches = files.flatMap((path) => {
    const stat = facts.files.get(path);
    evidence.push(statLine(stat, path));
    if (!stat?.exists) return [`consul config ${path}: expected present, found absent`];
    if (member || canRead(facts, service.user, path)?.allowed) return [];
    return [
      `consul config ${path}: expected readable by ${service.user} (member of group consul), found ${ownership(stat)} and ${service.user} not in group consul`,
    ];
  });
  return decide(s, mismatches, evidence, `${service.user} can read ${files.join(', ')}`);
}
