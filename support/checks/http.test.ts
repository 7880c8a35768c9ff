// NSC-18 and NSC-19 checks on recorded-style HTTP outcomes: passing and violating inputs, exact messages.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { TlsRejected } from '../errors.ts';
import { EndpointUnreachable } from '../http/errors.ts';
import type { Fetched } from '../http/probe.ts';
import type { WebApiProbe } from '../http/web-api.ts';
import { parseSpec } from '../openapi/parse.ts';
import {
  checkApiSpecification,
  checkRestApiThroughWebServer,
  checkWebServerRoute,
  idleReason,
} from './http.ts';
import { healthyFacts } from './testing/healthy-host.ts';
import { service } from './testing/catalog.ts';

const HOST = 'wazo-1';
const CONFD_SPEC = readFileSync(new URL('../openapi/testing/confd-swagger.yml', import.meta.url), 'utf8');
const WEB_SPEC = CONFD_SPEC.replace('basePath: /1.1', 'basePath: /api/confd/1.1');
const DAEMON_URL = 'http://127.0.0.1:9486/1.1/api/api.yml';
const WEB_URL = 'https://wazo-1:443/api/confd/1.1/api/api.yml';

function ok(url: string, status: number, body: string, type = 'application/json'): Fetched {
  return { method: 'GET', url, response: { url, status, headers: { 'content-type': type }, body } };
}

function failedWith(url: string, error: Error & { code: string }): Fetched {
  return { method: 'GET', url, error: error as never };
}

void test('NSC-18 passes when both places serve a valid spec agreeing with the catalog', () => {
  const result = checkApiSpecification(
    service('wazo-confd'),
    { daemon: ok(DAEMON_URL, 200, CONFD_SPEC, 'application/x-yaml'), web: ok(WEB_URL, 200, WEB_SPEC) },
    HOST,
  );
  assert.equal(result.status, 'passed');
  assert.equal(
    result.message,
    'wazo-confd on wazo-1: NSC-18 serves a valid swagger-2.0 spec (info.version 1.1) on its own port and through the web server',
  );
  assert.match(
    result.evidence[0] ?? '',
    /^GET http:\/\/127\.0\.0\.1:9486\/1\.1\/api\/api\.yml -> 200 content-type=application\/x-yaml body="basePath/,
  );
});

void test('NSC-18 reports every mismatch of both places at once', () => {
  const wrongBase = CONFD_SPEC.replace('basePath: /1.1', 'basePath: /2.0').replace(
    "version: '1.1'",
    "version: '9.9'",
  );
  const broken = 'basePath: /1.1\ninfo:\n  version: "1.1"\npaths: []\nswagger: "2.0"\n';
  const result = checkApiSpecification(
    service('wazo-confd'),
    { daemon: ok(DAEMON_URL, 200, wrongBase), web: ok(WEB_URL, 200, broken) },
    HOST,
  );
  assert.equal(result.status, 'failed');
  assert.equal(
    result.message,
    `wazo-confd on wazo-1: NSC-18 spec at ${DAEMON_URL}: info.version: expected "1.1", found "9.9"; ` +
      `spec at ${DAEMON_URL}: basePath: expected "/1.1", found "/2.0"; ` +
      `spec at ${WEB_URL}: not a valid swagger-2.0 document: /info must have required property 'title', /paths must be object; ` +
      `spec at ${WEB_URL}: basePath: expected "/api/confd/1.1", found "/1.1"`,
  );
});

void test('NSC-18: not served, unparsable and refused are findings', () => {
  const result = checkApiSpecification(
    service('wazo-confd'),
    {
      daemon: failedWith(
        DAEMON_URL,
        new EndpointUnreachable('nothing answers at 127.0.0.1:9486 on root@wazo-1:22: refused'),
      ),
      web: ok(WEB_URL, 404, '<html>404 Not Found</html>', 'text/html'),
    },
    HOST,
  );
  assert.equal(
    result.message,
    `wazo-confd on wazo-1: NSC-18 spec at ${DAEMON_URL}: nothing answers at 127.0.0.1:9486 on root@wazo-1:22: refused; ` +
      `spec at ${WEB_URL}: expected 200, found 404`,
  );
  const garbled = checkApiSpecification(
    service('wazo-confd'),
    { daemon: ok(DAEMON_URL, 200, 'a: [1\n'), web: ok(WEB_URL, 200, WEB_SPEC) },
    HOST,
  );
  assert.match(
    garbled.message,
    /^wazo-confd on wazo-1: NSC-18 spec at http:\/\/127\.0\.0\.1:9486\/1\.1\/api\/api\.yml: not valid YAML or JSON: /,
  );
});

