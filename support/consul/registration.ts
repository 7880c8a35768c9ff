// Looks up a daemon's Consul registration (NSC-16), retrying briefly: a TTL check may be between refreshes.
import type { ConsulConfig } from '../config/types.ts';
import { HostUnreachable, WlaError } from '../errors.ts';
import type { HostFacts, SectionError } from '../facts/types.ts';
import { parseConsulAddress } from './client.ts';
import type { ConsulClient, ConsulServiceHealth } from './client.ts';

export interface ConsulEnablement {
  enabled: boolean;
  /** How it was decided, for evidence. */
  how: string;
  /** 'auto' could not decide: what the fact snapshot failed to read (then enabled is false). */
  unknown?: string;
}

/** What consul.enabled 'auto' reads from the fact snapshot. */
export type ConsulSigns = Pick<HostFacts, 'consulTokenFile' | 'listeners' | 'errors'>;

/** The file support/facts/snapshot.sh tests for (never reading it). */
const CONSUL_TOKEN_FILE = '/var/lib/consul/master_token';

/** A failed section 'auto' reads: meta says whether the token file exists, sockets inet who listens on the port. */
function signUnread(error: SectionError): boolean {
  if (error.section === 'meta') return true;
  return error.section === 'sockets' && (error.key === undefined || error.key === 'inet');
}

/**
 * consul.enabled true/false is the user's word; 'auto' asks the fact snapshot: the token file, or a TCP listener on
 * the port of consul.address. `seen` may be a caller's own yes/no (the older call; it cannot say "unknown").
 */
export function consulEnablement(
  config: ConsulConfig,
  seen: ConsulSigns | undefined,
): ConsulEnablement {
  if (config.enabled !== 'auto') return { enabled: config.enabled, how: `consul.enabled: ${config.enabled}` };
  const how = 'consul.enabled: auto; the fact snapshot';
  if (seen === undefined) return { enabled: false, how: `${how} was not read` };
  const { port } = parseConsulAddress(config.address);
  const listening = seen.listeners.some((l) => l.protocol.startsWith('tcp') && l.port === port);
  const signs = [
    ...(seen.consulTokenFile ? [CONSUL_TOKEN_FILE] : []),
    ...(listening ? [`a TCP listener on port ${port}`] : []),
  ];
  if (signs.length > 0) return { enabled: true, how: `${how} found ${signs.join(' and ')}` };
  const failed = seen.errors.filter(signUnread);
  if (failed.length > 0) {
    const said = failed.map(
      (e) => `${e.key ? `${e.section} ${e.key}` : e.section} (${e.message ?? 'failed'})`,
    );
    const unknown = `the fact snapshot could not read ${said.join(', ')}, so whether a Consul agent runs is unknown (consul.enabled: auto)`;
    return { enabled: false, how: `${how} could not tell`, unknown };
  }
  return {
    enabled: false,
    how: `${how} found neither ${CONSUL_TOKEN_FILE} nor a TCP listener on port ${port} (consul.address ${config.address})`,
  };
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
  const statuses = Object.values(instance.checks);
  return statuses.length > 0 && statuses.every((status) => status === 'passing');
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
