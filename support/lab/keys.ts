// A fresh ed25519 key pair for each lab start, in OpenSSH format (what ssh and ssh2 both read).
// ssh2 is CommonJS whose `utils` Node cannot see as a named export.
import ssh2 from 'ssh2';

export interface LabKeyPair {
  privateKey: string;
  /** One authorized_keys line: `ssh-ed25519 AAAA... comment`. */
  publicKey: string;
}

export function makeLabKeyPair(comment: string): LabKeyPair {
  const pair = ssh2.utils.generateKeyPairSync('ed25519', { comment });
  return { privateKey: pair.private, publicKey: pair.public.trim() };
}
