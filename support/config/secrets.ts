// The two secrets (SSH key passphrase, Consul token): read from the environment only, never echoed.
import type { RunnerConfig } from './types.ts';
import { CONSUL_TOKEN_ENV, PASSPHRASE_ENV } from './defaults.ts';

export interface RunnerSecrets {
  passphrase?: string;
  consulToken?: string;
}

export function readSecrets(config: RunnerConfig, env: NodeJS.ProcessEnv): RunnerSecrets {
  const secrets: RunnerSecrets = {};
  const passphrase = env[config.ssh.passphraseEnv ?? PASSPHRASE_ENV];
  const consulToken = env[config.consul.tokenEnv ?? CONSUL_TOKEN_ENV];
  if (passphrase) secrets.passphrase = passphrase;
  if (consulToken) secrets.consulToken = consulToken;
  return secrets;
}

/** Replaces every occurrence of a secret's value in text (belt and braces for messages from libraries). */
export function redactSecrets(text: string, secrets: RunnerSecrets): string {
  let out = text;
  for (const value of [secrets.passphrase, secrets.consulToken]) {
    if (value && value.length >= 4) out = out.split(value).join('<redacted>');
  }
  return out;
}

export function secretState(value: string | undefined): '<set>' | '<unset>' {
  return value ? '<set>' : '<unset>';
}
