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

/**
 * A pair ssh2 can read back: its generator strips a public key's leading zero bytes about once in 256 draws
 * (upstream mscdex/ssh2 issues 1390 and 1513), which made a transport test fail now and then; such a pair is
 * drawn again (as support/lab/keys.ts does for the lab).
 */
export function newKeyPair(passphrase?: string): KeyPair {
  for (let draw = 1; draw <= 8; draw++) {
    const pair =
      passphrase === undefined
        ? ssh2.utils.generateKeyPairSync('ed25519')
        : ssh2.utils.generateKeyPairSync('ed25519', { passphrase, cipher: 'aes256-ctr', rounds: 4 });
    const parsed = ssh2.utils.parseKey(pair.private, passphrase);
    const publicKey = ssh2.utils.parseKey(pair.public);
    if (!(parsed instanceof Error) && !(publicKey instanceof Error)) return pair;
  }
  throw new Error('no usable ed25519 test key in 8 draws');
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
