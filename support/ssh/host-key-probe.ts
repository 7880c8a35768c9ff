// Fetches a host's key with a handshake that stops at key exchange (no authentication), for precise refusals.
import ssh2 from 'ssh2';
import { checkHostKey } from './host-key-policy.ts';
import type { HostKeyPolicy } from './host-key-policy.ts';
import { preferredHostKeys } from './ssh2-connection.ts';
import type { HostKeyRejected } from '../errors.ts';

/** The key host:port presents (preferring the types known_hosts records), or undefined if it cannot be read. */
export async function probeHostKey(
  host: string,
  port: number,
  policy: HostKeyPolicy,
  timeoutMs: number,
): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const client = new ssh2.Client();
    let key: Buffer | undefined;
    const done = (): void => {
      clearTimeout(timer);
      client.removeAllListeners();
      client.on('error', () => undefined);
      client.end();
      resolve(key);
    };
    const timer = setTimeout(done, timeoutMs);
    client.on('error', done).on('close', done);
    client.connect({
      host,
      port,
      username: 'host-key-probe',
      readyTimeout: timeoutMs,
      algorithms: { serverHostKey: preferredHostKeys(policy, { host, port, user: '' }) },
      hostVerifier: (presented: Buffer) => {
        key = presented;
        setImmediate(done);
        return false;
      },
    });
  });
}

/** The refusal our own known_hosts check gives for the key the host presents now, if it can be read. */
export async function explainHostKeyRefusal(
  host: string,
  port: number,
  policy: HostKeyPolicy,
  timeoutMs: number,
): Promise<HostKeyRejected | undefined> {
  const key = await probeHostKey(host, port, policy, timeoutMs);
  if (!key) return undefined;
  try {
    checkHostKey({ ...policy, acceptNewHostKey: false }, host, port, key);
    return undefined;
  } catch (err) {
    return err as HostKeyRejected;
  }
}
