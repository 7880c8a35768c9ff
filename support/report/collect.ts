// Turns a cucumber message stream into one report row per check, never counting a missing result as passed.
import { templateUri } from '../catalog/expand.ts';
import { RESULT_MEDIA_TYPE } from '../result.ts';
import { errorCodeOfClass } from '../errors.ts';
import type { CheckResult, CheckStatus } from '../result.ts';
import { toMillis } from './messages.ts';
import type {
  AttachmentMessage,
  MessageEnvelope,
  PickleMessage,
  StepResultMessage,
  TestCaseMessage,
} from './messages.ts';

export interface ReportRow extends CheckResult {
  /** The scenario's name, e.g. "wazo-auth: the default user is not root". */
  scenario: string;
  /** The feature file the scenario comes from. */
  uri: string;
  tags: string[];
  /** Cucumber's verdict on the scenario: PASSED, FAILED, UNDEFINED, ... or NOT_FINISHED. */
  scenarioStatus: string;
  durationMs: number;
}

export interface CollectOptions {
  /** Host for scenarios that recorded no result; defaults to the single host the results name. */
  host?: string;
}

interface Attempt {
  startedId: string;
  testCase: TestCaseMessage;
  attempt: number;
  startMs: number;
  endMs?: number;
  steps: { testStepId: string; result: StepResultMessage }[];
  attachments: AttachmentMessage[];
}

const STATUS_RANK = ['UNKNOWN', 'PASSED', 'SKIPPED', 'PENDING', 'UNDEFINED', 'AMBIGUOUS', 'FAILED'];

const ACCEPTED_SCENARIO_STATUS: Record<CheckStatus, readonly string[] | undefined> = {
  passed: ['PASSED'],
  waived: ['PASSED', 'SKIPPED'],
  'not-applicable': ['PASSED', 'SKIPPED'],
  failed: undefined,
  'not-checked': undefined,
};

export function collectResults(
  envelopes: readonly MessageEnvelope[],
  options: CollectOptions = {},
): ReportRow[] {
  const pickles = new Map<string, PickleMessage>();
  const testCases = new Map<string, TestCaseMessage>();
  const attempts = new Map<string, Attempt>();
  for (const envelope of envelopes) {
    if (envelope.pickle) pickles.set(envelope.pickle.id, envelope.pickle);
    if (envelope.testCase) testCases.set(envelope.testCase.id, envelope.testCase);
    recordAttempt(envelope, testCases, attempts);
  }
  const finalAttempts = lastAttemptPerTestCase([...attempts.values()]);
  const host = options.host ?? singleHost(finalAttempts) ?? 'unknown-host';
  const rows: ReportRow[] = [];
  for (const testCase of testCases.values()) {
    const pickle = pickles.get(testCase.pickleId);
    if (!pickle) continue;
    const attempt = finalAttempts.get(testCase.id);
    rows.push(...(attempt ? rowsOfAttempt(attempt, pickle, host) : [neverStarted(pickle, host)]));
  }
  // The CLI's After hook may not know the host or service when the configuration itself failed.
  return rows.map((row) => ({ ...row, host: row.host || host, service: row.service || HOST_WIDE }));
}

/** The row label of results that concern the host rather than one daemon. */
export const HOST_WIDE = '(host-wide)';

function recordAttempt(
  envelope: MessageEnvelope,
  testCases: ReadonlyMap<string, TestCaseMessage>,
  attempts: Map<string, Attempt>,
): void {
  const { testCaseStarted, testCaseFinished, testStepFinished, attachment } = envelope;
  if (testCaseStarted) {
    const testCase = testCases.get(testCaseStarted.testCaseId);
    if (!testCase) return;
    attempts.set(testCaseStarted.id, {
      startedId: testCaseStarted.id,
      testCase,
      attempt: testCaseStarted.attempt,
      startMs: toMillis(testCaseStarted.timestamp),
      steps: [],
      attachments: [],
    });
  }
  if (testCaseFinished) {
    const attempt = attempts.get(testCaseFinished.testCaseStartedId);
    if (attempt) attempt.endMs = toMillis(testCaseFinished.timestamp);
  }
  if (testStepFinished) {
    const { testCaseStartedId, testStepId, testStepResult } = testStepFinished;
    attempts.get(testCaseStartedId)?.steps.push({ testStepId, result: testStepResult });
  }
  if (attachment?.testCaseStartedId && attachment.mediaType === RESULT_MEDIA_TYPE) {
    attempts.get(attachment.testCaseStartedId)?.attachments.push(attachment);
  }
}

