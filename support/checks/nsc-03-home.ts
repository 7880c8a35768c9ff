// NSC-03 "No /home/user, only /var/lib/user if necessary": the passwd home, /home/<user> and the catalog agree.
import type { ServiceEntry } from '../catalog/types.ts';
import type { HostFacts } from '../facts/types.ts';
import { passwdLine, statLine } from './evidence.ts';
import { decide, notChecked, precheck, subject } from './build-result.ts';
import type { CheckResult } from '../result.ts';

export function checkHomeDirectory(facts: HostFacts, service: ServiceEntry, host: string): CheckResult {
  const s = subject(service, host, 'NSC-03');
  const homeDir = `/home/${service.user}`;
  const early = precheck(facts, s, [
    { section: 'passwd' },
    { section: 'home' },
    // The catalog's home is what the plan stats; a passwd home elsewhere fails on the mismatch itself.
    { section: 'stat', keys: [homeDir, ...(service.home === null ? [] : [service.home])] },
  ]);
  if (early) return early;
  const entry = facts.passwd.get(service.user);
  if (!entry) return decide(s, [`user ${service.user}: expected present in passwd, found absent`], [], '');
  const unstatted = [homeDir, entry.home].filter((path) => !facts.files.has(path) && path === service.home);
  if (!facts.files.has(homeDir)) unstatted.unshift(homeDir);
  if (unstatted.length > 0) {
    return notChecked(s, `the fact snapshot holds no stat of ${unstatted.join(', ')}`, [passwdLine(entry)]);
  }
  const home = facts.files.get(entry.home);
  const evidence = [
    passwdLine(entry),
    statLine(home, entry.home),
    statLine(facts.files.get(homeDir), homeDir),
  ];
  const mismatches: string[] = [];
  if (entry.home === '/home' || entry.home.startsWith('/home/')) {
    mismatches.push(`home: expected not under /home, found ${entry.home}`);
  } else if (service.home !== null && entry.home !== service.home) {
    mismatches.push(`home: expected ${service.home}, found ${entry.home}`);
  }
  if (facts.files.get(homeDir)?.exists || facts.homeEntries.includes(service.user)) {
    mismatches.push(`${homeDir}: expected absent, found present`);
  }
  if (home?.exists && !service.sharedUser && !entry.home.startsWith('/var/lib/')) {
    mismatches.push(
      `home ${entry.home}: expected under /var/lib/ when it exists, found an existing ${home.type ?? 'entry'}`,
    );
  }
  return decide(s, mismatches, evidence, homeSummary(service, entry.home, home?.exists === true));
}

function homeSummary(service: ServiceEntry, home: string, exists: boolean): string {
  const state = exists ? 'exists' : 'is not created';
  const shared = service.sharedUser ? ` (shared account ${service.user}: its home is Debian's)` : '';
  return `home ${home} ${state}, no /home/${service.user}${shared}`;
}
