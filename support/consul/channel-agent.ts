// An http.Agent whose connections are SSH direct-tcpip channels to one host:port as seen from the target.
import { Agent, type ClientRequestArgs } from 'node:http';
import { Duplex } from 'node:stream';
import { RemoteCommandFailed, TimedOut, type WlaError } from '../errors.ts';
import { channelFailure } from '../http/tunnel.ts';
import type { RemoteHost } from '../ssh/transport.ts';

/**
 * Channels kept per target: few, so a run stays light on the host and on the SSH connection. node:http counts a
 * channel once it is open, so asks made at the same moment may each open one; the extra ones close when freed.
 */
const CHANNELS = 2;
/** An idle kept-alive channel is closed after this long. */
const IDLE_MS = 4_000;

/**
 * A channel failure on its way through node:http, which hands the error object to the client library, which
 * rewrites its message: the project's error rides along intact in `failure`.
 */
export class TunnelFailure extends Error {
  readonly failure: WlaError;

  constructor(failure: WlaError) {
    super(failure.message);
    this.name = 'TunnelFailure';
    this.failure = failure;
  }
}

/** A forwarded channel dressed as the net.Socket node:http drives: the idle timer it sets, no-op TCP knobs. */
class ChannelSocket extends Duplex {
  readonly #channel: Duplex;
  #timeoutMs = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(channel: Duplex, fail: (err: unknown) => WlaError) {
    super({ allowHalfOpen: false });
    this.#channel = channel;
    channel.on('data', (chunk: Buffer) => {
      this.#touch();
      if (!this.push(chunk)) channel.pause();
    });
    channel.once('end', () => this.push(null));
    channel.on('error', (err) => this.destroy(new TunnelFailure(fail(err))));
    // A connection lost mid-answer closes its channels without an error: node:http says "socket hang up".
    channel.once('close', () => this.destroy());
  }

  get timeout(): number {
    return this.#timeoutMs;
  }

  setTimeout(ms: number, onTimeout?: () => void): this {
    this.#timeoutMs = ms;
    // As net.Socket: node:http takes its listener back with setTimeout(0, listener).
    if (onTimeout && ms === 0) this.removeListener('timeout', onTimeout);
    else if (onTimeout) this.once('timeout', onTimeout);
    this.#touch();
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  override _read(): void {
    this.#channel.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, done: (err?: Error | null) => void): void {
    this.#touch();
    this.#channel.write(chunk, encoding, done);
  }

  override _final(done: (err?: Error | null) => void): void {
    this.#channel.end();
    done();
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    clearTimeout(this.#timer);
    this.#channel.destroy();
    done(err);
  }

  #touch(): void {
    clearTimeout(this.#timer);
    this.#timer =
      this.#timeoutMs > 0 ? setTimeout(() => this.emit('timeout'), this.#timeoutMs).unref() : undefined;
  }
}

/** Resolves with the channel, or rejects after timeoutMs and closes a channel that opens later. */
function openWithin(open: Promise<Duplex>, timeoutMs: number, what: string): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      reject(new TimedOut(`${what}: no channel after ${timeoutMs}ms`));
    }, timeoutMs);
    open.then(
      (channel) => {
        clearTimeout(timer);
        if (expired) channel.destroy();
        else resolve(channel);
      },
      (err: Error) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

/**
 * Keeps up to CHANNELS channels alive between requests, each closed after IDLE_MS unused. An SSH failure to open one fails the request with a
 * TunnelFailure: the SSH layer's own errors as they are, a channel the server refused as "nothing answers at".
 */
export class ChannelAgent extends Agent {
  readonly #remote: RemoteHost;
  readonly #host: string;
  readonly #port: number;
  readonly #timeoutMs: number;
  readonly #sockets = new Set<ChannelSocket>();
  #closed = false;

  constructor(remote: RemoteHost, host: string, port: number, timeoutMs: number) {
    super({ keepAlive: true, maxSockets: CHANNELS, maxFreeSockets: CHANNELS, timeout: IDLE_MS });
    this.#remote = remote;
    this.#host = host;
    this.#port = port;
    this.#timeoutMs = timeoutMs;
  }

  /** Channels open now (in use or kept alive). */
  get openChannels(): number {
    return this.#sockets.size;
  }

  override createConnection(
    _options: ClientRequestArgs,
    callback?: (err: Error | null, socket: Duplex) => void,
  ): undefined {
    // node:http's own callback takes no socket with an error.
    const done = callback as ((err: Error | null, socket?: Duplex) => void) | undefined;
    this.#open().then(
      (socket) => done?.(null, socket),
      (err: unknown) => done?.(err as Error),
    );
    return undefined;
  }

  /** Closes every channel, in use or idle; a request after this fails at once. */
  close(): void {
    this.#closed = true;
    this.destroy();
    for (const socket of this.#sockets) socket.destroy();
  }

  async #open(): Promise<ChannelSocket> {
    const host = this.#host;
    const port = this.#port;
    const what = `tunnel to ${host}:${port} on ${this.#remote.label}`;
    if (this.#closed) throw new TunnelFailure(new RemoteCommandFailed(`${what}: the client was closed`));
    const fail = (err: unknown) => channelFailure(err, this.#remote, host, port);
    // As long as papi's request timer, and started before it: a channel that never opens is the tunnel's TimedOut.
    let channel: Duplex;
    try {
      channel = await openWithin(this.#remote.forwardOut(host, port), this.#timeoutMs, what);
    } catch (err) {
      throw new TunnelFailure(fail(err));
    }
    if (this.#closed) {
      channel.destroy();
      throw new TunnelFailure(new RemoteCommandFailed(`${what}: the client was closed`));
    }
    const socket = new ChannelSocket(channel, fail);
    this.#sockets.add(socket);
    socket.once('close', () => this.#sockets.delete(socket));
    // node:http listens for errors once a request or the pool holds the socket; one before that only closes it.
    socket.on('error', () => undefined);
    return socket;
  }
}
