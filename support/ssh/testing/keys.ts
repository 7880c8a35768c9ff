// Throwaway SSH keys and known_hosts files for transport tests, written to a temporary directory.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { formatKnownHostLine } from '../known-hosts.ts';

export interface KeyPair {
  private: string;
  public: string;
}

export function newKeyPair(passphrase?: string): KeyPair {
  return passphrase === undefined
    ? ssh2.utils.generateKeyPairSync('ed25519')
    : ssh2.utils.generateKeyPairSync('ed25519', { passphrase, cipher: 'aes256-ctr', rounds: 4 });
}

export function publicBlob(pair: KeyPair): Buffer {
  return Buffer.from(pair.public.split(' ')[1] ?? '', 'base64');
}

export function knownHostsLine(host: string, port: number, pair: KeyPair): string {
  return `${formatKnownHostLine(host, port, publicBlob(pair))}\n`;
}

export class TempDir {
  readonly path: string;
  constructor(prefix = 'wla-ssh-') {
    this.path = mkdtempSync(join(tmpdir(), prefix));
  }
  file(name: string, content?: string, mode = 0o600): string {
    const path = join(this.path, name);
    if (content !== undefined) writeFileSync(path, content, { mode });
    return path;
  }
  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}
