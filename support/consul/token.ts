// Where the Consul ACL token comes from: an environment variable, else the token file on the target (read over SSH).
import type { ConsulConfig } from '../config/types.ts';
import { CONSUL_TOKEN_ENV } from '../config/defaults.ts';
import type { RemoteHost } from '../ssh/transport.ts';

export interface ConsulToken {
  /** undefined: no token found, requests go without one. */
  value?: string;
  /** For messages: where the token came from (never the token). */
  source: string;
}

export async function resolveConsulToken(
  consul: ConsulConfig,
  env: NodeJS.ProcessEnv,
  remote: RemoteHost,
  timeoutMs: number,
): Promise<ConsulToken> {
  const envName = consul.tokenEnv ?? CONSUL_TOKEN_ENV;
  const fromEnv = env[envName]?.trim();
  if (fromEnv) return { value: fromEnv, source: `environment variable ${envName}` };
  const file = await remote.exec(['cat', consul.tokenFile], { timeoutMs });
  const where = `${consul.tokenFile} on ${remote.label}`;
  const value = file.code === 0 ? file.stdout.trim() : '';
  if (value !== '') return { value, source: where };
  const why = file.code === 0 ? 'empty' : file.stderr.trim() || `exit ${file.code}`;
  return { source: `no token: ${envName} is unset and ${where} is unreadable (${why})` };
}
