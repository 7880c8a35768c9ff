// --print-config: the resolved configuration as YAML, with secrets shown only as <set>/<unset>.
import { stringify } from 'yaml';
import type { RunnerConfig } from '../config.ts';
import type { RunnerSecrets } from '../config/secrets.ts';
import { secretState } from '../config/secrets.ts';

export function printableConfig(config: RunnerConfig, secrets: RunnerSecrets, configFile?: string): string {
  const { host, ...rest } = config;
  const view = {
    host,
    ...rest,
    secrets: {
      [config.ssh.passphraseEnv ?? 'WAZO_SSH_PASSPHRASE']: secretState(secrets.passphrase),
      [config.consul.tokenEnv ?? 'WAZO_CONSUL_TOKEN']: secretState(secrets.consulToken),
    },
  };
  const header = `# configuration file: ${configFile ?? 'none'}\n`;
  return header + stringify(view);
}
