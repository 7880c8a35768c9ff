// NSC-04 "The user can write the default log file": each catalog log file exists and its user can write it.
import type { ServiceEntry } from '../catalog/types.ts';
import type { HostFacts } from '../facts/types.ts';
import { decide, precheck, subject } from './build-result.ts';
import type { CheckResult } from '../result.ts';
import { writablePath } from './writable-paths.ts';

export function checkLogFileWritable(facts: HostFacts, service: ServiceEntry, host: string): CheckResult {
  const s = subject(service, host, 'NSC-04');
  const keys = service.logFiles;
  const writeKeys = keys.map((path) => `${service.user}:${path}`);
  const early = precheck(facts, s, [
    { section: 'passwd' },
    { section: 'stat', keys },
    { section: 'write', keys: writeKeys },
  ]);
  if (early) return early;
  const verdicts = keys.map((path) => writablePath(facts, service.user, path, 'log file'));
  const mismatches = verdicts.flatMap((v) => v.mismatches);
  return decide(
    s,
    mismatches,
    verdicts.flatMap((v) => v.evidence),
    `${service.user} can write ${keys.join(', ')}`,
  );
}
