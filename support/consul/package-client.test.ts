// The `consul` package answers through SSH forwarded channels: its requests, keep-alive, refusals, silence, drops.
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { after, before, test } from 'node:test';
import { HostUnreachable, RemoteCommandFailed, TimedOut } from '../errors.ts';
import { EndpointUnreachable } from '../http/errors.ts';
import { testConfig } from '../http/testing/config.ts';
import { fakeRemote } from '../http/testing/fake-remote.ts';
import { startHttp, type Running } from '../http/testing/servers.ts';
import { openRemoteHost } from '../ssh/connect.ts';
import { testSshConfig } from '../ssh/testing/config.ts';
import { FakeSshServer } from '../ssh/testing/fake-ssh-server.ts';
import { knownHostsLine, newKeyPair, TempDir } from '../ssh/testing/keys.ts';
import { createConsulClient, type ConsulClient } from './client.ts';

const TOKEN = 'tok-0c4d-very-secret-9b21';
const WHERE = '127.0.0.1:8500 on 127.0.0.1';
const HEALTH = [
  {
    Node: { Node: 'wazo', Address: '10.0.0.9' },
    Service: { ID: 'auth-1', Service: 'wazo-auth', Address: '', Port: 9497, Tags: ['wazo-auth'] },
    Checks: [{ CheckID: 'service:auth-1', Status: 'passing' }],
  },
  {
    Node: { Node: 'wazo', Address: '10.0.0.9' },
    Service: { ID: 'auth-2', Service: 'wazo-auth', Address: '10.0.0.7', Port: 9497, Tags: [] },
    Checks: [{ CheckID: 'service:auth-2', Status: 'critical' }],
  },
];

interface Seen {
  url: string;
  userAgent: string | undefined;
  token: string | undefined;
}

const seen: Seen[] = [];
const serverSockets = new Set<Socket>();
/** While set, the fake Consul takes requests and never answers them. */
let silent = false;
let consul: Running;

function send(res: ServerResponse, status: number, body: string, type = 'application/json'): void {
  res.writeHead(status, { 'Content-Type': type }).end(body);
}

function fakeConsul(req: IncomingMessage, res: ServerResponse): void {
  if (!serverSockets.has(req.socket)) {
    serverSockets.add(req.socket);
    req.socket.once('close', () => serverSockets.delete(req.socket));
  }
  const token = req.headers['x-consul-token'] as string | undefined;
  seen.push({ url: req.url ?? '', userAgent: req.headers['user-agent'], token });
  const url = new URL(req.url ?? '/', 'http://consul');
  if (silent) return;
  if (token !== TOKEN) return send(res, 403, `${'x'.repeat(110)}${token} is not a known token`, 'text/plain');
  if (url.pathname === '/v1/catalog/services') return send(res, 200, '{"wazo-auth":[],"consul":[]}');
  if (url.pathname === '/v1/health/service/wazo-auth') {
    const passing = url.searchParams.get('passing') === 'true';
    return send(res, 200, JSON.stringify(passing ? HEALTH.slice(0, 1) : HEALTH));
  }
  if (url.pathname === '/v1/health/service/not-json') return send(res, 200, '<html>oops</html>', 'text/html');
  return send(res, 500, 'rpc error: No cluster leader', 'text/plain');
}

before(async () => {
  consul = await startHttp(fakeConsul);
});
after(() => consul.close());

async function within(ms: number, run: () => Promise<void>): Promise<number> {
  const started = Date.now();
  await run();
  const elapsed = Date.now() - started;
  assert.ok(elapsed < ms, `took ${elapsed}ms, more than ${ms}ms`);
  return elapsed;
}

