// From cucumber's message stream to the run's outcome: the CheckResults, their tally, the exit code.
import type { Envelope } from '@cucumber/messages';
import type { CheckResult, CheckStatus } from '../result.ts';
import { EXIT_CHECK_FAILED, EXIT_NOT_CHECKED, EXIT_PASSED } from '../errors.ts';
import type { ErrorCode } from '../errors.ts';
import { collectResults } from '../report/collect.ts';
import type { ReportRow } from '../report/collect.ts';
import type { MessageEnvelope } from '../report/messages.ts';

export type Tally = Record<CheckStatus, number>;

/** Codes meaning the host itself was never reached or the run was misconfigured. */
const NEVER_CHECKED: ReadonlySet<string> = new Set<ErrorCode>([
  'HOST_UNREACHABLE',
  'AUTH_FAILED',
  'HOST_KEY_REJECTED',
  'SUDO_REFUSED',
  'CONFIG_ERROR',
  'CATALOG_ERROR',
]);

/**
 * Keeps the run's message stream; its results are the reports' own collection (collectResults), so the
 * exit code, the summary and every report agree - including scenarios that ended without a result.
 */
export class ResultCollector {
  readonly #envelopes: MessageEnvelope[] = [];

  onMessage(envelope: Envelope): void {
    this.#envelopes.push(envelope);
  }

  envelopes(): readonly MessageEnvelope[] {
    return this.#envelopes;
  }

  /** host: for scenarios that recorded no result (the configuration's host). */
  results(host?: string): ReportRow[] {
    return collectResults(this.#envelopes, host === undefined ? {} : { host });
  }
}

export function decodeResult(body: string, encoding: string): CheckResult {
  const text = encoding === 'BASE64' ? Buffer.from(body, 'base64').toString('utf8') : body;
  return JSON.parse(text) as CheckResult;
}

export function tally(results: readonly CheckResult[]): Tally {
  const counts: Tally = { passed: 0, failed: 0, 'not-applicable': 0, waived: 0, 'not-checked': 0 };
  for (const result of results) counts[result.status] += 1;
  return counts;
}

/**
 * 1 when a check failed or could not be checked; 2 when nothing reached the host because of the
 * connection or the configuration; 1 when cucumber itself failed (undefined step, bug) or when no
 * check ran at all (a green run that checked nothing would mislead a nightly); else 0.
 */
export function exitCodeFor(results: readonly CheckResult[], runSucceeded: boolean): number {
  if (results.length === 0) return EXIT_CHECK_FAILED;
  const counts = tally(results);
  if (counts.failed > 0) return EXIT_CHECK_FAILED;
  const notChecked = results.filter((result) => result.status === 'not-checked');
  const touchedHost = counts.passed + counts.waived > 0;
  if (
    notChecked.length > 0 &&
    !touchedHost &&
    notChecked.every((r) => NEVER_CHECKED.has(r.errorCode ?? ''))
  ) {
    return EXIT_NOT_CHECKED;
  }
  if (notChecked.length > 0 || !runSucceeded) return EXIT_CHECK_FAILED;
  return EXIT_PASSED;
}

export function summaryLine(counts: Tally, durationMs: number): string {
  // Hundredths: the bench derives round trips from it (a 0.1 s step is 5 round trips at 20 ms).
  const seconds = (durationMs / 1000).toFixed(2);
  return (
    `${counts.passed} passed, ${counts.failed} failed, ${counts['not-applicable']} not applicable, ` +
    `${counts.waived} waived, ${counts['not-checked']} not checked in ${seconds}s`
  );
}