function lastAttemptPerTestCase(attempts: readonly Attempt[]): Map<string, Attempt> {
  const last = new Map<string, Attempt>();
  for (const attempt of attempts) {
    const seen = last.get(attempt.testCase.id);
    if (!seen || attempt.attempt > seen.attempt) last.set(attempt.testCase.id, attempt);
  }
  return last;
}

function singleHost(attempts: ReadonlyMap<string, Attempt>): string | undefined {
  const hosts = new Set<string>();
  for (const attempt of attempts.values()) {
    for (const attachment of attempt.attachments) {
      const parsed = parseResult(attachment);
      if (typeof parsed !== 'string') hosts.add(parsed.host);
    }
  }
  return hosts.size === 1 ? [...hosts][0] : undefined;
}

function rowsOfAttempt(attempt: Attempt, pickle: PickleMessage, host: string): ReportRow[] {
  const scenarioStatus = attempt.endMs === undefined ? 'NOT_FINISHED' : worstStatus(attempt);
  const base = {
    scenario: pickle.name,
    uri: templateUri(pickle.uri),
    tags: pickle.tags.map((tag) => tag.name),
    scenarioStatus,
    durationMs: Math.max(0, (attempt.endMs ?? attempt.startMs) - attempt.startMs),
  };
  const broken = brokenStep(attempt, pickle);
  const parsed = attempt.attachments.map(parseResult);
  const results = parsed.filter((result) => typeof result !== 'string');
  const invalid = parsed.filter((result) => typeof result === 'string');
  // Skipped on purpose with no verdict (deselected by --service, @destructive without --allow-destructive): not run.
  if (results.length === 0 && invalid.length === 0 && scenarioStatus === 'SKIPPED') return [];
  if (results.length === 0) {
    const reason = invalid[0] ?? broken?.reason ?? noResultReason(scenarioStatus);
    const fallback = fromScenario(pickle, host, reason, broken);
    return [{ ...fallback, ...base }];
  }
  return results.map((result) => ({ ...reconcile(result, scenarioStatus, broken), ...base }));
}

function reconcile(result: CheckResult, scenarioStatus: string, broken: BrokenStep | undefined): CheckResult {
  const accepted = ACCEPTED_SCENARIO_STATUS[result.status];
  if (!accepted || accepted.includes(scenarioStatus)) return result;
  const why = broken?.reason ?? noResultReason(scenarioStatus);
  return {
    ...result,
    status: 'not-checked',
    message: `${result.message} - but the scenario then ended ${scenarioStatus}: ${why}`,
    evidence: [...result.evidence, ...(broken?.evidence ?? [])],
    errorCode: broken?.code ?? 'SCENARIO_' + scenarioStatus,
  };
}

interface BrokenStep {
  reason: string;
  code: string;
  evidence: string[];
  isCheckFailure: boolean;
}

function brokenStep(attempt: Attempt, pickle: PickleMessage): BrokenStep | undefined {
  const step = attempt.steps.find((s) => !['PASSED', 'SKIPPED'].includes(s.result.status));
  if (!step) return undefined;
  const stepText = stepTextOf(attempt.testCase, pickle, step.testStepId);
  const { status, exception, message } = step.result;
  const firstLine = (exception?.message ?? message ?? '').split('\n')[0] ?? '';
  const reason =
    status === 'FAILED'
      ? firstLine || `step failed without a message: ${stepText}`
      : `step ${status.toLowerCase()}: ${stepText}`;
  const code = exception ? (errorCodeOfClass(exception.type) ?? exception.type) : `${status}_STEP`;
  const evidence = [`step: ${stepText}`];
  if (exception) evidence.push(`${exception.type}: ${exception.message ?? ''}`);
  return { reason, code, evidence, isCheckFailure: exception?.type === 'CheckFailed' };
}