async function closedOnServer(): Promise<void> {
  const deadline = Date.now() + 2000;
  while (serverSockets.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  assert.equal(serverSockets.size, 0, 'connections still open on the fake Consul');
}

void test('the package asks: healthy and all instances, service names, its own user agent, on channels it keeps', async () => {
  seen.length = 0;
  const remote = fakeRemote({}, { 8500: consul.port });
  const client = await createConsulClient(testConfig(), remote, { WAZO_CONSUL_TOKEN: TOKEN });
  try {
    const [healthy, all, names] = await Promise.all([
      client.healthyServices('wazo-auth'),
      client.allInstances('wazo-auth'),
      client.serviceNames(),
    ]);
    assert.deepEqual(healthy, [
      {
        serviceId: 'auth-1',
        serviceName: 'wazo-auth',
        address: '10.0.0.9',
        port: 9497,
        tags: ['wazo-auth'],
        checks: { 'service:auth-1': 'passing' },
      },
    ]);
    assert.deepEqual(
      all.map((i) => [i.serviceId, i.address, i.checks]),
      [
        ['auth-1', '10.0.0.9', { 'service:auth-1': 'passing' }],
        ['auth-2', '10.0.0.7', { 'service:auth-2': 'critical' }],
      ],
    );
    assert.deepEqual(names, ['consul', 'wazo-auth']);
    // More asks on one channel than a listener leak would allow before node warns (MaxListenersExceeded).
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    for (let i = 0; i < 15; i += 1) await client.serviceNames();
    await new Promise((r) => setImmediate(r));
    process.off('warning', onWarning);
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      seen
        .map((s) => s.url)
        .slice(0, 3)
        .sort(),
      ['/v1/catalog/services', '/v1/health/service/wazo-auth', '/v1/health/service/wazo-auth?passing=true'],
    );
    assert.equal(seen.length, 18);
    assert.ok(
      seen.every((s) => /^papi\/\d/.test(s.userAgent ?? '') && s.token === TOKEN),
      JSON.stringify(seen),
    );
    // One channel per ask made at the same time (node:http counts a socket once it is open), reused after.
    assert.deepEqual(remote.forwards, Array(3).fill({ host: '127.0.0.1', port: 8500 }));
  } finally {
    await client.close();
  }
  await closedOnServer();
});

void test('a refusal quotes the answer with the token redacted, even where the excerpt is cut', async () => {
  const wrong = `${TOKEN}-old`;
  const client = await createConsulClient(testConfig(), fakeRemote({}, { 8500: consul.port }), {
    WAZO_CONSUL_TOKEN: wrong,
  });
  try {
    await assert.rejects(client.allInstances('wazo-auth'), (err: unknown) => {
      assert.equal((err as Error).name, 'AuthFailed');
      assert.equal(
        (err as Error).message,
        `Consul refused the token (from environment variable WAZO_CONSUL_TOKEN): 403 ${'x'.repeat(110)}<redacted>`,
      );
      return true;
    });
    await assert.rejects(client.serviceNames(), (err: unknown) => {
      const text = `${String((err as Error).stack)} ${JSON.stringify(err, Object.getOwnPropertyNames(err))}`;
      assert.ok(!text.includes(TOKEN.slice(0, 12)), text);
      return true;
    });
  } finally {
    await client.close();
  }
});

void test('bad answers are RemoteCommandFailed: a server error with its excerpt, a body that is not JSON', async () => {
  const client = await createConsulClient(testConfig(), fakeRemote({}, { 8500: consul.port }), {
    WAZO_CONSUL_TOKEN: TOKEN,
  });
  try {
    await assert.rejects(client.allInstances('wazo-dird'), (err: unknown) => {
      assert.ok(err instanceof RemoteCommandFailed, String(err));
      assert.equal(
        err.message,
        `Consul at ${WHERE} answered 500 to GET /v1/health/service/wazo-dird: rpc error: No cluster leader`,
      );
      return true;
    });
    await assert.rejects(client.allInstances('not-json'), {
      name: 'RemoteCommandFailed',
      message: `Consul at ${WHERE} answered GET /v1/health/service/not-json with a body that is not JSON`,
    });
  } finally {
    await client.close();
  }
});

void test('a Consul that never answers is "not reachable" after the HTTPS timeout, not later', async () => {
  const client = await createConsulClient(
    testConfig({ timeoutMs: 300 }),
    fakeRemote({}, { 8500: consul.port }),
    {},
  );
  try {
    silent = true;
    await within(1500, () =>
      assert.rejects(client.serviceNames(), (err: unknown) => {
        assert.ok(err instanceof EndpointUnreachable, String(err));
        assert.equal(
          err.message,
          `Consul is not reachable at ${WHERE}: no answer to GET /v1/catalog/services within 300ms`,
        );
        return true;
      }),
    );
  } finally {
    silent = false;
    await client.close();
  }
  await closedOnServer();
});

