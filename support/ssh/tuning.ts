// Transport settings the configuration does not expose; tests shorten them.

export interface TransportTuning {
  /** Keepalives missed before the connection counts as dead (with SshConfig.keepaliveIntervalMs). */
  keepaliveCountMax: number;
  /** After a drop, how long reconnect attempts may go on before HostUnreachable (a reboot takes this long). */
  reconnectWindowMs: number;
  reconnectFirstDelayMs: number;
  reconnectMaxDelayMs: number;
  /** How often a refused exec channel (host at MaxSessions) is retried, 50 ms then doubling. */
  channelOpenRetries: number;
  /** A command writing more (stdout + stderr) is stopped: the runner must not exhaust its own memory. */
  maxOutputBytes: number;
  /** The ssh binary the openssh transport runs. */
  sshBinary: string;
  /** The openssh transport shares one master connection (ControlMaster); off, each command connects anew. */
  opensshMultiplex: boolean;
}

export const DEFAULT_TUNING: TransportTuning = {
  keepaliveCountMax: 3,
  reconnectWindowMs: 120_000,
  reconnectFirstDelayMs: 250,
  reconnectMaxDelayMs: 5_000,
  channelOpenRetries: 4,
  maxOutputBytes: 64 * 1024 * 1024,
  sshBinary: 'ssh',
  opensshMultiplex: true,
};
