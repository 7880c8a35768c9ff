// The tunnel client: plain HTTP to a port on the target through RemoteHost.forwardOut, never a host change.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HostUnreachable, RemoteCommandFailed, TimedOut } from '../errors.ts';
import { createTunnelClient } from './client.ts';
import { EndpointUnreachable } from './errors.ts';
import { fakeRemote } from './testing/fake-remote.ts';
import { startHttp } from './testing/servers.ts';

void test('requests go through forwardOut to 127.0.0.1:<port> as seen from the target', async () => {
  const server = await startHttp((req, res) => {
    res.setHeader('Content-Type', 'application/x-yaml');
    res.end(`path: ${req.url}\n`);
  });
  const remote = fakeRemote({}, { 9486: server.port });
  const client = createTunnelClient(remote, 9486, 2000);
  try {
    const response = await client.request('/1.1/api/api.yml');
    assert.equal(response.status, 200);
    assert.equal(response.url, 'http://127.0.0.1:9486/1.1/api/api.yml');
    assert.equal(response.headers['content-type'], 'application/x-yaml');
    assert.equal(response.body, 'path: /1.1/api/api.yml\n');
    await client.request('/1.1/infos');
    assert.equal(client.requestCount, 2);
    assert.deepEqual(remote.forwards[0], { host: '127.0.0.1', port: 9486 });
    assert.deepEqual(remote.commands, []);
  } finally {
    await client.close();
    await server.close();
  }
});

void test('a port nobody listens on is EndpointUnreachable naming the port and the host', async () => {
  const client = createTunnelClient(fakeRemote({}), 9497, 2000);
  try {
    await assert.rejects(client.request('/0.1/api/api.yml'), (err: unknown) => {
      assert.ok(err instanceof EndpointUnreachable);
      assert.equal(
        err.message,
        'nothing answers at 127.0.0.1:9497 on root@fake-host:22: (SSH) Channel open failure: Connection refused',
      );
      return true;
    });
  } finally {
    await client.close();
  }
});

void test('a daemon that accepts but never answers times out', async () => {
  const server = await startHttp(() => {});
  const client = createTunnelClient(fakeRemote({}, { 9500: server.port }), 9500, 250);
  try {
    await assert.rejects(client.request('/1.0/status'), (err: unknown) => {
      assert.ok(err instanceof TimedOut);
      assert.equal(err.message, 'GET http://127.0.0.1:9500/1.0/status: no complete response after 250ms');
      return true;
    });
  } finally {
    await client.close();
    await server.close();
  }
});

void test("the SSH transports' channel-open failure (RemoteCommandFailed) is the port, not a broken run", async () => {
  const remote = fakeRemote({});
  remote.forwardOut = async (host, port) => {
    throw new RemoteCommandFailed(
      `${remote.label} could not open a TCP connection to ${host}:${port}: connect failed`,
    );
  };
  const client = createTunnelClient(remote, 9500, 2000);
  try {
    await assert.rejects(client.request('/1.0/api/api.yml'), (err: unknown) => {
      assert.ok(err instanceof EndpointUnreachable);
      assert.equal(err.message, 'nothing answers at 127.0.0.1:9500 on root@fake-host:22: connect failed');
      return true;
    });
  } finally {
    await client.close();
  }
});

void test('a lost SSH connection keeps its meaning (HostUnreachable, not a finding)', async () => {
  const remote = fakeRemote({});
  remote.forwardOut = async () => {
    throw new HostUnreachable('connection to root@fake-host:22 lost before forwarding to 127.0.0.1:9500');
  };
  const client = createTunnelClient(remote, 9500, 2000);
  try {
    await assert.rejects(client.request('/'), (err: unknown) => {
      assert.ok(err instanceof HostUnreachable && !(err instanceof EndpointUnreachable));
      assert.equal(err.message, 'connection to root@fake-host:22 lost before forwarding to 127.0.0.1:9500');
      return true;
    });
  } finally {
    await client.close();
  }
});
