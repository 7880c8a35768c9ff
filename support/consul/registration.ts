// Looks up a daemon's Consul registration (NSC-16), retrying briefly: a TTL check may be between refreshes.
import type { ConsulConfig } from '../config.ts';
import { HostUnreachable, WlaError } from '../errors.ts';
import type { ConsulClient, ConsulServiceHealth } from './client.ts';

export interface ConsulEnablement {
  enabled: boolean;
  /** How it was decided, for evidence. */
  how: string;
}

/** consul.enabled true/false is the user's word; 'auto' asks the fact snapshot (agent listening or token file). */
export function consulEnablement(config: ConsulConfig, consulPresent: boolean | undefined): ConsulEnablement {
  if (config.enabled !== 'auto') return { enabled: config.enabled, how: `consul.enabled: ${config.enabled}` };
  const found = consulPresent === true;
  const seen = found ? 'found a Consul agent' : 'found no Consul agent';
  return { enabled: found, how: `consul.enabled: auto; the fact snapshot ${seen}` };
}

export type RegistrationLookup =
  | { instances: ConsulServiceHealth[]; registered: string[]; tokenSource: string; attempts: number }
  | { error: WlaError };

export interface RetryOptions {
  attempts: number;
  delayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 3, delayMs: 2_000 };

export function isPassing(instance: ConsulServiceHealth): boolean {
  return Object.values(instance.checks).every((status) => status === 'passing');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function lookupRegistration(
  consul: () => Promise<ConsulClient>,
  name: string,
  retry: RetryOptions = DEFAULT_RETRY,
): Promise<RegistrationLookup> {
  try {
    const client = await consul();
    let instances: ConsulServiceHealth[] = [];
    let attempt = 0;
    while (attempt < retry.attempts) {
      attempt += 1;
      instances = await client.allInstances(name);
      if (instances.some(isPassing)) break;
      if (attempt < retry.attempts) await sleep(retry.delayMs);
    }
    const registered = instances.length > 0 ? [] : await client.serviceNames();
    return { instances, registered, tokenSource: client.tokenSource, attempts: attempt };
  } catch (err) {
    const error = err instanceof WlaError ? err : new HostUnreachable(String(err), { cause: err });
    return { error };
  }
}
