// Reads an expected-results file (fixtures/expected/*.yml) and lists how a run's results differ from it.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { CheckResult, CheckStatus } from '../../result.ts';

export type Outcome = 'pass' | 'fail' | 'n/a' | 'not-checked' | 'waived';

export interface Finding {
  service: string;
  item: string;
  /** The exact failure message; `<pid>` and `<port>` stand for any process ID and port. */
  message: string;
  kind: 'wazo-finding' | 'lab-gap' | 'mutation';
  source: string;
}

export interface ExpectedRun {
  profile: string;
  items: string[];
  /** One outcome per (daemon, item), or a list where the item has several scenarios (NSC-19: the API, a route). */
  results: Record<string, Record<string, Outcome | Outcome[]>>;
  findings: Finding[];
}

const OUTCOME_OF: Record<CheckStatus, Outcome> = {
  passed: 'pass',
  failed: 'fail',
  'not-applicable': 'n/a',
  'not-checked': 'not-checked',
  waived: 'waived',
};

export function loadExpected(file: string): ExpectedRun {
  const expected = parse(readFileSync(file, 'utf8')) as ExpectedRun;
  const unexplained = Object.entries(expected.results).flatMap(([service, items]) =>
    Object.entries(items)
      .filter(
        ([item, outcome]) =>
          listed(outcome).includes('fail') &&
          !expected.findings.some((f) => f.service === service && f.item === item),
      )
      .map(([item]) => `${service} ${item}`),
  );
  if (unexplained.length > 0)
    throw new Error(`${file}: expected failures without a finding: ${unexplained.join(', ')}`);
  return expected;
}

/**
 * One line per difference; empty when the run matches. Only the file's items are compared, and every outcome
 * counts: a pass that turns not applicable is a difference like any other.
 */
export function differences(expected: ExpectedRun, results: readonly CheckResult[]): string[] {
  const own = results.filter((r) => expected.items.includes(r.item));
  const all = (service: string, item: string) => own.filter((r) => r.service === service && r.item === item);
  const lines: string[] = [];
  for (const [service, items] of Object.entries(expected.results)) {
    for (const [item, outcome] of Object.entries(items)) {
      const actual = all(service, item);
      const want = listed(outcome);
      const got = actual.map((r) => OUTCOME_OF[r.status]);
      if (actual.length === 0) lines.push(`${service} ${item}: expected ${shown(outcome)}, found no result`);
      else if (want.length !== got.length || [...want].sort().join() !== [...got].sort().join()) {
        const messages = actual.filter((r) => r.status !== 'passed').map((r) => r.message);
        const why = messages.length > 0 ? ` (${messages.join('; ')})` : '';
        lines.push(
          `${service} ${item}: expected ${shown(outcome)}, found ${shown(got.length === 1 ? (got[0] as Outcome) : got)}${why}`,
        );
      }
    }
  }
  for (const extra of own.filter((r) => expected.results[r.service]?.[r.item] === undefined)) {
    lines.push(
      `${extra.service} ${extra.item}: expected no result, found ${OUTCOME_OF[extra.status]} (${extra.message})`,
    );
  }
  for (const finding of expected.findings) {
    const actual =
      all(finding.service, finding.item).find((r) => r.status === 'failed') ??
      all(finding.service, finding.item)[0];
    if (actual && !messagePattern(finding.message).test(actual.message)) {
      lines.push(
        `${finding.service} ${finding.item} message: expected ${finding.message}, found ${actual.message}`,
      );
    }
  }
  return lines;
}

function listed(outcome: Outcome | Outcome[]): Outcome[] {
  return Array.isArray(outcome) ? outcome : [outcome];
}

function shown(outcome: Outcome | Outcome[]): string {
  return Array.isArray(outcome) ? `[${outcome.join(', ')}]` : outcome;
}

/** `<pid>` and `<port>` stand for any number: process IDs and the lab's published ports change every run. */
function messagePattern(message: string): RegExp {
  const parts = message.split(/<pid>|<port>/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('\\d+')}$`);
}
