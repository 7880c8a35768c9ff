// catalog draft: the checklist's pure fact checks run on the drafted entry and the same facts; each value that
// already breaks an item, or could not be checked, becomes a note on the field the check reads.
import { checkUnprivilegedUser } from '../checks/nsc-01-unprivileged-user.ts';
import { checkNoLoginShell } from '../checks/nsc-02-no-login.ts';
import { checkHomeDirectory } from '../checks/nsc-03-home.ts';
import { checkLogFileWritable } from '../checks/nsc-04-log-file.ts';
import { checkPidFileWritable } from '../checks/nsc-05-pid-file.ts';
import { checkConsulGroup } from '../checks/nsc-06-consul-group.ts';
import { checkWazoServiceListing } from '../checks/nsc-07-wazo-service.ts';
import { checkSupervision } from '../checks/nsc-08-supervision.ts';
import { checkInstalled } from '../checks/nsc-09-installed.ts';
import { checkNoLeftover } from '../checks/nsc-09-leftover.ts';
import { checkStartsOnBoot } from '../checks/nsc-10-boot.ts';
import { checkHaSlaveState } from '../checks/nsc-12-ha-slave.ts';
import { checkBackupCoverage } from '../checks/nsc-14-backup.ts';
import { checkListeningPorts } from '../checks/nsc-17-ports.ts';
import { checkNginxRoute } from '../checks/nsc-19-nginx.ts';
import { checkDebianPackaging } from '../checks/nsc-20-packaging.ts';
import { checkDebianDependencies } from '../checks/nsc-21-dependencies.ts';
import type { CheckResult } from '../result.ts';
import type { HostFacts } from '../facts/types.ts';
import type { DraftNote } from './draft.ts';
import type { ServiceEntry } from './types.ts';

type FactCheck = (facts: HostFacts, service: ServiceEntry, host: string) => CheckResult;

/** Each fact check with the field whose value it judges (the comment goes above that field). */
export const DRAFT_CHECKS: readonly { field: string; check: FactCheck }[] = [
  { field: 'user', check: checkUnprivilegedUser },
  { field: 'shell', check: checkNoLoginShell },
  { field: 'home', check: checkHomeDirectory },
  { field: 'logFiles', check: checkLogFileWritable },
  { field: 'pidFile', check: checkPidFileWritable },
  { field: 'consul', check: checkConsulGroup },
  { field: 'wazoService', check: checkWazoServiceListing },
  { field: 'supervision', check: checkSupervision },
  { field: 'package', check: checkInstalled },
  { field: 'configPaths', check: checkNoLeftover },
  { field: 'unit', check: checkStartsOnBoot },
  { field: 'haSlave', check: checkHaSlaveState },
  { field: 'configPaths', check: checkBackupCoverage },
  { field: 'ports', check: checkListeningPorts },
  { field: 'http.nginx', check: checkNginxRoute },
  { field: 'package', check: checkDebianPackaging },
  { field: 'package', check: checkDebianDependencies },
];

/** The results of every fact check on the entry, in table order. */
export function draftResults(entry: ServiceEntry, facts: HostFacts, host: string): CheckResult[] {
  return DRAFT_CHECKS.map(({ check }) => check(facts, entry, host));
}

/** A "breaks" note for each failed check, a "not-checked" note for each check that could not look. */
export function checkNotes(entry: ServiceEntry, facts: HostFacts, host: string): DraftNote[] {
  return DRAFT_CHECKS.flatMap(({ field, check }): DraftNote[] => {
    const result = check(facts, entry, host);
    if (result.status === 'failed')
      return [{ field, kind: 'breaks', text: `${result.item}: ${result.message}` }];
    if (result.status === 'not-checked')
      return [{ field, kind: 'not-checked', text: `${result.item}: ${result.message}` }];
    return [];
  });
}
