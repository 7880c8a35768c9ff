// Built-in defaults of a RunnerConfig, and where the package's own files live.
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (holds features/, fixtures/, cucumber.js), wherever the runner is started from. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const DEFAULT_CATALOG_FILE = join(PACKAGE_ROOT, 'fixtures', 'services.yml');
export const PASSPHRASE_ENV = 'WAZO_SSH_PASSPHRASE';
export const CONSUL_TOKEN_ENV = 'WAZO_CONSUL_TOKEN';

export function defaultConfigFile(home: string = homedir()): string {
  return join(home, '.config', 'wazo-live-acceptance', 'config.yml');
}

/**
 * Every default except host (no default), ssh.sudo / ssh.useAgent (derived from user / keyFile) and https.route
 * (derived from ssh.jumpHost).
 */
export function defaultLayer(home: string): Record<string, unknown> {
  return {
    ssh: {
      port: 22,
      user: 'root',
      passphraseEnv: PASSPHRASE_ENV,
      knownHostsFile: join(home, '.ssh', 'known_hosts'),
      acceptNewHostKey: false,
      maxChannels: 8,
      connectTimeoutMs: 10_000,
      commandTimeoutMs: 60_000,
      keepaliveIntervalMs: 15_000,
      transport: 'ssh2',
    },
    https: { port: 443, pinFromHost: false, insecure: false, timeoutMs: 10_000 },
    consul: {
      address: '127.0.0.1:8500',
      tokenEnv: CONSUL_TOKEN_ENV,
      tokenFile: '/var/lib/consul/master_token',
      enabled: 'auto',
    },
    catalogFile: DEFAULT_CATALOG_FILE,
    services: [],
    allowDestructive: false,
  };
}