void test('NSC-18: a TLS refusal means the spec could not be checked, with its code', () => {
  const tls = new TlsRejected('TLS certificate of wazo-1:443 rejected: self-signed certificate; ...');
  const result = checkApiSpecification(
    service('wazo-confd'),
    { daemon: ok(DAEMON_URL, 200, CONFD_SPEC), web: failedWith('/api/confd/1.1/api/api.yml', tls) },
    HOST,
  );
  assert.equal(result.status, 'not-checked');
  assert.equal(result.errorCode, 'TLS_REJECTED');
  assert.equal(result.message, `wazo-confd on wazo-1: NSC-18 could not be checked: ${tls.message}`);
});

void test("NSC-18 keeps Wazo's quirks from the catalog: provd's static basePath, amid's info.version", () => {
  const provd = CONFD_SPEC.replace('basePath: /1.1', 'basePath: /api/provd/0.2').replace(
    "version: '1.1'",
    "version: '0.2'",
  );
  const result = checkApiSpecification(
    service('wazo-provd'),
    {
      daemon: ok('http://127.0.0.1:8666/0.2/api/api.yml', 200, provd),
      web: ok('https://wazo-1:443/api/provd/0.2/api/api.yml', 200, provd),
    },
    HOST,
  );
  assert.equal(result.status, 'passed', result.message);
  const amid = CONFD_SPEC.replace('basePath: /1.1', 'basePath: /1.0').replace(
    "version: '1.1'",
    "version: '0.1'",
  );
  const amidWeb = amid.replace('basePath: /1.0', 'basePath: /api/amid/1.0');
  const amidResult = checkApiSpecification(
    service('wazo-amid'),
    {
      daemon: ok('http://127.0.0.1:9491/1.0/api/api.yml', 200, amid),
      web: ok('https://wazo-1:443/api/amid/1.0/api/api.yml', 200, amidWeb),
    },
    HOST,
  );
  assert.equal(amidResult.status, 'passed', amidResult.message);
});

void test('NSC-18 for sysconfd: an OpenAPI 3 JSON document on its own port only', () => {
  const json = readFileSync(new URL('../openapi/testing/sysconfd-openapi-3.0.json', import.meta.url), 'utf8');
  const result = checkApiSpecification(
    service('wazo-sysconfd'),
    { daemon: ok('http://127.0.0.1:8668/api/api.yml', 200, json) },
    HOST,
  );
  assert.equal(
    result.message,
    'wazo-sysconfd on wazo-1: NSC-18 serves a valid openapi-3 spec on its own port',
  );
  const swagger = checkApiSpecification(
    service('wazo-sysconfd'),
    { daemon: ok('http://127.0.0.1:8668/api/api.yml', 200, CONFD_SPEC) },
    HOST,
  );
  assert.equal(
    swagger.message,
    'wazo-sysconfd on wazo-1: NSC-18 spec at http://127.0.0.1:8668/api/api.yml: expected a openapi-3 document, found swagger-2.0',
  );
});

void test('NSC-18 is not applicable, with the reason, to daemons without a spec', () => {
  const result = checkApiSpecification(service('wazo-agid'), {}, HOST);
  assert.equal(result.status, 'not-applicable');
  assert.equal(
    result.message,
    'not applicable: no HTTP API: FastAGI on 4573 (wazo-agid:wazo_agid/bin/agid.py)',
  );
});

function probe(routes: [string, number, string][], extra: Partial<WebApiProbe> = {}): WebApiProbe {
  const parsed = parseSpec(WEB_SPEC);
  assert.ok(parsed.ok);
  return {
    spec: ok(WEB_URL, 200, WEB_SPEC),
    doc: parsed.doc,
    routes: routes.map(([route, status, body]) => ({
      route,
      fetched: ok(`https://wazo-1:443/api/confd/1.1${route}`, status, body),
    })),
    skipped: 0,
    ...extra,
  };
}

const UNAUTHORIZED = '{"message": "Unauthorized", "error_id": "unauthorized"}';

void test('NSC-19 passes when every plain GET route answers, 401 included, and 2xx bodies match', () => {
  const result = checkRestApiThroughWebServer(
    service('wazo-confd'),
    probe([
      ['/infos', 200, '{"uuid": "u", "wazo_version": "25.01"}'],
      ['/users', 401, UNAUTHORIZED],
      ['/wizard', 401, UNAUTHORIZED],
    ]),
    HOST,
  );
  assert.equal(result.status, 'passed');
  assert.equal(
    result.message,
    'wazo-confd on wazo-1: NSC-19 3 GET routes of its spec answer through the web server (1x 200, 2x 401)',
  );
  assert.equal(result.evidence.length, 4);
});

