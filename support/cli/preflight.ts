// Opens the target's SSH connection before the run, so a wrong host, key, host key or sudo fails in seconds.
import type { RunnerConfig } from '../config/types.ts';
import { readSecrets } from '../config/secrets.ts';
import { Interrupted, TimedOut, WlaError } from '../errors.ts';
import type { SshSecrets } from '../ssh/connect.ts';
import type { RemoteHost } from '../ssh/transport.ts';

export type OpenRemoteHost = (
  host: string,
  ssh: RunnerConfig['ssh'],
  secrets: SshSecrets,
) => Promise<RemoteHost>;

/** Margin over the SSH connect timeout (for auth and sudo) before the preflight itself gives up. */
const PREFLIGHT_MARGIN_MS = 5_000;

/**
 * Opens the connection once so a wrong host, key, host key or sudo fails in seconds with one clear line; returns it
 * when `keep` (the run adopts it), else closes it.
 */
export async function preflight(
  config: RunnerConfig,
  env: NodeJS.ProcessEnv,
  openRemoteHost: OpenRemoteHost,
  keep: boolean,
  /** Ctrl-C in a fleet run: the wait ends at once (the late connection, if any, is closed). */
  signal?: AbortSignal,
): Promise<RemoteHost | undefined> {
  const limitMs = config.ssh.connectTimeoutMs + Math.min(PREFLIGHT_MARGIN_MS, config.ssh.connectTimeoutMs);
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new TimedOut(`no SSH session to ${config.host} after ${limitMs}ms`)),
      limitMs,
    );
    onAbort = () => reject(new Interrupted(`interrupted while connecting to ${config.host}`));
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  const opening = openRemoteHost(config.host, config.ssh, readSecrets(config, env));
  try {
    const remote = await Promise.race([opening, deadline]);
    // sudo -n is only tried on a command: fail here, not in every scenario, when it wants a password.
    if (config.ssh.sudo) await Promise.race([remote.exec(['true'], { timeoutMs: limitMs }), deadline]);
    if (keep) return remote;
    await remote.close();
    return undefined;
  } catch (error) {
    opening.then((late) => late.close()).catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new WlaError(
      error instanceof WlaError ? error.code : 'HOST_UNREACHABLE',
      `cannot check ${config.host}: ${reason}`,
      {
        cause: error,
      },
    );
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
