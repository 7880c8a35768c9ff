// The outcome of one check for one (host, service, checklist item); reports are built from these.

export type CheckStatus = 'passed' | 'failed' | 'waived' | 'not-applicable' | 'not-checked';

export interface CheckResult {
  host: string;
  service: string;
  /** Checklist item ID, e.g. NSC-04; other checks use their own IDs (e.g. CATALOG). */
  item: string;
  status: CheckStatus;
  /** One line: for failures "<service> on <host>: <item> <what>: expected X, found Y". */
  message: string;
  /** The fact lines the decision was made on. */
  evidence: string[];
  /** Error code of the cause, for not-checked results (see support/errors.ts). */
  errorCode?: string;
}

/** Media type of the result attached to every checked scenario (one JSON CheckResult). */
export const RESULT_MEDIA_TYPE = 'application/vnd.wazo-live-acceptance.result+json';
