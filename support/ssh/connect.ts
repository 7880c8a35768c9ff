// Opens a RemoteHost for a target with the configured transport (ssh2 in-process, or the system ssh).
import type { SshConfig } from '../config/types.ts';
import { OpensshRemoteHost } from './openssh-transport.ts';
import { Ssh2RemoteHost } from './ssh2-transport.ts';
import type { RemoteHost } from './transport.ts';
import type { TransportTuning } from './tuning.ts';

export interface SshSecrets {
  /** The key passphrase, read from the environment by the caller; never logged. */
  passphrase?: string;
}

/**
 * Connects (and authenticates, and verifies the host key) before resolving, so a wrong setting
 * fails here with HostUnreachable, AuthFailed, HostKeyRejected or ConfigError.
 */
export async function openRemoteHost(
  host: string,
  ssh: SshConfig,
  secrets: SshSecrets,
  tuning: Partial<TransportTuning> = {},
): Promise<RemoteHost> {
  if (ssh.transport === 'openssh') return new OpensshRemoteHost(host, ssh, secrets, tuning).open();
  return new Ssh2RemoteHost(host, ssh, secrets, tuning).open();
}
