// What a destructive scenario remembers between its steps: the state before the change and wazo-upgrade's outcome.
import type { ServiceEntry } from '../catalog/types.ts';
import { gatherPlan } from '../catalog/load.ts';
import { selectServices } from '../catalog/lookup.ts';
import type { Catalog } from '../catalog/types.ts';
import type { RunnerConfig } from '../config/types.ts';
import { gatherFacts } from '../facts/gather.ts';
import type { HostFacts } from '../facts/types.ts';
import type { RemoteHost } from '../ssh/transport.ts';
import type { HostState } from './host-state.ts';
import { hostStateFrom } from './host-state.ts';

export interface LifecycleSession {
  before?: HostState;
  /** wazo-upgrade's exit status and output tail, as evidence. */
  upgrade?: { code: number | null; tail: string[] };
}

const sessions = new WeakMap<object, LifecycleSession>();

/** One session per scenario (keyed by its World). */
export function sessionOf(world: object): LifecycleSession {
  let session = sessions.get(world);
  if (!session) sessions.set(world, (session = {}));
  return session;
}

export function selected(catalog: Catalog, config: RunnerConfig): ServiceEntry[] {
  return selectServices(catalog, config.services);
}

/** A fresh fact snapshot over the given connection (the run's cache may hold the state before the change). */
export async function freshFacts(
  remote: RemoteHost,
  catalog: Catalog,
  config: RunnerConfig,
): Promise<HostFacts> {
  return gatherFacts(remote, gatherPlan(catalog, config.services));
}

export function stateOf(facts: HostFacts, catalog: Catalog, config: RunnerConfig): HostState {
  return hostStateFrom(facts, selected(catalog, config), config.host);
}
