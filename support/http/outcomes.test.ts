// The run's HTTP outcomes: one request per key whoever asks, the in-flight limits, and failures kept as failures.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EndpointUnreachable } from './errors.ts';
import { Limiter } from './limiter.ts';
import { HttpOutcomes } from './outcomes.ts';
import { fakeEndpoints } from './testing/fake-endpoints.ts';

void test('never more than the limits in flight: 4 through nginx, 2 on one daemon port, 4 on all daemon ports', async () => {
  const host = fakeEndpoints(() => [200, '{}'], 3);
  const http = new HttpOutcomes(host);
  const paths = Array.from({ length: 12 }, (_, i) => `/r${i}`);
  await Promise.all([
    ...paths.map((path) => http.web(path)),
    ...[9486, 9497, 9500].flatMap((port) => paths.map((path) => http.daemon(port, path))),
  ]);
  assert.equal(host.asked.length, 48);
  assert.deepEqual(host.peak, { web: 4, daemons: 4, daemonPort: 2 });
});

void test('each request is made once however many ask; method and origin tell requests apart', async () => {
  const host = fakeEndpoints(() => [401, '{}']);
  const http = new HttpOutcomes(host);
  const asks = [
    http.web('/api/confd/1.1/infos'),
    http.web('/api/confd/1.1/infos'),
    http.web('/api/confd/1.1/infos', 'POST'),
    http.daemon(9486, '/api/confd/1.1/infos'),
    http.daemon(9486, '/api/confd/1.1/infos'),
  ];
  const [first, second] = await Promise.all(asks);
  assert.equal(first, second);
  assert.deepEqual(host.asked, [
    'web GET /api/confd/1.1/infos',
    'web POST /api/confd/1.1/infos',
    '9486 GET /api/confd/1.1/infos',
  ]);
  await http.web('/api/confd/1.1/infos');
  assert.equal(host.asked.length, 3);
  assert.equal(http.size, 3);
});

void test('a failed request is kept as its failure: not asked again, never an answer', async () => {
  const host = fakeEndpoints(() => undefined);
  const http = new HttpOutcomes(host);
  const first = await http.daemon(9486, '/1.1/api/api.yml');
  const again = await http.daemon(9486, '/1.1/api/api.yml');
  assert.equal(again, first);
  assert.ok('error' in first && first.error instanceof EndpointUnreachable);
  assert.equal(first.error.message, 'GET http://127.0.0.1:9486/1.1/api/api.yml: nothing answers');
  assert.equal(first.url, 'http://127.0.0.1:9486/1.1/api/api.yml');
  assert.deepEqual(host.asked, ['9486 GET /1.1/api/api.yml']);
});

void test('a client that could not be made is the failure of each request that needed it, made once', async () => {
  let made = 0;
  const http = new HttpOutcomes({
    https: () => {
      made += 1;
      return Promise.reject(new EndpointUnreachable('wazo-1:443 refused the connection'));
    },
    tunnel: () => Promise.reject(new Error('no tunnel in this test')),
  });
  const [a, b] = await Promise.all([http.web('/api/auth/0.1/backends'), http.web('/api/auth/0.1/backends')]);
  assert.equal(a, b);
  assert.ok('error' in a);
  assert.equal(a.error.message, 'wazo-1:443 refused the connection');
  assert.equal(a.url, '/api/auth/0.1/backends');
  assert.equal(made, 1);
});

void test('the limiter runs tasks in the order asked and frees a slot when a task fails', async () => {
  const limiter = new Limiter(1);
  const order: string[] = [];
  const failing = limiter.run(async () => {
    order.push('a');
    throw new Error('a failed');
  });
  const next = limiter.run(async () => void order.push('b'));
  const last = limiter.run(async () => void order.push('c'));
  await assert.rejects(failing, /a failed/);
  await Promise.all([next, last]);
  assert.deepEqual(order, ['a', 'b', 'c']);
  assert.throws(() => new Limiter(0), /limit: expected an integer >= 1, found 0/);
});