void test('NSC-19 fails on 404/502 (grouped) and on a 2xx body that does not match its schema', () => {
  const result = checkRestApiThroughWebServer(
    service('wazo-confd'),
    probe([
      ['/infos', 200, '{"uuid": 1}'],
      ['/users', 502, 'Bad Gateway'],
      ['/wizard', 404, 'nf'],
      ['/x', 404, 'nf'],
    ]),
    HOST,
  );
  assert.equal(result.status, 'failed');
  assert.equal(
    result.message,
    'wazo-confd on wazo-1: NSC-19 GET /api/confd/1.1/users through the web server: expected an answer from wazo-confd, found 502; ' +
      'GET /api/confd/1.1/wizard, /api/confd/1.1/x through the web server: expected an answer from wazo-confd, found 404; ' +
      'GET https://wazo-1:443/api/confd/1.1/infos answered 200 with a body that does not match ' +
      "/paths/~1infos/get/responses/200/schema: / must have required property 'wazo_version', /uuid must be string",
  );
});

void test('NSC-19 without a usable spec checks the prefix; not applicable without an nginx location', () => {
  const prefix = ok('https://wazo-1:443/api/websocketd/', 426, 'Upgrade Required', 'text/plain');
  const ws = checkRestApiThroughWebServer(
    service('wazo-websocketd'),
    { routes: [], skipped: 0, prefix },
    HOST,
  );
  assert.equal(
    ws.message,
    'wazo-websocketd on wazo-1: NSC-19 its prefix answers through the web server (1x 426)',
  );
  const gone = checkRestApiThroughWebServer(
    service('wazo-websocketd'),
    { routes: [], skipped: 0, prefix: ok('https://wazo-1:443/api/websocketd/', 404, 'nf') },
    HOST,
  );
  assert.equal(
    gone.message,
    'wazo-websocketd on wazo-1: NSC-19 GET /api/websocketd/ through the web server: expected an answer from wazo-websocketd, found 404',
  );
  const phoned = checkRestApiThroughWebServer(service('wazo-phoned'), { routes: [], skipped: 0 }, HOST);
  assert.equal(phoned.status, 'not-applicable');
  assert.equal(
    phoned.message,
    'not applicable: no nginx location: phones reach it directly on 0.0.0.0:9498/9499, filtered by IP (wazo-facts.md §6)',
  );
});

void test("NSC-19 URL examples keep wazo-acceptance's rule: anything but 404 (or 502-504) answers", () => {
  const post: Fetched = {
    ...ok('https://wazo-1:443/api/amid/1.0/action/Command', 401, UNAUTHORIZED),
    method: 'POST',
  };
  assert.deepEqual(checkWebServerRoute('wazo-amid', post, HOST), {
    host: HOST,
    service: 'wazo-amid',
    item: 'NSC-19',
    status: 'passed',
    message:
      'wazo-amid on wazo-1: NSC-19 POST /api/amid/1.0/action/Command through the web server answers 401',
    evidence: [
      'POST https://wazo-1:443/api/amid/1.0/action/Command -> 401 content-type=application/json body="{\\"message\\": \\"Unauthorized\\", \\"error_id\\": \\"unauthorized\\"}"',
    ],
  });
  const missing = checkWebServerRoute('asterisk', ok('https://wazo-1:443/api/asterisk/ws', 404, 'nf'), HOST);
  assert.equal(missing.status, 'failed');
  assert.equal(
    missing.message,
    'asterisk on wazo-1: NSC-19 GET /api/asterisk/ws through the web server: expected an answer, found 404',
  );
  const tls = checkWebServerRoute(
    'wazo-auth',
    failedWith('/api/auth/0.1/backends', new TlsRejected('TLS refused')),
    HOST,
  );
  assert.equal(tls.status, 'not-checked');
  assert.equal(tls.errorCode, 'TLS_REJECTED');
  assert.equal(
    tls.message,
    'wazo-auth on wazo-1: NSC-19 GET /api/auth/0.1/backends through the web server could not be checked: TLS refused',
  );
});