void test('an SSH connection that opens no channel times out as the tunnel, and close() refuses further asks', async () => {
  const remote = fakeRemote({});
  remote.forwardOut = () => new Promise<Duplex>(() => undefined);
  const client = await createConsulClient(testConfig({ timeoutMs: 200 }), remote, {
    WAZO_CONSUL_TOKEN: TOKEN,
  });
  await within(1500, () =>
    assert.rejects(client.serviceNames(), (err: unknown) => {
      assert.ok(err instanceof TimedOut, String(err));
      assert.equal(err.message, 'tunnel to 127.0.0.1:8500 on root@fake-host:22: no channel after 200ms');
      return true;
    }),
  );
  await client.close();
  await assert.rejects(client.serviceNames(), {
    name: 'RemoteCommandFailed',
    message: 'tunnel to 127.0.0.1:8500 on root@fake-host:22: the client was closed',
  });
});

void test('a forward refused after it opened (as ssh -W reports it) is "not reachable", with the reason', async () => {
  const remote = fakeRemote({});
  const refusal = 'channel 0: open failed: connect failed: Connection refused';
  remote.forwardOut = async () => {
    // Takes the request and answers nothing, as ssh -W does until the server refuses the channel.
    const stream = new Duplex({ read: () => undefined, write: (_chunk, _encoding, done) => done() });
    setImmediate(() =>
      stream.destroy(
        new RemoteCommandFailed(
          `root@fake-host:22 could not open a TCP connection to 127.0.0.1:8500: ${refusal}`,
        ),
      ),
    );
    return stream;
  };
  const client = await createConsulClient(testConfig(), remote, { WAZO_CONSUL_TOKEN: TOKEN });
  try {
    await assert.rejects(client.serviceNames(), (err: unknown) => {
      assert.ok(err instanceof EndpointUnreachable, String(err));
      assert.equal(err.message, `Consul is not reachable at ${WHERE}`);
      assert.equal(
        (err.cause as Error).message,
        `nothing answers at 127.0.0.1:8500 on root@fake-host:22: ${refusal}`,
      );
      return true;
    });
  } finally {
    await client.close();
  }
});

void test('through a real ssh2 connection: answers, then a dropped connection fails the ask at once', async () => {
  const dir = new TempDir();
  const hostKey = newKeyPair();
  const clientKey = newKeyPair();
  const ssh = await new FakeSshServer({ hostKey: hostKey.private, authorizedKey: clientKey.public }).start();
  const remote = await openRemoteHost(
    '127.0.0.1',
    testSshConfig({
      port: ssh.port,
      keyFile: dir.file('id', clientKey.private),
      knownHostsFile: dir.file('known_hosts', knownHostsLine('127.0.0.1', ssh.port, hostKey)),
    }),
    {},
    { reconnectFirstDelayMs: 50 },
  );
  const address = `127.0.0.1:${consul.port}`;
  let client: ConsulClient | undefined;
  try {
    client = await createConsulClient(testConfig({ timeoutMs: 5000 }, { address }), remote, {
      WAZO_CONSUL_TOKEN: TOKEN,
    });
    assert.deepEqual(await client.serviceNames(), ['consul', 'wazo-auth']);
    assert.equal((await client.allInstances('wazo-auth')).length, 2);
    silent = true;
    const pending = client.serviceNames();
    await new Promise((r) => setTimeout(r, 100));
    ssh.dropClients();
    await within(2000, () =>
      assert.rejects(pending, (err: unknown) => {
        assert.ok(err instanceof HostUnreachable && !(err instanceof EndpointUnreachable), String(err));
        assert.equal(
          err.message,
          `Consul at ${address} on 127.0.0.1 did not answer GET /v1/catalog/services: socket hang up`,
        );
        return true;
      }),
    );
  } finally {
    silent = false;
    await client?.close();
    await remote.close();
    await ssh.stop();
    dir.remove();
  }
});
