// A RemoteHost over one reused ssh2 connection: a channel pool, per-command timeouts, reconnect after a drop.
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClientChannel } from 'ssh2';
import type { SshConfig } from '../config/types.ts';
import { ConfigError, HostUnreachable, RemoteCommandFailed, TimedOut } from '../errors.ts';
import { ChannelPool } from './channel-pool.ts';
import type { SshSecrets } from './connect.ts';
import { parseJumpHost } from './jump-host.ts';
import { loadPrivateKey } from './private-key.ts';
import { buildCommandLine, sudoRefusal, tooMuchOutput } from './remote-command.ts';
import type { CommandContext } from './remote-command.ts';
import { connectDirect, connectViaJump, describeOpenFailure, forwardOn } from './ssh2-connection.ts';
import type { Endpoint, Ssh2Auth, Ssh2ConnectOptions, Ssh2Connection } from './ssh2-connection.ts';
import type { ExecOptions, ExecResult, RemoteHost, TransportStats } from './transport.ts';
import { DEFAULT_TUNING } from './tuning.ts';
import type { TransportTuning } from './tuning.ts';

const CHANNEL_RETRY_DELAY_MS = 50;

export class Ssh2RemoteHost implements RemoteHost {
  readonly label: string;
  readonly pool: ChannelPool;
  private readonly target: Endpoint;
  private readonly jump: Endpoint | undefined;
  private readonly config: SshConfig;
  private readonly options: Ssh2ConnectOptions;
  private readonly tuning: TransportTuning;
  private readonly command: CommandContext;
  private readonly connections: Ssh2Connection[] = [];
  private current: Ssh2Connection | undefined;
  private connecting: Promise<Ssh2Connection> | undefined;
  private closed = false;
  private down: HostUnreachable | undefined;
  private channelCount = 0;

  constructor(host: string, config: SshConfig, secrets: SshSecrets, tuning: Partial<TransportTuning> = {}) {
    this.config = config;
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
    this.target = { host, port: config.port, user: config.user };
    this.jump = config.jumpHost ? parseJumpHost(config.jumpHost, config.user) : undefined;
    this.label = `${config.user}@${host}:${config.port}`;
    this.pool = new ChannelPool(config.maxChannels);
    this.command = { host, user: config.user, sudo: config.sudo };
    this.options = {
      auth: authFor(config, secrets),
      hostKeys: { knownHostsFile: config.knownHostsFile, acceptNewHostKey: config.acceptNewHostKey },
      connectTimeoutMs: config.connectTimeoutMs,
      keepaliveIntervalMs: config.keepaliveIntervalMs,
      keepaliveCountMax: this.tuning.keepaliveCountMax,
    };
  }

  /** Opens the first connection; fails fast (no retry) so a wrong setting is reported at once. */
  async open(): Promise<this> {
    this.current = await this.connectOnce();
    return this;
  }

  get stats(): TransportStats {
    return {
      connections: this.connections.length,
      channels: this.channelCount,
      bytesIn: this.connections.reduce((sum, c) => sum + c.bytesRead(), 0),
      bytesOut: this.connections.reduce((sum, c) => sum + c.bytesWritten(), 0),
    };
  }

  async exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const line = buildCommandLine(argv, this.command);
    const name = argv[0] ?? '';
    const timeoutMs = options.timeoutMs ?? this.config.commandTimeoutMs;
    const onOpen = (): void => {
      this.channelCount += 1;
    };
    const run: ChannelRun = {
      name,
      label: this.label,
      timeoutMs,
      stdin: options.stdin,
      onOpen,
      maxOutputBytes: this.tuning.maxOutputBytes,
    };
    return this.pool.run(async () => {
      const result = await this.runRetryingRefusals(line, run);
      const refusal = sudoRefusal(result, this.command);
      if (refusal) throw refusal;
      return result;
    });
  }

  /**
   * sshd keeps a session counted until its process exits, so a killed command that is slow to die can
   * push a new channel over MaxSessions for a moment: wait a little and retry rather than fail.
   */
  private async runRetryingRefusals(line: string, run: ChannelRun): Promise<ExecResult> {
    for (let attempt = 0; ; attempt += 1) {
      const connection = await this.connection();
      try {
        return await runChannel(connection, line, run);
      } catch (err) {
        if (!(err instanceof ChannelRefused) || attempt >= this.tuning.channelOpenRetries) throw err;
        await sleep(CHANNEL_RETRY_DELAY_MS * 2 ** attempt);
      }
    }
  }

  async forwardOut(host: string, port: number): Promise<Duplex> {
    return forwardOn(await this.connection(), this.label, host, port);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const connection of this.connections) connection.close();
  }

  private async connection(): Promise<Ssh2Connection> {
    if (this.closed)
      throw new RemoteCommandFailed(`the connection to ${this.label} was closed by the runner`);
    if (this.current && !this.current.lost) return this.current;
    // Once the reconnect window is spent, the host is down for the rest of the run: fail fast.
    if (this.down) throw this.down;
    this.connecting ??= this.reconnect().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async connectOnce(): Promise<Ssh2Connection> {
    const connection = this.jump
      ? await connectViaJump(this.jump, this.target, this.options)
      : await connectDirect(this.target, this.options);
    this.connections.push(connection);
    return connection;
  }

  /** Retries only "unreachable" (a rebooting host); a key or auth refusal will not heal by waiting. */
  private async reconnect(): Promise<Ssh2Connection> {
    const { reconnectWindowMs, reconnectFirstDelayMs, reconnectMaxDelayMs } = this.tuning;
    const started = Date.now();
    for (let attempt = 1; ; attempt += 1) {
      try {
        this.current = await this.connectOnce();
        return this.current;
      } catch (err) {
        if (!(err instanceof HostUnreachable) || this.closed) throw err;
        const delay = Math.min(reconnectFirstDelayMs * 2 ** (attempt - 1), reconnectMaxDelayMs);
        if (Date.now() - started + delay > reconnectWindowMs) {
          this.down = new HostUnreachable(
            `could not reconnect to ${this.label} within ${reconnectWindowMs} ms after the connection was lost ` +
              `(${attempt} attempts); last: ${err.message}`,
            { cause: err },
          );
          throw this.down;
        }
        await sleep(delay);
      }
    }
  }
}

