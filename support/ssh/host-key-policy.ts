// Accepts or refuses a host's key against the known_hosts file, with OpenSSH's accept-new semantics.
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError, HostKeyRejected } from '../errors.ts';
import {
  KnownHosts,
  fingerprintSha256,
  formatKnownHostLine,
  hostEntryName,
  keyTypeOfBlob,
} from './known-hosts.ts';
import type { HostKeyVerdict } from './known-hosts.ts';

export interface HostKeyPolicy {
  knownHostsFile: string;
  /** Record an unknown key (never a changed one), like StrictHostKeyChecking=accept-new. */
  acceptNewHostKey: boolean;
}

export type HostKeyOutcome = 'matched' | 'added';

/** Throws HostKeyRejected unless the key is known for host:port (or newly accepted). */
export function checkHostKey(
  policy: HostKeyPolicy,
  host: string,
  port: number,
  keyBlob: Buffer,
): HostKeyOutcome {
  const keyType = keyTypeOfBlob(keyBlob);
  const verdict = readKnownHosts(policy.knownHostsFile).verify(host, port, keyType, keyBlob);
  if (verdict.status === 'match') return 'matched';
  if (verdict.status === 'unknown' && policy.acceptNewHostKey && verdict.otherTypes.length === 0) {
    appendKnownHost(policy.knownHostsFile, host, port, keyBlob);
    return 'added';
  }
  throw new HostKeyRejected(rejection(policy, host, port, keyBlob, verdict));
}

export function readKnownHosts(file: string): KnownHosts {
  try {
    return KnownHosts.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new KnownHosts([]);
    throw new ConfigError(`cannot read known_hosts file ${file}: ${(err as Error).message}`, { cause: err });
  }
}

function appendKnownHost(file: string, host: string, port: number, keyBlob: Buffer): void {
  // Another worker may have recorded the same key since we read the file.
  const current = readKnownHosts(file).verify(host, port, keyTypeOfBlob(keyBlob), keyBlob);
  if (current.status === 'match') return;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const existing = readTextOrEmpty(file);
    const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
    appendFileSync(file, `${separator}${formatKnownHostLine(host, port, keyBlob)}\n`, { mode: 0o644 });
  } catch (err) {
    throw new ConfigError(
      `cannot record the host key of ${host}:${port} in ${file}: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
}

function readTextOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function rejection(
  policy: HostKeyPolicy,
  host: string,
  port: number,
  keyBlob: Buffer,
  verdict: HostKeyVerdict,
): string {
  const file = policy.knownHostsFile;
  const offered = `${keyTypeOfBlob(keyBlob)} ${fingerprintSha256(keyBlob)}`;
  const where = `${host}:${port}`;
  const lines = verdict.entries.map((entry) => entry.line).join(', ');
  switch (verdict.status) {
    case 'revoked':
      return `host key of ${where} (${offered}) is marked @revoked in ${file} line ${lines}: refusing to connect`;
    case 'changed': {
      const expected = verdict.entries.map((e) => `${e.keyType} ${fingerprintSha256(e.key)}`).join(', ');
      return (
        `REMOTE HOST IDENTIFICATION HAS CHANGED for ${where}: ${file} line ${lines} expects ${expected}, ` +
        `the host offers ${offered}. Someone may be intercepting the connection, or the host was reinstalled: ` +
        `check the new key, then remove the old one with ssh-keygen -R '${hostEntryName(host, port)}' -f ${file}`
      );
    }
    default:
      if (verdict.otherTypes.length > 0) {
        return (
          `host key of ${where} (${offered}) is not in ${file}, which records only ${verdict.otherTypes.join(', ')} ` +
          `for it: not accepted automatically. Check it, then run: ssh-keyscan -t ${keyTypeOfBlob(keyBlob)} ` +
          `-p ${port} ${host} >> ${file}`
        );
      }
      return (
        `host key of ${where} is unknown (${offered}, not in ${file}): check the fingerprint, then rerun ` +
        `with --accept-new-host-key or run: ssh-keyscan -p ${port} ${host} >> ${file}`
      );
  }
}
