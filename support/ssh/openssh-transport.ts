// A RemoteHost that runs the system ssh per command, so ~/.ssh/config (ControlMaster, ProxyCommand) applies.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import ssh2 from 'ssh2';
import type { SshConfig } from '../config/types.ts';
import { ConfigError, HostKeyRejected, HostUnreachable, RemoteCommandFailed, TimedOut } from '../errors.ts';
import type { WlaError } from '../errors.ts';
import { ChannelPool } from './channel-pool.ts';
import type { SshSecrets } from './connect.ts';
import { explainHostKeyRefusal } from './host-key-probe.ts';
import { execArgs, exitMasterArgs, forwardArgs } from './openssh-args.ts';
import type { OpensshTarget } from './openssh-args.ts';
import { isConnectFailure, mapOpensshFailure } from './openssh-errors.ts';
import type { OpensshContext } from './openssh-errors.ts';
import { buildCommandLine, sudoRefusal, tooMuchOutput } from './remote-command.ts';
import type { CommandContext } from './remote-command.ts';
import type { ExecOptions, ExecResult, RemoteHost, TransportStats } from './transport.ts';
import { DEFAULT_TUNING } from './tuning.ts';
import type { TransportTuning } from './tuning.ts';

/** Grace between SIGTERM and SIGKILL for an ssh that outlived its command timeout. */
const KILL_GRACE_MS = 1000;
/** How long `ssh -O exit` may take to end the master connection at close. */
const EXIT_MASTER_TIMEOUT_MS = 3000;

/**
 * Commands at once over the master connection. A mux client exits when its command's exit status arrives, while sshd
 * closes that session a moment later: under load, sessions still closing plus new ones went past sshd's MaxSessions
 * (10 by default), the master was refused a session and ssh fell back to a TCP connection of its own (seen in CI: 3
 * connections instead of 1; reproduced with MaxSessions equal to the pool). Half of MaxSessions leaves room for them;
 * the snapshot needs one session, so a run does not wait on this.
 */
const MULTIPLEXED_SESSIONS = 5;

export class OpensshRemoteHost implements RemoteHost {
  readonly label: string;
  readonly pool: ChannelPool;
  private readonly target: OpensshTarget;
  private readonly config: SshConfig;
  private readonly tuning: TransportTuning;
  private readonly command: CommandContext;
  private readonly counters: TransportStats = { connections: 0, channels: 0, bytesIn: 0, bytesOut: 0 };
  private readonly children = new Set<ReturnType<typeof spawn>>();
  private closed = false;
  private down: HostUnreachable | undefined;
  /** The private (0700) directory of the master connection's socket, made by open(). */
  private controlDir: string | undefined;

  constructor(host: string, config: SshConfig, _secrets: SshSecrets, tuning: Partial<TransportTuning> = {}) {
    this.config = config;
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
    this.label = `${config.user}@${host}:${config.port}`;
    this.pool = new ChannelPool(
      this.tuning.opensshMultiplex ? Math.min(config.maxChannels, MULTIPLEXED_SESSIONS) : config.maxChannels,
    );
    this.command = { host, user: config.user, sudo: config.sudo };
    this.target = {
      host,
      config,
      keepaliveCountMax: this.tuning.keepaliveCountMax,
      sshBinary: this.tuning.sshBinary,
    };
    refuseEncryptedKeyWithoutAgent(config);
  }

  /**
   * Runs `true` once so that a wrong setting fails now, without retry; with multiplexing, that `true` makes the
   * master connection the later commands share.
   */
  async open(): Promise<this> {
    if (this.tuning.opensshMultiplex) this.controlDir = mkdtempSync(join(tmpdir(), 'wla-ssh-'));
    try {
      await this.runOnce(['true'], {});
    } catch (err) {
      await this.close();
      throw err;
    }
    return this;
  }

  get stats(): TransportStats {
    return { ...this.counters };
  }

