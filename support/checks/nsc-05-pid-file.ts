// NSC-05 "The user can write the PID file and its directory": the directory always; the file while it runs.
import type { ServiceEntry } from '../catalog/types.ts';
import type { HostFacts } from '../facts/types.ts';
import { unitLine } from './evidence.ts';
import { decide, notApplicable, precheck, subject } from './build-result.ts';
import type { CheckResult } from '../result.ts';
import { runningState } from './running.ts';
import { writablePath } from './writable-paths.ts';

export function checkPidFileWritable(facts: HostFacts, service: ServiceEntry, host: string): CheckResult {
  const s = subject(service, host, 'NSC-05');
  const pidFile = service.pidFile;
  if (!pidFile) return precheck(facts, s, []) ?? notApplicable(s, 'the catalog lists no PID file for it');
  const keys = [pidFile.path, pidFile.dir];
  const writeKeys = keys.map((path) => `${service.user}:${path}`);
  const needs = [
    { section: 'passwd' },
    { section: 'units' },
    { section: 'stat', keys },
    { section: 'write', keys: writeKeys },
  ];
  const early = precheck(facts, s, needs);
  if (early) return early;
  const state = runningState(facts, service);
  // A stopped daemon removes its PID file; a running one must have it.
  const dir = writablePath(facts, service.user, pidFile.dir, 'PID directory');
  const file = writablePath(facts, service.user, pidFile.path, 'PID file', !state.active);
  const evidence = [
    unitLine(service.unit, state.props, ['ActiveState', 'MainPID']),
    ...dir.evidence,
    ...file.evidence,
  ];
  return decide(
    s,
    [...dir.mismatches, ...file.mismatches],
    evidence,
    `${service.user} can write ${pidFile.path} and ${pidFile.dir}`,
  );
}
