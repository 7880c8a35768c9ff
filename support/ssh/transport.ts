// The contract every transport (ssh2, openssh) fulfils; everything above it talks only to this.
import type { Duplex } from 'node:stream';

export interface ExecOptions {
  /** Kills the command and rejects with TimedOut after this long. */
  timeoutMs?: number;
  /** Fed to the command's standard input, then closed. */
  stdin?: string;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  /** Exit status; null when the command died of a signal. */
  code: number | null;
  signal?: string;
}

export interface TransportStats {
  connections: number;
  channels: number;
  bytesIn: number;
  bytesOut: number;
}

export interface RemoteHost {
  /** For messages: user@host:port, never a secret. */
  readonly label: string;
  /**
   * Runs argv on the host (quoted through one quoting function, under `sudo -n` when the
   * configuration asks for it). Resolves with the exit status; rejects only when the command
   * could not be run or checked (unreachable, auth, timeout, sudo refused).
   */
  exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;
  /** A TCP stream to host:port as seen from the target (ssh -W). */
  forwardOut(host: string, port: number): Promise<Duplex>;
  readonly stats: TransportStats;
  close(): Promise<void>;
}
