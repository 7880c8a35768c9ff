// Every step's time limit, defined once: each is the bound of what the step waits for plus a margin, so the inner
// bound's own error (TimedOut naming what was awaited) is what gets reported, not cucumber's bare timeout.
import { DEFAULT_GATHER_TIMEOUT_MS } from '../facts/gather.ts';
import { ONLINE_TIMEOUT_MS } from '../checks/online.ts';
import { REBOOT_TIMEOUT_MS, UPGRADE_TIMEOUT_MS } from '../lifecycle/host-actions.ts';
import { STEADY_WINDOW_MS } from '../lifecycle/restarts.ts';

/** A step that waits for the fact snapshot: the first one pays for connecting and gathering. */
export const FACT_STEP_TIMEOUT_MS = DEFAULT_GATHER_TIMEOUT_MS + 30_000;

/** NSC-18/19: the snapshot (one-shot daemons), then up to MAX_ROUTES routes through the web server. */
export const API_STEP_TIMEOUT_MS = FACT_STEP_TIMEOUT_MS + 120_000;

/** NSC-16: the snapshot (consul.enabled auto), then a few lookups with a short retry. */
export const DISCOVERY_STEP_TIMEOUT_MS = FACT_STEP_TIMEOUT_MS + 60_000;

/** The @online items: a HEAD and a GET, each bounded by ONLINE_TIMEOUT_MS. */
export const ONLINE_STEP_TIMEOUT_MS = 2 * ONLINE_TIMEOUT_MS + 1_000;

/** A watching step: two snapshots and the window between them. */
export const WATCH_STEP_TIMEOUT_MS = 2 * FACT_STEP_TIMEOUT_MS + STEADY_WINDOW_MS;

/** The destructive actions: their own bound plus time to reconnect. */
export const REBOOT_STEP_TIMEOUT_MS = REBOOT_TIMEOUT_MS + 30_000;
export const UPGRADE_STEP_TIMEOUT_MS = UPGRADE_TIMEOUT_MS + 30_000;
