// Folds one lifecycle check over every selected daemon into one scenario outcome.
import type { CheckResult } from '../result.ts';

export interface Folded {
  ok: boolean;
  /** One line per daemon that failed or could not be checked, else a summary. */
  message: string;
  evidence: string[];
}

export function isBad(result: CheckResult): boolean {
  return result.status === 'failed' || result.status === 'not-checked';
}

export function foldResults(results: readonly CheckResult[], what: string): Folded {
  const bad = results.filter(isBad);
  const evidence = results.flatMap((r) => [
    `${r.service} ${r.item} ${r.status}: ${r.message}`,
    ...r.evidence.map((e) => `  ${e}`),
  ]);
  if (bad.length === 0) {
    const counted = results.filter((r) => r.status !== 'not-applicable').length;
    return {
      ok: true,
      message: `${what}: ${counted} of ${results.length} daemons passed, the others not applicable`,
      evidence,
    };
  }
  const lines = bad.map((r) => r.message);
  return {
    ok: false,
    message: `${what}: ${bad.length} of ${results.length} daemons failed:\n${lines.join('\n')}`,
    evidence,
  };
}
