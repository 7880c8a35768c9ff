// NSC-01 "The service default user is not root": unit User=, the main process uid and the catalog must agree.
import type { ServiceEntry } from '../catalog/types.ts';
import type { HostFacts } from '../facts/types.ts';
import { passwdLine, processLine, unitLine } from './evidence.ts';
import { decide, notApplicable, notChecked, precheck, subject } from './build-result.ts';
import type { CheckResult } from '../result.ts';
import { idleOneShot, runningState } from './running.ts';

const UNIT_KEYS = ['LoadState', 'ActiveState', 'User', 'MainPID'];

export function checkUnprivilegedUser(facts: HostFacts, service: ServiceEntry, host: string): CheckResult {
  const s = subject(service, host, 'NSC-01');
  const early = precheck(facts, s, [{ section: 'passwd' }, { section: 'units' }, { section: 'processes' }]);
  if (early) return early;
  const state = runningState(facts, service);
  const entry = facts.passwd.get(service.user);
  const evidence = [
    unitLine(service.unit, state.props, UNIT_KEYS),
    entry ? passwdLine(entry) : `passwd: no user ${service.user}`,
  ];
  if (state.process) evidence.push(processLine(state.process));
  const mismatches = [
    ...catalogMismatches(service, entry?.uid),
    ...unitUserMismatches(service, state.props?.['User']),
  ];
  if (state.process) {
    mismatches.push(
      ...processMismatches(service, entry?.uid, state.process.pid, state.process.uid, state.process.user),
    );
    return decide(
      s,
      mismatches,
      evidence,
      `runs as ${state.process.user} (uid ${state.process.uid}), not root`,
    );
  }
  const idle = idleOneShot(service, state);
  if (idle && mismatches.length === 0) return notApplicable(s, idle, evidence);
  if (mismatches.length > 0 || state.props?.['User']) {
    return decide(
      s,
      mismatches,
      evidence,
      `is not running; its unit sets User=${state.props?.['User'] ?? ''}, not root`,
    );
  }
  const why = `${service.name} is not running (ActiveState=${state.activeState}, MainPID=${state.mainPid}) and its unit sets no User=: its user cannot be observed`;
  return notChecked(s, why, evidence);
}

function catalogMismatches(service: ServiceEntry, uid: number | undefined): string[] {
  return uid === undefined ? [`user ${service.user}: expected present in passwd, found absent`] : [];
}

function unitUserMismatches(service: ServiceEntry, user: string | undefined): string[] {
  if (!user) return [];
  if (user === 'root' || user === '0') return [`unit User=: expected a user other than root, found ${user}`];
  if (user !== service.user) return [`unit User=: expected ${service.user}, found ${user}`];
  return [];
}

function processMismatches(
  service: ServiceEntry,
  catalogUid: number | undefined,
  pid: number,
  uid: number,
  user: string,
): string[] {
  if (uid === 0) return [`process ${pid}: expected a user other than root, found root (uid 0)`];
  if (catalogUid !== undefined && uid !== catalogUid) {
    return [`process ${pid}: expected ${service.user} (uid ${catalogUid}), found ${user} (uid ${uid})`];
  }
  return [];
}