  async exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    if (this.closed)
      throw new RemoteCommandFailed(`the connection to ${this.label} was closed by the runner`);
    const result = await this.pool.run(() => this.runRetrying(argv, options));
    const refusal = sudoRefusal(result, this.command);
    if (refusal) throw refusal;
    return result;
  }

  async forwardOut(host: string, port: number): Promise<Duplex> {
    const target = this.multiplexed();
    this.countConnection(target);
    const child = spawn(this.tuning.sshBinary, forwardArgs(target, host, port), { stdio: 'pipe' });
    this.track(child);
    const stderr: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const stream = Duplex.from({ readable: child.stdout, writable: child.stdin });
    child.on('close', (code) => {
      if (code === 0 || code === null) return;
      const text = Buffer.concat(stderr).toString('utf8');
      const mapped = mapOpensshFailure(text, this.context(`forward to ${host}:${port}`));
      stream.destroy(
        mapped ??
          new RemoteCommandFailed(
            `${this.label} could not open a TCP connection to ${host}:${port}: ${text.trim()}`,
          ),
      );
    });
    stream.on('close', () => child.kill('SIGTERM'));
    return stream;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const child of this.children) child.kill('SIGTERM');
    const dir = this.controlDir;
    if (dir === undefined) return;
    this.controlDir = undefined;
    const controlPath = join(dir, 'master');
    try {
      if (existsSync(controlPath)) await this.exitMaster(controlPath);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** The target with the master connection's socket once open() made its directory. */
  private multiplexed(): OpensshTarget {
    if (this.controlDir === undefined) return this.target;
    return { ...this.target, controlPath: join(this.controlDir, 'master') };
  }

  /** A new TCP connection unless a master connection's socket is there to share. */
  private countConnection(target: OpensshTarget): void {
    if (target.controlPath === undefined || !existsSync(target.controlPath)) this.counters.connections += 1;
  }

  private async exitMaster(controlPath: string): Promise<void> {
    const child = spawn(this.tuning.sshBinary, exitMasterArgs({ ...this.target, controlPath }), {
      stdio: 'ignore',
    });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_MASTER_TIMEOUT_MS);
      child.once('error', () => resolve());
      child.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private async runRetrying(argv: readonly string[], options: ExecOptions): Promise<ExecResult> {
    const { reconnectWindowMs, reconnectFirstDelayMs, reconnectMaxDelayMs } = this.tuning;
    // Once a reconnect window is spent, the host is down for the rest of the run: fail fast.
    if (this.down) throw this.down;
    const started = Date.now();
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.runOnce(argv, options);
      } catch (err) {
        if (!(err instanceof HostUnreachable) || !isConnectFailure(err) || this.closed) throw err;
        const delay = Math.min(reconnectFirstDelayMs * 2 ** (attempt - 1), reconnectMaxDelayMs);
        if (Date.now() - started + delay > reconnectWindowMs) {
          this.down = new HostUnreachable(
            `could not reconnect to ${this.label} within ${reconnectWindowMs} ms (${attempt} attempts); last: ${err.message}`,
            { cause: err },
          );
          throw this.down;
        }
        await sleep(delay);
      }
    }
  }

  private async runOnce(argv: readonly string[], options: ExecOptions): Promise<ExecResult> {
    const name = argv[0] ?? '';
    const timeoutMs = options.timeoutMs ?? this.config.commandTimeoutMs;
    const target = this.multiplexed();
    this.countConnection(target);
    const child = spawn(this.tuning.sshBinary, execArgs(target, buildCommandLine(argv, this.command)), {
      stdio: 'pipe',
    });
    this.track(child);
    this.counters.channels += 1;
    const stdin = options.stdin ?? '';
    this.counters.bytesOut += Buffer.byteLength(stdin);
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin);
    const outcome = await collect(child, timeoutMs, this.tuning.maxOutputBytes);
    this.counters.bytesIn += outcome.stdout.length + outcome.stderr.length;
    const result = toResult(outcome);
    if (outcome.overflow) throw tooMuchOutput(name, this.label, this.tuning.maxOutputBytes);
    if (outcome.timedOut) {
      throw new TimedOut(`command ${name} on ${this.label} did not finish within ${timeoutMs} ms (killed)`);
    }
    if (outcome.spawnError) {
      throw new ConfigError(`cannot run ${this.tuning.sshBinary}: ${outcome.spawnError.message}`, {
        cause: outcome.spawnError,
      });
    }
    if (result.code === 255) {
      const mapped: WlaError | undefined = mapOpensshFailure(result.stderr, this.context(name));
      if (mapped instanceof HostKeyRejected) throw (await this.preciseHostKeyRefusal()) ?? mapped;
      if (mapped) throw mapped;
    }
    return result;
  }

  /** ssh's stderr lacks the fingerprints; read the key ourselves (direct connections only) to name them. */
  private async preciseHostKeyRefusal(): Promise<HostKeyRejected | undefined> {
    const { config } = this;
    if (config.jumpHost) return undefined;
    const policy = { knownHostsFile: config.knownHostsFile, acceptNewHostKey: false };
    return explainHostKeyRefusal(this.target.host, config.port, policy, config.connectTimeoutMs);
  }

  private track(child: ReturnType<typeof spawn>): void {
    this.children.add(child);
    child.on('close', () => this.children.delete(child));
  }

  private context(command: string): OpensshContext {
    const { config } = this;
    return {
      label: this.label,
      host: this.target.host,
      port: config.port,
      user: config.user,
      ...(config.keyFile ? { keyFile: config.keyFile } : {}),
      knownHostsFile: config.knownHostsFile,
      connectTimeoutMs: config.connectTimeoutMs,
      command,
    };
  }
}

