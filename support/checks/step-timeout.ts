// How long a step that waits for the fact snapshot may take: the first one pays for connecting and gathering.
import { DEFAULT_GATHER_TIMEOUT_MS } from '../facts/gather.ts';

/** The gather's own bound plus a margin for the SSH connection, so the gather's TimedOut is what gets reported. */
export const FACT_STEP_TIMEOUT_MS = DEFAULT_GATHER_TIMEOUT_MS + 30_000;
