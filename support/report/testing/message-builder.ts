// Builds small cucumber message streams for the report tests, shaped like real `--format message` output.
import { RESULT_MEDIA_TYPE } from '../../result.ts';
import type { CheckResult } from '../../result.ts';
import type { MessageEnvelope, Timestamp } from '../messages.ts';

export interface StepSpec {
  text: string;
  status: 'PASSED' | 'FAILED' | 'SKIPPED' | 'PENDING' | 'UNDEFINED' | 'AMBIGUOUS';
  /** Class name and message of a thrown error, e.g. { type: 'HostUnreachable', message: '...' }. */
  exception?: { type: string; message: string };
}

export interface ScenarioSpec {
  name: string;
  tags: string[];
  steps?: StepSpec[];
  /** CheckResults to attach; a string is attached as is (for broken attachments). */
  results?: (CheckResult | string)[];
  base64?: boolean;
  /** Extra earlier attempts (cucumber --retry), each with its own steps. */
  retriedAttempts?: StepSpec[][];
  /** false: the run stopped inside this scenario (no testCaseFinished). */
  finished?: boolean;
  /** false: the scenario was planned but never started. */
  started?: boolean;
  durationMs?: number;
}

const RUN_START_MS = Date.UTC(2026, 10, 28, 2, 0, 0);

export class MessageBuilder {
  #envelopes: MessageEnvelope[] = [];
  #planned: MessageEnvelope[] = [];
  #nextId = 0;
  #clockMs = RUN_START_MS;

  scenario(spec: ScenarioSpec): this {
    const pickleId = this.#id('pickle');
    const steps = (spec.steps ?? [{ text: `the check of "${spec.name}" runs`, status: 'PASSED' }]).map(
      (s) => ({
        ...s,
        pickleStepId: this.#id('pickle-step'),
        testStepId: this.#id('test-step'),
      }),
    );
    const testCaseId = this.#id('test-case');
    this.#planned.push(
      {
        pickle: {
          id: pickleId,
          uri: 'features/checklist.feature',
          name: spec.name,
          tags: spec.tags.map((name) => ({ name })),
          steps: steps.map((s) => ({ id: s.pickleStepId, text: s.text })),
        },
      },
      {
        testCase: {
          id: testCaseId,
          pickleId,
          testSteps: steps.map((s) => ({ id: s.testStepId, pickleStepId: s.pickleStepId })),
        },
      },
    );
    if (spec.started === false) return this;
    (spec.retriedAttempts ?? []).forEach((attemptSteps, attempt) => {
      const ids = steps.map((s, i) => ({ ...s, ...(attemptSteps[i] ?? s) }));
      this.#attempt(testCaseId, attempt, ids, [], { retried: true, finished: true, durationMs: 5 });
    });
    const results = (spec.results ?? []).map((r) => (typeof r === 'string' ? r : JSON.stringify(r)));
    this.#attempt(testCaseId, spec.retriedAttempts?.length ?? 0, steps, results, {
      retried: false,
      finished: spec.finished ?? true,
      durationMs: spec.durationMs ?? 12,
      base64: spec.base64 ?? false,
    });
    return this;
  }

  envelopes(): MessageEnvelope[] {
    return [
      ...this.#planned,
      { testRunStarted: { timestamp: stamp(RUN_START_MS) } },
      ...this.#envelopes,
      { testRunFinished: { timestamp: stamp(this.#clockMs + 1), success: false } },
    ];
  }

  #attempt(
    testCaseId: string,
    attempt: number,
    steps: readonly (StepSpec & { testStepId: string })[],
    bodies: readonly string[],
    how: { retried: boolean; finished: boolean; durationMs: number; base64?: boolean },
  ): void {
    const startedId = this.#id('started');
    this.#envelopes.push({
      testCaseStarted: { id: startedId, testCaseId, attempt, timestamp: stamp(this.#clockMs) },
    });
    steps.forEach((step, index) => {
      if (index === 0) {
        for (const body of bodies) {
          this.#envelopes.push({
            attachment: {
              body: how.base64 ? Buffer.from(body).toString('base64') : body,
              contentEncoding: how.base64 ? 'BASE64' : 'IDENTITY',
              mediaType: RESULT_MEDIA_TYPE,
              testCaseStartedId: startedId,
            },
          });
        }
      }
      const exception = step.exception;
      const message = exception
        ? `${exception.type}: ${exception.message}\n    at somewhere (x.ts:1:1)`
        : undefined;
      this.#envelopes.push({
        testStepFinished: {
          testCaseStartedId: startedId,
          testStepId: step.testStepId,
          testStepResult: {
            status: step.status,
            ...(message ? { message } : {}),
            ...(exception ? { exception } : {}),
          },
        },
      });
    });
    this.#clockMs += how.durationMs;
    if (how.finished) {
      this.#envelopes.push({
        testCaseFinished: {
          testCaseStartedId: startedId,
          timestamp: stamp(this.#clockMs),
          willBeRetried: how.retried,
        },
      });
    }
  }

  #id(kind: string): string {
    this.#nextId += 1;
    return `${kind}-${this.#nextId}`;
  }
}

function stamp(ms: number): Timestamp {
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 };
}

/** A CheckResult with the fields a test does not care about filled in. */
export function result(
  partial: Partial<CheckResult> & Pick<CheckResult, 'service' | 'item' | 'status'>,
): CheckResult {
  return {
    host: 'staging-1',
    message: `${partial.service} on staging-1: ${partial.item} ${partial.status}`,
    evidence: [`${partial.service}: evidence line`],
    ...partial,
  };
}