interface Outcome {
  stdout: Buffer;
  stderr: Buffer;
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  overflow: boolean;
  spawnError?: Error;
}

async function collect(
  child: ReturnType<typeof spawn>,
  timeoutMs: number,
  maxBytes: number,
): Promise<Outcome> {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  let size = 0;
  let overflow = false;
  const keep = (into: Buffer[]) => (chunk: Buffer) => {
    size += chunk.length;
    if (size <= maxBytes) into.push(chunk);
    else if (!overflow) {
      overflow = true;
      child.kill('SIGTERM');
    }
  };
  child.stdout?.on('data', keep(stdout));
  child.stderr?.on('data', keep(stderr));
  let timedOut = false;
  let spawnError: Error | undefined;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS).unref();
  }, timeoutMs);
  return new Promise((resolve) => {
    child.once('error', (err) => {
      spawnError = err;
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        stdout: Buffer.concat(stdout),
        stderr: Buffer.concat(stderr),
        code,
        signal,
        timedOut,
        overflow,
        ...(spawnError ? { spawnError } : {}),
      });
    });
  });
}

function toResult(outcome: Outcome): ExecResult {
  return {
    stdout: outcome.stdout.toString('utf8'),
    stderr: outcome.stderr.toString('utf8'),
    code: outcome.code,
    ...(outcome.signal ? { signal: outcome.signal } : {}),
  };
}

/** BatchMode cannot prompt: an encrypted key works only when the agent holds it. */
function refuseEncryptedKeyWithoutAgent(config: SshConfig): void {
  if (!config.keyFile || (config.useAgent && process.env['SSH_AUTH_SOCK'])) return;
  let data: Buffer;
  try {
    data = readFileSync(config.keyFile);
  } catch (err) {
    throw new ConfigError(`cannot read key file ${config.keyFile}: ${(err as NodeJS.ErrnoException).code}`, {
      cause: err,
    });
  }
  const parsed = ssh2.utils.parseKey(data);
  if (parsed instanceof Error && /no passphrase given/i.test(parsed.message)) {
    throw new ConfigError(
      `key ${config.keyFile} is encrypted and the openssh transport cannot prompt for its passphrase: ` +
        `load it into ssh-agent (ssh-add ${config.keyFile}) or use the ssh2 transport`,
    );
  }
}
