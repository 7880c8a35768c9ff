// NSC-21 "The dependencies are Debian packages": needs a fact the snapshot does not gather yet.
import type { ServiceEntry } from '../catalog/types.ts';
import type { HostFacts } from '../facts/types.ts';
import { notChecked, precheck, subject } from './outcome.ts';
import type { CheckResult } from './result.ts';

/** What the snapshot would have to gather for this check (reported to the facts owner). */
export const NSC21_MISSING_FACT =
  'fact not gathered: the Python distributions installed under /usr/local/lib/python3*/{dist,site}-packages (pip installs)';

export function checkDebianDependencies(facts: HostFacts, service: ServiceEntry, host: string): CheckResult {
  const s = subject(service, host, 'NSC-21');
  return precheck(facts, s, []) ?? notChecked(s, NSC21_MISSING_FACT);
}
