// --print-config: the resolved configuration as YAML, with secrets shown only as <set>/<unset>.
import { stringify } from 'yaml';
import type { RunnerConfig } from '../config/types.ts';
import { CONSUL_TOKEN_ENV, PASSPHRASE_ENV } from '../config/defaults.ts';
import type { RunnerSecrets } from '../config/secrets.ts';
import { secretState } from '../config/secrets.ts';

export function printableConfig(config: RunnerConfig, secrets: RunnerSecrets, configFile?: string): string {
  const { host, ...rest } = config;
  const view = {
    host,
    ...rest,
    secrets: {
      [config.ssh.passphraseEnv ?? PASSPHRASE_ENV]: secretState(secrets.passphrase),
      [config.consul.tokenEnv ?? CONSUL_TOKEN_ENV]: secretState(secrets.consulToken),
    },
  };
  const header = `# configuration file: ${configFile ?? 'none'}\n`;
  return header + stringify(view);
}
