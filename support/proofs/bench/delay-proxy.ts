// A TCP proxy on 127.0.0.1 that adds RTT/2 each way (one ordered queue per direction), for the bench's latency axis.
import { Socket, createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';

export interface DelayProxyOptions {
  targetHost: string;
  targetPort: number;
  /** Round-trip time added: each byte waits rttMs / 2 in each direction; a new connection one rttMs more. */
  rttMs: number;
  /** Connections open at once; more are refused (closed at once). */
  maxConnections?: number;
  /** Bytes queued in one direction before the sender is paused. */
  maxQueuedBytes?: number;
}

export interface DelayProxy {
  readonly port: number;
  /** Connections accepted since the start (refused ones not counted). */
  readonly accepted: number;
  /** Connections still open. */
  readonly open: number;
  close(): Promise<void>;
}

const DEFAULT_MAX_CONNECTIONS = 256;
const DEFAULT_MAX_QUEUED_BYTES = 4 * 1024 * 1024;

/** What waits in one direction: data, or the sender's end (delivered in order after the data). */
interface Item {
  due: number;
  chunk: Buffer | 'end';
}

/**
 * One direction of one connection: chunks leave in arrival order, each at its own due time, with a
 * single timer armed for the head of the queue.
 */
class DelayedPipe {
  readonly #from: Socket;
  readonly #to: Socket;
  readonly #delayMs: number;
  readonly #maxQueued: number;
  readonly #queue: Item[] = [];
  #queued = 0;
  #timer: NodeJS.Timeout | undefined;
  /** Nothing is written before this time (the destination's connection is still being made). */
  #notBefore: number;

  constructor(from: Socket, to: Socket, delayMs: number, maxQueued: number, notBefore: number) {
    this.#from = from;
    this.#to = to;
    this.#delayMs = delayMs;
    this.#maxQueued = maxQueued;
    this.#notBefore = notBefore;
    from.on('data', (chunk: Buffer) => this.#push(chunk));
    from.on('end', () => this.#push('end'));
    to.on('drain', () => this.#resumeIfRoom());
  }

  /** The destination is connected from `at` on (delayed connect). */
  openAt(at: number): void {
    this.#notBefore = at;
    this.#arm();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#queue.length = 0;
  }

  #push(chunk: Buffer | 'end'): void {
    this.#queue.push({ due: performance.now() + this.#delayMs, chunk });
    if (chunk !== 'end') {
      this.#queued += chunk.length;
      if (this.#queued > this.#maxQueued) this.#from.pause();
    }
    this.#arm();
  }

  #arm(): void {
    if (this.#timer !== undefined) return;
    const head = this.#queue[0];
    if (head === undefined || !Number.isFinite(this.#notBefore)) return;
    const wait = Math.max(0, Math.max(head.due, this.#notBefore) - performance.now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#flush();
    }, wait);
  }

  #flush(): void {
    const now = performance.now();
    while (this.#queue.length > 0 && this.#queue[0]!.due <= now && this.#notBefore <= now) {
      const { chunk } = this.#queue.shift()!;
      if (this.#to.destroyed) return;
      if (chunk === 'end') this.#to.end();
      else {
        this.#queued -= chunk.length;
        if (!this.#to.write(chunk)) this.#from.pause();
      }
    }
    this.#resumeIfRoom();
    this.#arm();
  }

  #resumeIfRoom(): void {
    if (this.#queued <= this.#maxQueued && !this.#to.writableNeedDrain && this.#from.isPaused())
      this.#from.resume();
  }
}

export async function startDelayProxy(options: DelayProxyOptions): Promise<DelayProxy> {
  const { targetHost, targetPort, rttMs } = options;
  if (!(rttMs >= 0)) throw new Error(`the delay proxy's RTT must be >= 0 ms, not ${rttMs}`);
  const maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  const maxQueued = options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES;
  const pairs = new Set<Pair>();
  let accepted = 0;
  const server: Server = createServer({ allowHalfOpen: true }, (client) => {
    if (pairs.size >= maxConnections) {
      client.destroy();
      return;
    }
    accepted += 1;
    const pair = { client, upstream: new Socket({ allowHalfOpen: true }) };
    track(pairs, pair);
    relay(pair, targetHost, targetPort, rttMs, maxQueued);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    get accepted() {
      return accepted;
    },
    get open() {
      return pairs.size;
    },
    close: async () => {
      const closed = [new Promise<void>((resolve) => server.close(() => resolve()))];
      for (const { client, upstream } of pairs) {
        for (const socket of [client, upstream]) {
          if (!socket.closed) closed.push(new Promise((resolve) => socket.once('close', () => resolve())));
          socket.destroy();
        }
      }
      await Promise.all(closed);
    },
  };
}

interface Pair {
  client: Socket;
  upstream: Socket;
}

function relay(
  { client, upstream }: Pair,
  host: string,
  port: number,
  rttMs: number,
  maxQueued: number,
): void {
  const oneWay = rttMs / 2;
  const toUpstream = new DelayedPipe(client, upstream, oneWay, maxQueued, Number.POSITIVE_INFINITY);
  const toClient = new DelayedPipe(upstream, client, oneWay, maxQueued, 0);
  // An error or an abrupt close on either side resets the other: the peer sees a reset, not a clean end.
  const abort = () => {
    toUpstream.stop();
    toClient.stop();
    if (!client.destroyed) client.resetAndDestroy();
    upstream.destroy();
  };
  for (const socket of [client, upstream]) {
    socket.on('error', abort);
    socket.on('close', (hadError) => {
      if (hadError) abort();
    });
  }
  // The client's connect returns at once here: holding the dial (so its first bytes and the server's) until
  // 1.5 RTT gives the times of a distant host (SYN, SYN-ACK, then the first bytes one way).
  const dial = setTimeout(() => {
    if (client.destroyed) return;
    upstream.connect(port, host, () => toUpstream.openAt(performance.now()));
  }, rttMs * 1.5);
  client.once('close', () => {
    clearTimeout(dial);
    if (upstream.pending) upstream.destroy();
  });
}

/** A pair is gone once both its sockets are closed. */
function track(pairs: Set<Pair>, pair: Pair): void {
  pairs.add(pair);
  let closed = 0;
  const one = () => {
    closed += 1;
    if (closed === 2) pairs.delete(pair);
  };
  pair.client.once('close', one);
  pair.upstream.once('close', one);
}
