// Opens a RemoteHost for a target with the configured transport (stub until the SSH layer lands).
import type { SshConfig } from '../config.ts';
import type { RemoteHost } from './transport.ts';

export interface SshSecrets {
  /** The key passphrase, read from the environment by the caller; never logged. */
  passphrase?: string;
}

export async function openRemoteHost(_host: string, _ssh: SshConfig, _secrets: SshSecrets): Promise<RemoteHost> {
  throw new Error('openRemoteHost: not implemented yet');
}
