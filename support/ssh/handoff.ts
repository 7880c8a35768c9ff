// Hands the CLI's preflight connection to the in-process run, so a run pays one SSH handshake, not two.
import type { RemoteHost } from './transport.ts';

let offered: { host: string; remote: RemoteHost } | undefined;

/** The CLI offers the connection it opened to check the host before the run starts. */
export function offerConnection(host: string, remote: RemoteHost): void {
  offered = { host, remote };
}

/** The run takes it when it is for the same host; else (or taken already) undefined. */
export function takeConnection(host: string): RemoteHost | undefined {
  const taken = offered?.host === host ? offered.remote : undefined;
  if (taken) offered = undefined;
  return taken;
}

/** What nobody took (a run of no scenario, a --parallel run whose workers connect themselves). */
export function withdrawConnection(): RemoteHost | undefined {
  const left = offered?.remote;
  offered = undefined;
  return left;
}