interface ChannelRun {
  name: string;
  label: string;
  timeoutMs: number;
  stdin: string | undefined;
  onOpen: () => void;
  maxOutputBytes: number;
}

async function runChannel(connection: Ssh2Connection, line: string, run: ChannelRun): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let exit: { code: number | null; signal?: string } | undefined;
    let channel: ClientChannel | undefined;
    let settled = false;
    const settle = (err: Error | undefined): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else
        resolve({ stdout: text(stdout), stderr: text(stderr), code: exit?.code ?? null, ...signalOf(exit) });
    };
    const timer = setTimeout(() => {
      settle(
        new TimedOut(
          `command ${run.name} on ${run.label} did not finish within ${run.timeoutMs} ms (killed)`,
        ),
      );
      killChannel(channel);
    }, run.timeoutMs);
    const lost = (cause?: unknown): HostUnreachable =>
      new HostUnreachable(`connection to ${run.label} lost while running ${run.name}`, { cause });
    try {
      connection.client.exec(line, (err, opened) => {
        if (err) {
          settle(connection.lost ? lost(err) : openFailure(run, err));
          return;
        }
        channel = opened;
        run.onOpen();
        if (settled) killChannel(opened);
        let size = 0;
        const keep = (into: Buffer[]) => (chunk: Buffer) => {
          size += chunk.length;
          if (size <= run.maxOutputBytes) into.push(chunk);
          else if (!settled) {
            settle(tooMuchOutput(run.name, run.label, run.maxOutputBytes));
            killChannel(opened);
          }
        };
        opened.on('data', keep(stdout));
        opened.stderr.on('data', keep(stderr));
        opened.on('exit', (code: number | null, signal?: string) => {
          exit = { code: typeof code === 'number' ? code : null, ...(signal ? { signal } : {}) };
        });
        opened.on('close', () => {
          if (exit) settle(undefined);
          else
            settle(
              connection.lost
                ? lost()
                : new RemoteCommandFailed(`command ${run.name} on ${run.label} ended without an exit status`),
            );
        });
        opened.end(run.stdin ?? '');
      });
    } catch (err) {
      settle(lost(err));
    }
  });
}

/** The host refused to open a session channel (MaxSessions reached). */
class ChannelRefused extends RemoteCommandFailed {}

function openFailure(run: ChannelRun, err: Error): RemoteCommandFailed {
  return new ChannelRefused(`${run.label} refused a channel for ${run.name}: ${describeOpenFailure(err)}`, {
    cause: err,
  });
}

/** TERM (sudo relays it to the command), then close: the pool slot is freed even if the host ignores it. */
function killChannel(channel: ClientChannel | undefined): void {
  if (!channel) return;
  try {
    channel.signal('TERM');
  } catch {
    // The channel may already be gone; closing below is what matters.
  }
  channel.close();
}

function text(chunks: Buffer[]): string {
  return Buffer.concat(chunks).toString('utf8');
}

function signalOf(exit: { signal?: string } | undefined): { signal?: string } {
  return exit?.signal ? { signal: exit.signal } : {};
}

function authFor(config: SshConfig, secrets: SshSecrets): Ssh2Auth {
  const agent = config.useAgent ? process.env['SSH_AUTH_SOCK'] : undefined;
  if (!config.keyFile && !agent) {
    throw new ConfigError(
      config.useAgent
        ? 'no key file is configured and SSH_AUTH_SOCK is not set: give a key file or start an SSH agent'
        : 'no key file is configured and the SSH agent is disabled: give a key file',
    );
  }
  const privateKey = config.keyFile
    ? loadPrivateKey(config.keyFile, secrets.passphrase, config.passphraseEnv)
    : undefined;
  return {
    ...(privateKey ? { privateKey } : {}),
    ...(secrets.passphrase !== undefined ? { passphrase: secrets.passphrase } : {}),
    ...(agent ? { agent } : {}),
  };
}
