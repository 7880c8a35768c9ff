// Gathers the facts once per run and shares them; a failed gather is never cached, so the next get() retries.
import type { HostFacts } from './types.ts';

export interface FactsCache {
  /** The run's facts: the first call gathers, later calls share the same promise. */
  get(): Promise<HostFacts>;
  /** Gathers again (after a reboot or an upgrade) and makes the result the one get() returns. */
  refresh(): Promise<HostFacts>;
}

export function createFactsCache(gather: () => Promise<HostFacts>): FactsCache {
  let current: Promise<HostFacts> | undefined;
  const start = (): Promise<HostFacts> => {
    const pending = gather();
    current = pending;
    pending.catch(() => {
      if (current === pending) current = undefined;
    });
    return pending;
  };
  return {
    get: () => current ?? start(),
    refresh: start,
  };
}
