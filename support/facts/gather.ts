// Gathers HostFacts with one read-only script over one exec channel (stub until the snapshot lands).
import type { RemoteHost } from '../ssh/transport.ts';
import type { GatherPlan, HostFacts } from './types.ts';

export async function gatherFacts(_host: RemoteHost, _plan: GatherPlan): Promise<HostFacts> {
  throw new Error('gatherFacts: not implemented yet');
}
