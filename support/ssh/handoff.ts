// Hands the CLI's preflight connection to the in-process run, so a run pays one SSH handshake, not two.
// Keyed by the run: a single-host run offers under its host, a fleet run under each host's inventory name.
import type { RemoteHost } from './transport.ts';

const offered = new Map<string, RemoteHost>();

/** The CLI offers the connection it opened to check the host before the run starts. */
export function offerConnection(key: string, remote: RemoteHost): void {
  offered.set(key, remote);
}

/** The run takes the one offered under its key; else (or taken already) undefined. */
export function takeConnection(key: string): RemoteHost | undefined {
  const taken = offered.get(key);
  offered.delete(key);
  return taken;
}

/** What nobody took under this key (a run of no scenario, a --parallel run whose workers connect themselves). */
export function withdrawConnection(key: string): RemoteHost | undefined {
  return takeConnection(key);
}
