// The bench's delay proxy: bytes keep their order, the delay is added, ends and resets cross it, nothing stays open.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startDelayProxy } from './delay-proxy.ts';
import type { DelayProxy } from './delay-proxy.ts';

const TIMEOUT = { timeout: 10_000 };
const servers: Server[] = [];
after(() => servers.forEach((server) => server.close()));

async function listen(onSocket: (socket: Socket) => void): Promise<number> {
  const server = createServer({ allowHalfOpen: true }, onSocket);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/** Echoes what it reads and ends when the client ends. */
const echo = (socket: Socket) => socket.pipe(socket);

async function dial(proxy: DelayProxy): Promise<Socket> {
  const socket = connect({ port: proxy.port, host: '127.0.0.1', allowHalfOpen: true });
  await once(socket, 'connect');
  return socket;
}

/** Everything the socket reads until its end (or error). */
function readAll(socket: Socket): Promise<{ text: string; error?: string }> {
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve) => {
    socket.once('end', () => resolve({ text: Buffer.concat(chunks).toString() }));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      resolve({ text: Buffer.concat(chunks).toString(), error: error.code ?? error.message }),
    );
  });
}

async function until(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} not true after 3000 ms`);
    await sleep(10);
  }
}

void test('many small writes arrive whole and in order, both ways', TIMEOUT, async () => {
  const proxy = await startDelayProxy({ targetHost: '127.0.0.1', targetPort: await listen(echo), rttMs: 6 });
  try {
    const socket = await dial(proxy);
    const received = readAll(socket);
    const sent: string[] = [];
    for (let i = 0; i < 2000; i += 1) {
      sent.push(`${i},`);
      socket.write(`${i},`);
      if (i % 97 === 0) await sleep(1);
    }
    socket.end();
    assert.deepEqual(await received, { text: sent.join('') });
  } finally {
    await proxy.close();
  }
});

void test(
  'a request waits at least one round trip for its answer, and connecting one more',
  TIMEOUT,
  async () => {
    const proxy = await startDelayProxy({
      targetHost: '127.0.0.1',
      targetPort: await listen(echo),
      rttMs: 100,
    });
    try {
      const socket = await dial(proxy);
      const connected = performance.now();
      socket.write('first');
      await once(socket, 'data');
      const first = performance.now() - connected;
      const sent = performance.now();
      socket.write('second');
      await once(socket, 'data');
      const second = performance.now() - sent;
      socket.destroy();
      assert.ok(first >= 195, `the first answer came after ${first.toFixed(1)} ms (expected >= 200)`);
      assert.ok(second >= 95, `the second answer came after ${second.toFixed(1)} ms (expected >= 100)`);
    } finally {
      await proxy.close();
    }
  },
);

void test(
  "the server's end reaches the client after its data, and the client's end the server",
  TIMEOUT,
  async () => {
    let serverRead: Promise<{ text: string; error?: string }> | undefined;
    const port = await listen((socket) => {
      serverRead = readAll(socket);
      socket.end('bye');
    });
    const proxy = await startDelayProxy({ targetHost: '127.0.0.1', targetPort: port, rttMs: 20 });
    try {
      const socket = await dial(proxy);
      socket.end('hello');
      assert.deepEqual(await readAll(socket), { text: 'bye' });
      await until('the server connected', () => serverRead !== undefined);
      assert.deepEqual(await serverRead, { text: 'hello' });
      await until('no connection left', () => proxy.open === 0);
      assert.equal(proxy.accepted, 1);
    } finally {
      await proxy.close();
    }
  },
);

void test('a reset by the server resets the client', TIMEOUT, async () => {
  const port = await listen((socket) => socket.once('data', () => socket.resetAndDestroy()));
  const proxy = await startDelayProxy({ targetHost: '127.0.0.1', targetPort: port, rttMs: 10 });
  try {
    const socket = await dial(proxy);
    const received = readAll(socket);
    socket.write('x');
    assert.deepEqual(await received, { text: '', error: 'ECONNRESET' });
    await until('no connection left', () => proxy.open === 0);
  } finally {
    await proxy.close();
  }
});

void test('a target that refuses the connection resets the client', TIMEOUT, async () => {
  const port = await listen(echo);
  servers.pop()?.close();
  await sleep(20);
  const proxy = await startDelayProxy({ targetHost: '127.0.0.1', targetPort: port, rttMs: 0 });
  try {
    const received = readAll(await dial(proxy));
    assert.deepEqual(await received, { text: '', error: 'ECONNRESET' });
    await until('no connection left', () => proxy.open === 0);
  } finally {
    await proxy.close();
  }
});

void test('a client reset before the delayed connect leaves nothing open', TIMEOUT, async () => {
  let reached = 0;
  const port = await listen(() => (reached += 1));
  const proxy = await startDelayProxy({ targetHost: '127.0.0.1', targetPort: port, rttMs: 200 });
  try {
    (await dial(proxy)).resetAndDestroy();
    await until('no connection left', () => proxy.open === 0);
    await sleep(300);
    assert.equal(reached, 0, 'the target was dialled for a client that had left');
  } finally {
    await proxy.close();
  }
});

void test('closing the proxy closes its open connections and stops listening', TIMEOUT, async () => {
  const proxy = await startDelayProxy({ targetHost: '127.0.0.1', targetPort: await listen(echo), rttMs: 10 });
  const socket = await dial(proxy);
  const received = readAll(socket);
  socket.write('held');
  await once(socket, 'data');
  await proxy.close();
  assert.equal(proxy.open, 0);
  assert.equal((await received).text, 'held', 'the client saw its connection end');
  const refused = connect(proxy.port, '127.0.0.1');
  const [error] = (await once(refused, 'error')) as [NodeJS.ErrnoException];
  assert.equal(error.code, 'ECONNREFUSED');
});

void test('connections beyond the limit are refused, the others keep working', TIMEOUT, async () => {
  const proxy = await startDelayProxy({
    targetHost: '127.0.0.1',
    targetPort: await listen(echo),
    rttMs: 0,
    maxConnections: 1,
  });
  try {
    const first = await dial(proxy);
    const extra = readAll(await dial(proxy));
    assert.equal((await extra).text, '');
    first.write('still');
    const [data] = (await once(first, 'data')) as [Buffer];
    assert.equal(data.toString(), 'still');
    assert.equal(proxy.accepted, 1);
    first.destroy();
  } finally {
    await proxy.close();
  }
});
