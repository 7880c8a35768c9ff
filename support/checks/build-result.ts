// Builds one CheckResult in the project's wording: "<service> on <host>: <item> <what>: expected X, found Y".
import type { ItemId, ServiceEntry } from '../catalog/types.ts';
import { applicability } from '../catalog/lookup.ts';
import type { ErrorCode } from '../errors.ts';
import type { HostFacts, SectionError } from '../facts/types.ts';
import type { CheckResult } from '../result.ts';

/** Who is being checked for what. */
export interface Subject {
  service: ServiceEntry;
  host: string;
  item: ItemId;
}

export function subject(service: ServiceEntry, host: string, item: ItemId): Subject {
  return { service, host, item };
}

function base(s: Subject): Pick<CheckResult, 'host' | 'service' | 'item'> {
  return { host: s.host, service: s.service.name, item: s.item };
}

function prefix(s: Subject): string {
  return `${s.service.name} on ${s.host}: ${s.item}`;
}

export function passed(s: Subject, summary: string, evidence: readonly string[]): CheckResult {
  return { ...base(s), status: 'passed', message: `${prefix(s)} ${summary}`, evidence: [...evidence] };
}

/** Every mismatch in one line, so a red result names them all at once. */
export function failed(s: Subject, mismatches: readonly string[], evidence: readonly string[]): CheckResult {
  return {
    ...base(s),
    status: 'failed',
    message: `${prefix(s)} ${mismatches.join('; ')}`,
    evidence: [...evidence],
  };
}

export function notApplicable(s: Subject, reason: string, evidence: readonly string[] = []): CheckResult {
  return {
    ...base(s),
    status: 'not-applicable',
    message: `not applicable: ${reason}`,
    evidence: [...evidence],
  };
}

export function notChecked(
  s: Subject,
  why: string,
  evidence: readonly string[] = [],
  errorCode: ErrorCode = 'REMOTE_COMMAND_FAILED',
): CheckResult {
  return {
    ...base(s),
    status: 'not-checked',
    message: `${prefix(s)} could not be checked: ${why}`,
    evidence: [...evidence],
    errorCode,
  };
}

/** failed when there is any mismatch, else passed with the summary. */
export function decide(
  s: Subject,
  mismatches: readonly string[],
  evidence: readonly string[],
  summary: string,
): CheckResult {
  return mismatches.length > 0 ? failed(s, mismatches, evidence) : passed(s, summary, evidence);
}

/** A section the check reads; `keys` narrows per-key sections (stat, write...) to the ones it needs. */
export interface Need {
  section: string;
  keys?: readonly string[];
}

/**
 * The result when the check must not run: not applicable per the catalog, or a needed fact section failed.
 * undefined means "go ahead".
 */
export function precheck(facts: HostFacts, s: Subject, needs: readonly Need[]): CheckResult | undefined {
  const verdict = applicability(s.service, s.item);
  if (!verdict.applies) return notApplicable(s, verdict.reason);
  const failures = facts.errors.filter((e) => needs.some((n) => matches(e, n)));
  if (failures.length === 0) return undefined;
  const said = failures.map(describeFailure);
  return notChecked(s, `the fact snapshot could not read ${said.join(', ')}`, said);
}

function matches(error: SectionError, need: Need): boolean {
  if (error.section !== need.section) return false;
  return need.keys === undefined || error.key === undefined || need.keys.includes(error.key);
}

function describeFailure(error: SectionError): string {
  const label = error.key && error.key !== '-' ? `${error.section} ${error.key}` : error.section;
  const why =
    error.message ?? (error.stderr.trim().split('\n')[0] || `exit status ${String(error.exitCode)}`);
  return `${label} (${why})`;
}