function stepTextOf(testCase: TestCaseMessage, pickle: PickleMessage, testStepId: string): string {
  const pickleStepId = testCase.testSteps.find((s) => s.id === testStepId)?.pickleStepId;
  if (pickleStepId === undefined) return 'a hook';
  return pickle.steps.find((s) => s.id === pickleStepId)?.text ?? 'an unknown step';
}

function fromScenario(
  pickle: PickleMessage,
  host: string,
  reason: string,
  broken: BrokenStep | undefined,
): CheckResult {
  // A CheckFailed thrown before the result was attached is still a fault of the host, not "could not check".
  const status: CheckStatus = broken?.isCheckFailure ? 'failed' : 'not-checked';
  return {
    host,
    service: serviceOf(pickle.name),
    item: itemOf(pickle.tags.map((tag) => tag.name)),
    status,
    message: reason,
    evidence: broken?.evidence ?? [],
    ...(status === 'not-checked' ? { errorCode: broken?.code ?? 'NO_RESULT' } : {}),
  };
}

function neverStarted(pickle: PickleMessage, host: string): ReportRow {
  return {
    ...fromScenario(pickle, host, 'the scenario never started: the run ended before it', undefined),
    scenario: pickle.name,
    uri: templateUri(pickle.uri),
    tags: pickle.tags.map((tag) => tag.name),
    scenarioStatus: 'NOT_STARTED',
    durationMs: 0,
  };
}

function noResultReason(scenarioStatus: string): string {
  return scenarioStatus === 'NOT_FINISHED'
    ? 'the scenario never finished: the run was interrupted'
    : `the scenario ended ${scenarioStatus} without recording a check result`;
}

function worstStatus(attempt: Attempt): string {
  let worst = attempt.steps.length === 0 ? 'UNKNOWN' : 'PASSED';
  for (const step of attempt.steps) {
    if (STATUS_RANK.indexOf(step.result.status) > STATUS_RANK.indexOf(worst)) worst = step.result.status;
  }
  return worst;
}

/** Decodes one result attachment; a string is the reason it is not a CheckResult. */
function parseResult(attachment: AttachmentMessage): CheckResult | string {
  const text =
    attachment.contentEncoding === 'BASE64'
      ? Buffer.from(attachment.body, 'base64').toString('utf8')
      : attachment.body;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `the result attachment is not JSON: ${text.slice(0, 60)}`;
  }
  return isCheckResult(value) ? value : `the result attachment is not a CheckResult: ${text.slice(0, 60)}`;
}

const STATUSES: readonly string[] = ['passed', 'failed', 'waived', 'not-applicable', 'not-checked'];

function isCheckResult(value: unknown): value is CheckResult {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.host === 'string' &&
    typeof v.service === 'string' &&
    typeof v.item === 'string' &&
    typeof v.status === 'string' &&
    STATUSES.includes(v.status) &&
    typeof v.message === 'string' &&
    Array.isArray(v.evidence) &&
    v.evidence.every((line) => typeof line === 'string')
  );
}

/** "wazo-auth: the default user is not root" -> "wazo-auth". */
export function serviceOf(scenarioName: string): string {
  const colon = scenarioName.indexOf(': ');
  return colon > 0 ? scenarioName.slice(0, colon) : HOST_WIDE;
}

/** The checklist item a scenario is tagged with: @NSC-xx first, else another upper-case ID tag (as the CLI's hooks say). */
export function itemOf(tags: readonly string[]): string {
  const ids = tags.map((tag) => tag.replace(/^@/, ''));
  return (
    ids.find((id) => /^NSC-\d+$/.test(id)) ?? ids.find((id) => /^[A-Z][A-Z0-9-]*$/.test(id)) ?? 'SCENARIO'
  );
}
