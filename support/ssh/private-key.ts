// Reads and decrypts the private key file up front so a bad key or passphrase fails clearly, without the secret.
import { readFileSync } from 'node:fs';
import ssh2 from 'ssh2';
import { AuthFailed, ConfigError } from '../errors.ts';

export interface PrivateKey {
  file: string;
  data: Buffer;
}

export function loadPrivateKey(
  file: string,
  passphrase: string | undefined,
  passphraseEnv?: string,
): PrivateKey {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (err) {
    throw new ConfigError(
      `cannot read key file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
      {
        cause: err,
      },
    );
  }
  const parsed = ssh2.utils.parseKey(data, passphrase);
  if (parsed instanceof Error) throw keyError(file, parsed, passphrase !== undefined, passphraseEnv);
  return { file, data };
}

function keyError(file: string, err: Error, hadPassphrase: boolean, passphraseEnv?: string): Error {
  if (/no passphrase given/i.test(err.message)) {
    const hint = passphraseEnv ? `set ${passphraseEnv}` : 'name the variable holding its passphrase';
    return new AuthFailed(
      `cannot decrypt key ${file}: it is encrypted and no passphrase was given (${hint})`,
    );
  }
  if (hadPassphrase && /passphrase|decrypt|integrity/i.test(err.message)) {
    return new AuthFailed(`cannot decrypt key ${file}: wrong passphrase`);
  }
  return new ConfigError(`cannot parse key file ${file}: ${err.message}`);
}
