// A fresh ed25519 key pair for each lab start, in OpenSSH format (what ssh and ssh2 both read).
// ssh2 is CommonJS whose `utils` Node cannot see as a named export.
import ssh2 from 'ssh2';

export interface LabKeyPair {
  privateKey: string;
  /** One authorized_keys line: `ssh-ed25519 AAAA... comment`. */
  publicKey: string;
}

/** ssh2.utils.generateKeyPairSync's shape: OpenSSH private key text and one public key line. */
export interface GeneratedPair {
  private: string;
  public: string;
}

export type KeyGenerator = (comment: string) => GeneratedPair;

/** Each draw is unusable with probability 1/256, so 8 draws all fail about once in 1.8e19 starts. */
export const MAX_KEY_DRAWS = 8;

const ed25519: KeyGenerator = (comment) => ssh2.utils.generateKeyPairSync('ed25519', { comment });

/**
 * ssh2's generator strips every leading zero byte of the public key, so about one pair in 256 holds a
 * 31-byte key that ssh2's own parseKey (and OpenSSH) refuse (upstream mscdex/ssh2 issues 1390 and
 * 1513): such a pair is drawn again, never handed to the lab.
 */
export function makeLabKeyPair(comment: string, generate: KeyGenerator = ed25519): LabKeyPair {
  const refusals: string[] = [];
  for (let draw = 1; draw <= MAX_KEY_DRAWS; draw++) {
    const pair = generate(comment);
    const refusal = whyUnusable(pair);
    if (refusal === undefined) return { privateKey: pair.private, publicKey: pair.public.trim() };
    refusals.push(`draw ${draw}: ${refusal}`);
  }
  throw new Error(`no usable ed25519 lab key in ${MAX_KEY_DRAWS} draws (${refusals.join('; ')})`);
}

/** Why ssh2 cannot use the pair, or undefined when both halves parse and belong together. */
export function whyUnusable(pair: GeneratedPair): string | undefined {
  const privateKey = ssh2.utils.parseKey(pair.private);
  if (privateKey instanceof Error) return `private key: ${privateKey.message}`;
  const publicKey = ssh2.utils.parseKey(pair.public);
  if (publicKey instanceof Error) return `public key: ${publicKey.message}`;
  if (privateKey.type !== 'ssh-ed25519') return `private key: expected ssh-ed25519, found ${privateKey.type}`;
  if (!privateKey.getPublicSSH().equals(publicKey.getPublicSSH())) {
    return 'public key: does not match the private key';
  }
  return undefined;
}
