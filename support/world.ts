// The cucumber World: gives steps the worker's RunContext and turns a CheckResult into the scenario's outcome.
import { World, setWorldConstructor } from '@cucumber/cucumber';
import type { CheckResult } from './result.ts';
import { RESULT_MEDIA_TYPE } from './result.ts';
import { settle } from './checks/waivers.ts';
import type { ErrorCode } from './errors.ts';
import { CheckFailed, WlaError, asErrorCode } from './errors.ts';
import type { RunContext, WorldParameters } from './run-context.ts';
import { getRunContext } from './run-context.ts';
import { foldResults, isBad } from './lifecycle/every-service.ts';

export type { WorldParameters } from './run-context.ts';

export class WlaWorld extends World<WorldParameters> {
  #resultAttached = false;

  /** Made on first use, so a configuration problem fails the scenario that needed it (not cucumber's startup). */
  get run(): RunContext {
    return getRunContext(this.parameters);
  }

  /** Whether verdict() attached this scenario's CheckResult (the After hook attaches one otherwise). */
  get resultAttached(): boolean {
    return this.#resultAttached;
  }

  verdict(result: CheckResult): 'skipped' | undefined {
    const settled = settle(result, this.run.waivers, new Date());
    this.attachResult(settled);
    if (settled.evidence.length > 0)
      this.attachEvidence(`evidence: ${settled.service} ${settled.item}`, settled.evidence);
    switch (settled.status) {
      case 'passed':
        return undefined;
      case 'waived':
        this.log(`waived: ${settled.message}`);
        return undefined;
      case 'not-applicable':
        this.log(
          settled.message.startsWith('not applicable')
            ? settled.message
            : `not applicable: ${settled.message}`,
        );
        return 'skipped';
      case 'failed':
        throw new CheckFailed(settled.message, settled.evidence);
      case 'not-checked':
        throw new WlaError(errorCodeOf(settled.errorCode), settled.message);
    }
  }

  /**
   * One scenario's verdict over every daemon (the destructive lifecycle steps): each result is settled against the
   * waivers and attached - all of them when none failed, else only the bad ones (a passed row needs a passed
   * scenario) - and the scenario fails naming every daemon that did.
   */
  verdictForEvery(results: readonly CheckResult[], what: string, extra: readonly string[] = []): void {
    const settled = results.map((result) => settle(result, this.run.waivers, new Date()));
    const folded = foldResults(settled, what);
    this.attachEvidence('evidence: every service', [...extra, ...folded.evidence]);
    for (const result of settled) if (folded.ok || isBad(result)) this.attachResult(result);
    if (!folded.ok) throw new CheckFailed(folded.message, folded.evidence);
    this.log(folded.message);
  }

  attachEvidence(title: string, lines: readonly string[]): void {
    this.attach(lines.join('\n'), { mediaType: 'text/plain', fileName: title });
  }

  /** Attaches the scenario's one CheckResult (JSON, RESULT_MEDIA_TYPE); reports and the exit code read these. */
  attachResult(result: CheckResult): void {
    this.attach(JSON.stringify(result), RESULT_MEDIA_TYPE);
    this.#resultAttached = true;
  }
}

function errorCodeOf(code: string | undefined): ErrorCode {
  return asErrorCode(code) ?? 'REMOTE_COMMAND_FAILED';
}

setWorldConstructor(WlaWorld);
