// The NSC-18/19 probes with fake clients: which URLs are asked, spec sharing, and the prefix fallback.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { service } from '../checks/testing/catalog.ts';
import { EndpointUnreachable } from './errors.ts';
import type { HttpClient, HttpResponse } from './client.ts';
import { HttpOutcomes } from './outcomes.ts';
import { fetchSpecs, type HttpEndpoints } from './probe.ts';
import { parsedSpecOf, probeWebApi, webRoutePath } from './web-api.ts';

const SPEC = readFileSync(new URL('../openapi/testing/confd-swagger.yml', import.meta.url), 'utf8');

function fakeClient(
  origin: string,
  answers: Record<string, [number, string]>,
): HttpClient & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    requestCount: 0,
    async request(path: string): Promise<HttpResponse> {
      asked.push(path);
      const answer = answers[path];
      if (answer === undefined) throw new EndpointUnreachable(`nothing at ${path}`);
      return { url: `${origin}${path}`, status: answer[0], headers: {}, body: answer[1] };
    },
    async close() {},
  };
}

function endpoints(https: HttpClient, tunnel?: HttpClient): HttpEndpoints {
  return {
    https: async () => https,
    tunnel: async () => tunnel ?? Promise.reject(new Error('no tunnel in this test')),
  };
}

void test('routes are asked through nginx under <prefix>/<version>, and the spec fetch is shared', async () => {
  const api = service('wazo-confd').http;
  assert.ok(api);
  const https = fakeClient('https://h:443', {
    '/api/confd/1.1/api/api.yml': [200, SPEC],
    '/api/confd/1.1/infos': [401, '{}'],
    '/api/confd/1.1/users': [401, '{}'],
    '/api/confd/1.1/wizard': [200, '{}'],
  });
  const tunnel = fakeClient('http://127.0.0.1:9486', { '/1.1/api/api.yml': [200, SPEC] });
  const http = new HttpOutcomes(endpoints(https, tunnel));
  const specs = await fetchSpecs(http, api);
  assert.equal(specs.daemon && 'response' in specs.daemon ? specs.daemon.response.status : 0, 200);
  assert.deepEqual(tunnel.asked, ['/1.1/api/api.yml']);
  const probe = await probeWebApi(http, api);
  assert.deepEqual(
    probe.routes.map((r) => r.route),
    ['/infos', '/users', '/wizard'],
  );
  assert.deepEqual(https.asked.sort(), [
    '/api/confd/1.1/api/api.yml',
    '/api/confd/1.1/infos',
    '/api/confd/1.1/users',
    '/api/confd/1.1/wizard',
  ]);
  assert.equal(probe.prefix, undefined);
});

void test('without a usable spec the bare prefix is asked; a failed spec fetch is kept as failed', async () => {
  const api = service('wazo-calld').http;
  assert.ok(api);
  const https = fakeClient('https://h:443', { '/api/calld/': [404, 'nf'] });
  const http = new HttpOutcomes(endpoints(https));
  const first = await probeWebApi(http, api);
  assert.ok(first.spec && 'error' in first.spec);
  assert.equal(first.spec.error.message, 'nothing at /api/calld/1.0/api/api.yml');
  assert.equal(first.prefix && 'response' in first.prefix ? first.prefix.response.status : 0, 404);
  const again = await probeWebApi(http, api);
  assert.deepEqual(again, first);
  assert.deepEqual(https.asked, ['/api/calld/1.0/api/api.yml', '/api/calld/']);
});

void test("provd's routes sit under /api/provd/0.2; websocketd (no version) under its prefix", () => {
  const provd = service('wazo-provd').http;
  assert.ok(provd);
  assert.equal(webRoutePath(provd, '/configure'), '/api/provd/0.2/configure');
  const websocketd = service('wazo-websocketd').http;
  assert.ok(websocketd);
  assert.equal(webRoutePath(websocketd, '/'), '/api/websocketd/');
});

void test('a served spec is parsed once per answer, however many checks read it', () => {
  const answer: HttpResponse = {
    url: 'https://h:443/api/confd/1.1/api/api.yml',
    status: 200,
    headers: {},
    body: SPEC,
  };
  const first = parsedSpecOf(answer);
  assert.ok(first.ok);
  assert.equal(parsedSpecOf(answer), first);
  const other = parsedSpecOf({ ...answer });
  assert.notEqual(other, first);
  assert.deepEqual(other, first);
  assert.deepEqual(parsedSpecOf({ ...answer, body: '- a list' }), {
    ok: false,
    error: 'not a YAML/JSON mapping (found object)',
  });
});
