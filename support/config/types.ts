// The runner's configuration for one target (types; resolveConfig in support/config/resolve.ts loads them).

export type TransportKind = 'ssh2' | 'openssh';

export interface SshConfig {
  port: number;
  user: string;
  /** Private key file; when absent the SSH agent (SSH_AUTH_SOCK) is used. */
  keyFile?: string;
  /** Name of the environment variable holding the key passphrase (never the passphrase itself); default WAZO_SSH_PASSPHRASE. */
  passphraseEnv?: string;
  useAgent: boolean;
  /** user@host:port of a jump host. */
  jumpHost?: string;
  knownHostsFile: string;
  acceptNewHostKey: boolean;
  /** Run commands under `sudo -n` (non-root user). Default: true when user is not root. */
  sudo: boolean;
  maxChannels: number;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  keepaliveIntervalMs: number;
  transport: TransportKind;
}

/**
 * How HTTPS reaches nginx: direct dials host:port from the runner; ssh carries each connection through the run's
 * SSH connection to 127.0.0.1:port on the host, still verifying the certificate for the host's name.
 */
export type HttpsRoute = 'direct' | 'ssh';

export interface HttpsConfig {
  /** Default: ssh with a jump host (the runner usually cannot reach the host itself), else direct. */
  route: HttpsRoute;
  port: number;
  /** The name to verify the certificate against (defaults to host). */
  serverName?: string;
  caFile?: string;
  pinFromHost: boolean;
  insecure: boolean;
  timeoutMs: number;
}

export interface ConsulConfig {
  /** Consul HTTP API as seen from the target, e.g. 127.0.0.1:8500 (reached through the SSH tunnel). */
  address: string;
  /** Name of the environment variable holding the token (default WAZO_CONSUL_TOKEN); never the token itself. */
  tokenEnv?: string;
  /** Token file on the target host, read over SSH. */
  tokenFile: string;
  /** Whether the target runs Consul; 'auto' asks the host. */
  enabled: boolean | 'auto';
}

export interface RunnerConfig {
  host: string;
  ssh: SshConfig;
  https: HttpsConfig;
  consul: ConsulConfig;
  /** Path of the service catalog (default fixtures/services.yml). */
  catalogFile: string;
  waiversFile?: string;
  /** Names of the services to check; empty means every catalog service. */
  services: string[];
  allowDestructive: boolean;
  baselineFile?: string;
}
