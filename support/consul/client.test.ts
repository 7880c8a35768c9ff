// The Consul client against a local fake Consul reached through a fake SSH tunnel: token sources, refusals, absence.
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, test } from 'node:test';
import { AuthFailed, ConfigError } from '../errors.ts';
import { EndpointUnreachable } from '../http/errors.ts';
import { testConfig } from '../http/testing/config.ts';
import { fakeRemote } from '../http/testing/fake-remote.ts';
import { startHttp, type Running } from '../http/testing/servers.ts';
import { createConsulClient, parseConsulAddress } from './client.ts';

const TOKEN = 'secret-master-token-3f9a';
const TOKEN_FILE = '/var/lib/consul/master_token';
let consul: Running;
const seen: { url: string; token: string | undefined }[] = [];

const HEALTH = [
  {
    Node: { Node: 'wazo', Address: '127.0.0.1' },
    Service: {
      ID: 'a1b2',
      Service: 'wazo-confd',
      Address: '10.0.0.5',
      Port: 9486,
      Tags: ['uuid-1', 'wazo-confd'],
    },
    Checks: [
      { CheckID: 'serfHealth', Name: 'Serf Health Status', Status: 'passing' },
      { CheckID: 'service:a1b2', Name: 'Service TTL', Status: 'passing' },
    ],
  },
];

function fakeConsul(req: IncomingMessage, res: ServerResponse): void {
  const token = req.headers['x-consul-token'] as string | undefined;
  seen.push({ url: req.url ?? '', token });
  if (token !== TOKEN) {
    res.writeHead(403).end(token === undefined ? 'Permission denied' : `ACL not found: ${token}`);
    return;
  }
  res.setHeader('Content-Type', 'application/json');
  if (req.url === '/v1/catalog/services') res.end(JSON.stringify({ consul: [], 'wazo-confd': ['uuid-1'] }));
  else if (req.url?.startsWith('/v1/health/service/wazo-confd')) res.end(JSON.stringify(HEALTH));
  else if (req.url?.startsWith('/v1/health/service/')) res.end('[]');
  else res.writeHead(404).end('not found');
}

before(async () => {
  consul = await startHttp(fakeConsul);
});
after(() => consul.close());

void test('the token comes from the token file on the host and reaches Consul through the tunnel', async () => {
  const remote = fakeRemote({ [TOKEN_FILE]: `${TOKEN}\n` }, { 8500: consul.port });
  const client = await createConsulClient(testConfig(), remote, {});
  try {
    assert.deepEqual(await client.serviceNames(), ['consul', 'wazo-confd']);
    assert.deepEqual(await client.healthyServices('wazo-confd'), [
      {
        serviceId: 'a1b2',
        serviceName: 'wazo-confd',
        address: '10.0.0.5',
        port: 9486,
        tags: ['uuid-1', 'wazo-confd'],
        checks: { serfHealth: 'passing', 'service:a1b2': 'passing' },
      },
    ]);
    assert.deepEqual(await client.healthyServices('wazo-auth'), []);
    assert.equal(client.tokenSource, `${TOKEN_FILE} on root@fake-host:22`);
    assert.deepEqual(remote.commands, [['cat', TOKEN_FILE]]);
    assert.deepEqual(remote.forwards[0], { host: '127.0.0.1', port: 8500 });
    assert.equal(seen.at(-1)?.url, '/v1/health/service/wazo-auth?passing=true');
    assert.equal(seen.at(-1)?.token, TOKEN);
  } finally {
    await client.close();
  }
});

void test('the environment variable wins over the file, and the host is not asked', async () => {
  const remote = fakeRemote({}, { 8500: consul.port });
  const client = await createConsulClient(testConfig(), remote, { WAZO_CONSUL_TOKEN: TOKEN });
  try {
    assert.deepEqual(await client.serviceNames(), ['consul', 'wazo-confd']);
    assert.equal(client.tokenSource, 'environment variable WAZO_CONSUL_TOKEN');
    assert.deepEqual(remote.commands, []);
  } finally {
    await client.close();
  }
});

void test('a wrong token is refused with its source and never its value', async () => {
  const wrong = 'wrong-token-77c1';
  const config = testConfig({}, { tokenEnv: 'MY_CONSUL_TOKEN' });
  const client = await createConsulClient(config, fakeRemote({}, { 8500: consul.port }), {
    MY_CONSUL_TOKEN: wrong,
  });
  try {
    await assert.rejects(client.serviceNames(), (err: unknown) => {
      assert.ok(err instanceof AuthFailed);
      assert.equal(
        err.message,
        'Consul refused the token (from environment variable MY_CONSUL_TOKEN): 403 ACL not found: <redacted>',
      );
      assert.ok(!JSON.stringify(err, Object.getOwnPropertyNames(err)).includes(wrong));
      assert.ok(!String(err.stack).includes(wrong));
      return true;
    });
  } finally {
    await client.close();
  }
});

void test('no token at all is said so, with the reason', async () => {
  const client = await createConsulClient(testConfig(), fakeRemote({}, { 8500: consul.port }), {});
  try {
    await assert.rejects(client.healthyServices('wazo-confd'), {
      name: 'AuthFailed',
      message:
        'Consul refused a request without a token (no token: WAZO_CONSUL_TOKEN is unset and ' +
        '/var/lib/consul/master_token on root@fake-host:22 is unreadable (cat: /var/lib/consul/master_token: ' +
        'No such file or directory)): 403 Permission denied',
    });
  } finally {
    await client.close();
  }
});

void test('Consul not listening is "not reachable" naming the address and the host', async () => {
  const client = await createConsulClient(testConfig(), fakeRemote({ [TOKEN_FILE]: TOKEN }), {});
  try {
    await assert.rejects(client.serviceNames(), (err: unknown) => {
      assert.ok(err instanceof EndpointUnreachable);
      assert.equal(err.message, 'Consul is not reachable at 127.0.0.1:8500 on 127.0.0.1');
      return true;
    });
  } finally {
    await client.close();
  }
});

void test('addresses parse as host:port, and a bad one is a configuration error', () => {
  assert.deepEqual(parseConsulAddress('127.0.0.1:8500'), { host: '127.0.0.1', port: 8500 });
  assert.deepEqual(parseConsulAddress('[::1]:8501'), { host: '::1', port: 8501 });
  assert.deepEqual(parseConsulAddress('consul.local'), { host: 'consul.local', port: 8500 });
  assert.throws(() => parseConsulAddress('127.0.0.1:99999'), ConfigError);
  assert.throws(() => parseConsulAddress('http://x:1'), {
    message: 'consul.address: "http://x:1" is not allowed: host:port, e.g. 127.0.0.1:8500',
  });
});
