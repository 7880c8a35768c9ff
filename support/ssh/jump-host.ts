// Parses the jump host setting `[user@]host[:port]` (IPv6 as `[addr]:port`).
import { ConfigError } from '../errors.ts';

export interface JumpHost {
  user: string;
  host: string;
  port: number;
}

export function parseJumpHost(spec: string, defaultUser: string): JumpHost {
  const match = /^(?:([^@\s]+)@)?(\[[^\]]+\]|[^:@\s[\]]+)(?::(\d+))?$/.exec(spec.trim());
  const port = Number(match?.[3] ?? 22);
  if (!match?.[2] || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError(
      `jump host ${JSON.stringify(spec)}: expected [user@]host[:port], e.g. admin@bastion:22`,
    );
  }
  return { user: match[1] ?? defaultUser, host: match[2].replace(/^\[(.*)\]$/, '$1'), port };
}