void test('NSC-18/19: an idle one-shot daemon (wazo-setupd after setup) is not applicable, with the reason', () => {
  const setupd = service('wazo-setupd');
  const facts = healthyFacts([setupd]);
  assert.equal(idleReason(facts, service('wazo-confd')), undefined);
  assert.equal(idleReason(facts, setupd), undefined);
  facts.units.set(setupd.unit, { ...facts.units.get(setupd.unit), ActiveState: 'inactive', MainPID: '0' });
  const idle = idleReason(facts, setupd);
  assert.equal(
    idle,
    'wazo-setupd stops itself once its job is done and is not running now (ActiveState=inactive): no process to observe',
  );
  const spec = checkApiSpecification(setupd, {}, HOST, idle);
  assert.equal(spec.status, 'not-applicable');
  assert.equal(spec.message, `not applicable: ${idle}`);
  assert.equal(
    checkRestApiThroughWebServer(setupd, { routes: [], skipped: 0 }, HOST, idle).status,
    'not-applicable',
  );
});

const MEDIA_SPEC = readFileSync(new URL('../openapi/testing/media-swagger.yml', import.meta.url), 'utf8');

void test('NSC-18 fails on a $ref that does not resolve, naming its JSON pointer', () => {
  const dangling = CONFD_SPEC.replace("$ref: '#/definitions/Infos'", "$ref: '#/definitions/Info'");
  const result = checkApiSpecification(
    service('wazo-confd'),
    { daemon: ok(DAEMON_URL, 200, dangling) },
    HOST,
  );
  assert.equal(result.status, 'failed');
  assert.equal(
    result.message,
    `wazo-confd on wazo-1: NSC-18 spec at ${DAEMON_URL}: expected every $ref to resolve, found ` +
      '/paths/~1infos/get/responses/200/schema/$ref "#/definitions/Info" does not resolve',
  );
});

function mediaProbe(routes: [string, number, string, string][]): WebApiProbe {
  const parsed = parseSpec(MEDIA_SPEC);
  assert.ok(parsed.ok);
  return {
    spec: ok(WEB_URL, 200, MEDIA_SPEC),
    doc: parsed.doc,
    routes: routes.map(([route, status, body, type]) => ({
      route,
      fetched: ok(`https://wazo-1:443/api/confd/1.1${route}`, status, body, type),
    })),
    skipped: 0,
  };
}

void test('NSC-19: a response schema that does not compile is not checked, never passed', () => {
  const result = checkRestApiThroughWebServer(
    service('wazo-confd'),
    mediaProbe([
      ['/broken', 200, '{}', 'application/json'],
      ['/sender', 200, '{"sender_id": null}', 'application/json'],
    ]),
    HOST,
  );
  assert.equal(result.status, 'not-checked');
  assert.equal(
    result.message,
    'wazo-confd on wazo-1: NSC-19 could not be checked: the body of GET https://wazo-1:443/api/confd/1.1/broken (200): ' +
      "its response schema /paths/~1broken/get/responses/200/schema does not compile: can't resolve reference #/definitions/Missing",
  );
  const alsoMissing = checkRestApiThroughWebServer(
    service('wazo-confd'),
    mediaProbe([
      ['/broken', 200, '{}', 'application/json'],
      ['/cdr', 404, 'nf', 'text/html'],
    ]),
    HOST,
  );
  assert.equal(alsoMissing.status, 'failed');
  assert.equal(
    alsoMissing.message,
    'wazo-confd on wazo-1: NSC-19 GET /api/confd/1.1/cdr through the web server: expected an answer from wazo-confd, found 404',
  );
});

void test('NSC-19 judges non-JSON bodies by their declared media type, and nullable fields allow null', () => {
  const passing = checkRestApiThroughWebServer(
    service('wazo-confd'),
    mediaProbe([
      ['/users/export', 200, 'id,firstname\n1,Alice\n', 'text/csv; charset=utf-8'],
      ['/cdr', 200, 'id,start\n', 'text/csv'],
      ['/recording', 200, 'RIFF', 'audio/wav'],
      ['/sender', 200, '{"sender_id": null}', 'application/json'],
    ]),
    HOST,
  );
  assert.equal(passing.status, 'passed', passing.message);
  assert.equal(
    passing.message,
    'wazo-confd on wazo-1: NSC-19 4 GET routes of its spec answer through the web server (4x 200)',
  );
  const failing = checkRestApiThroughWebServer(
    service('wazo-confd'),
    mediaProbe([['/sender', 200, 'id,firstname\n', 'text/csv']]),
    HOST,
  );
  assert.equal(
    failing.message,
    'wazo-confd on wazo-1: NSC-19 GET https://wazo-1:443/api/confd/1.1/sender answered 200 with a body that does not match ' +
      '/paths/~1sender/get/responses/200/schema: / is not JSON',
  );
});
