// OpenAPI parsing, validation against the official schemas, plain GET routes and response-body validation.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseSpec } from './parse.ts';
import { danglingRefs, describeDangling } from './refs.ts';
import { validateResponseBody } from './response.ts';
import { plainGetRoutes } from './routes.ts';
import { validateSpec } from './validate.ts';

function load(name: string): Record<string, unknown> {
  const parsed = parseSpec(readFileSync(new URL(`testing/${name}`, import.meta.url), 'utf8'));
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  return parsed.doc;
}

void test('a Wazo-style Swagger 2.0 document validates', () => {
  assert.deepEqual(validateSpec(load('confd-swagger.yml')), { format: 'swagger-2.0', errors: [] });
});

void test('a broken Swagger 2.0 document reports every violation with its location', () => {
  assert.deepEqual(validateSpec(load('broken-swagger.yml')), {
    format: 'swagger-2.0',
    errors: ["/info must have required property 'title'", '/paths must be object'],
  });
});

void test('OpenAPI 3.0 (FastAPI JSON) validates, and a violation is found', () => {
  const doc = load('sysconfd-openapi-3.0.json');
  assert.deepEqual(validateSpec(doc), { format: 'openapi-3.0', errors: [] });
  const broken = { ...doc, info: { title: 'wazo-sysconfd' } };
  assert.deepEqual(validateSpec(broken).errors, ["/info must have required property 'version'"]);
});

void test('OpenAPI 3.1 validates with the 2020-12 dialect, and a violation is found', () => {
  const doc = load('sysconfd-openapi-3.1.json');
  assert.deepEqual(validateSpec(doc), { format: 'openapi-3.1', errors: [] });
  assert.deepEqual(validateSpec({ ...doc, paths: 'none' }).errors, ['/paths must be object']);
});

void test('a document of no known version says what it declares', () => {
  assert.deepEqual(validateSpec({ swagger: '1.2', info: {} }), {
    errors: ['/ declares no supported version (swagger "2.0" or openapi 3.0.x/3.1.x): found "1.2"'],
  });
});

void test('text that is neither YAML nor JSON, or not a mapping, is refused with the reason', () => {
  const bad = parseSpec('info: {title: "unterminated\n');
  assert.equal(bad.ok, false);
  assert.match(bad.ok ? '' : bad.error, /^not valid YAML or JSON: /);
  assert.deepEqual(parseSpec('- a\n- b\n'), { ok: false, error: 'not a YAML/JSON mapping (found object)' });
  const truncatedJson = parseSpec('{"a": 1');
  assert.match(truncatedJson.ok ? '' : truncatedJson.error, /^not valid YAML or JSON: .*JSON/);
});

void test('plain GET routes exclude path parameters and routes without GET', () => {
  assert.deepEqual(plainGetRoutes(load('confd-swagger.yml')), ['/infos', '/users', '/wizard']);
  assert.deepEqual(plainGetRoutes(load('sysconfd-openapi-3.0.json')), ['/status']);
  assert.deepEqual(plainGetRoutes({ paths: 'nope' }), []);
});

void test('a 2xx body is validated against the route schema, following #/definitions refs', () => {
  const doc = load('confd-swagger.yml');
  const schema = '/paths/~1infos/get/responses/200/schema';
  assert.deepEqual(validateResponseBody(doc, '/infos', 200, '{"uuid": "u-1", "wazo_version": "25.01"}'), {
    kind: 'valid',
    schema,
  });
  assert.deepEqual(validateResponseBody(doc, '/infos', 200, '{"uuid": 7}'), {
    kind: 'invalid',
    schema,
    errors: ["/ must have required property 'wazo_version'", '/uuid must be string'],
  });
  assert.deepEqual(validateResponseBody(doc, '/users', 200, '{"items": [{"id": "x"}], "total": 1}'), {
    kind: 'invalid',
    schema: '/paths/~1users/get/responses/200/schema',
    errors: ['/items/0/id must be integer'],
  });
  assert.deepEqual(validateResponseBody(doc, '/infos', 200, '<html>'), {
    kind: 'invalid',
    schema,
    errors: ['/ is not JSON'],
  });
});

void test('response refs (#/responses/...) are followed, and a missing schema is said so', () => {
  const doc = load('confd-swagger.yml');
  assert.deepEqual(
    validateResponseBody(doc, '/infos', 401, '{"message": "no", "error_id": "unauthorized"}'),
    {
      kind: 'valid',
      schema: '/responses/Unauthorized/schema',
    },
  );
  assert.deepEqual(validateResponseBody(doc, '/wizard', 200, '{}'), {
    kind: 'no-schema',
    reason: 'no JSON schema declared for GET /wizard 200',
  });
});

void test('OpenAPI 3 bodies use content application/json and #/components/schemas refs', () => {
  const doc30 = load('sysconfd-openapi-3.0.json');
  const schema = '/paths/~1status/get/responses/200/content/application~1json/schema';
  assert.deepEqual(validateResponseBody(doc30, '/status', 200, '{"rest_api": {"status": "ok"}}'), {
    kind: 'valid',
    schema,
  });
  assert.deepEqual(validateResponseBody(doc30, '/status', 200, '{"rest_api": {"status": "meh"}}'), {
    kind: 'invalid',
    schema,
    errors: ['/rest_api/status must be equal to one of the allowed values'],
  });
  const doc31 = load('sysconfd-openapi-3.1.json');
  assert.equal(validateResponseBody(doc31, '/status', 200, '{"rest_api": null}').kind, 'valid');
  assert.equal(validateResponseBody(doc31, '/status', 200, '{"rest_api": 3}').kind, 'invalid');
});

void test('every $ref must resolve: a dangling one is named by its JSON pointer', () => {
  assert.deepEqual(danglingRefs(load('confd-swagger.yml')), []);
  assert.deepEqual(danglingRefs(load('sysconfd-openapi-3.0.json')), []);
  assert.deepEqual(danglingRefs(load('media-swagger.yml')).map(describeDangling), [
    '/paths/~1broken/get/responses/200/schema/$ref "#/definitions/Missing" does not resolve',
  ]);
});

void test('a $ref is judged only where it is a reference, and outside references cannot resolve', () => {
  const doc = {
    swagger: '2.0',
    definitions: {
      A: {
        type: 'object',
        // a property named $ref, an example holding a $ref-like value, and an extension: data, not references
        properties: { $ref: { type: 'string' }, example: { $ref: '#/definitions/B' } },
        example: { $ref: '#/nowhere' },
        'x-origin': { $ref: '#/nowhere' },
      },
      'B/C': { type: 'string' },
      D: { $ref: '#/definitions/B~1C' },
      E: { $ref: 'common.yml#/definitions/Error' },
      F: { $ref: '#definitions/A' },
    },
  };
  assert.deepEqual(danglingRefs(doc).map(describeDangling), [
    '/definitions/A/properties/example/$ref "#/definitions/B" does not resolve',
    '/definitions/E/$ref "common.yml#/definitions/Error" points outside the served document',
    '/definitions/F/$ref "#definitions/A" is not a JSON pointer',
  ]);
});

void test('a response schema that does not compile leaves the body unjudged, naming the schema and the reason', () => {
  assert.deepEqual(
    validateResponseBody(load('media-swagger.yml'), '/broken', 200, '{}', 'application/json'),
    {
      kind: 'unusable',
      schema: '/paths/~1broken/get/responses/200/schema',
      error: "can't resolve reference #/definitions/Missing",
    },
  );
  const badType = {
    swagger: '2.0',
    paths: { '/a': { get: { responses: { '200': { schema: { type: 'strin' } } } } } },
  };
  assert.deepEqual(validateResponseBody(badType, '/a', 200, '"x"'), {
    kind: 'unusable',
    schema: '/paths/~1a/get/responses/200/schema',
    error: 'type must be JSONType or JSONType[]: strin',
  });
});

void test("Swagger 2.0's x-nullable: true makes null valid there, and only there", () => {
  const doc = load('media-swagger.yml');
  const sender = '/paths/~1sender/get/responses/200/schema';
  assert.deepEqual(validateResponseBody(doc, '/sender', 200, '{"sender_id": null}'), {
    kind: 'valid',
    schema: sender,
  });
  assert.deepEqual(validateResponseBody(doc, '/sender', 200, '{"sender_id": "abc"}'), {
    kind: 'valid',
    schema: sender,
  });
  assert.deepEqual(validateResponseBody(doc, '/sender', 200, '{"sender_id": 3}'), {
    kind: 'invalid',
    schema: sender,
    errors: ['/sender_id must be string,null'],
  });
  assert.deepEqual(validateResponseBody(doc, '/sender', 200, 'null'), {
    kind: 'invalid',
    schema: sender,
    errors: ['/ must be object'],
  });
  const status = '/paths/~1status/get/responses/200/schema';
  assert.deepEqual(validateResponseBody(doc, '/status', 200, 'null'), { kind: 'valid', schema: status });
  assert.deepEqual(validateResponseBody(doc, '/status', 200, '{"total": 1}'), {
    kind: 'invalid',
    schema: status,
    errors: ['/ must be null', "/ must have required property 'items'", '/ must match a schema in anyOf'],
  });
});

void test('a body that is not JSON is judged by its declared media type', () => {
  const doc = load('media-swagger.yml');
  const csv = 'id,firstname\n1,Alice\n';
  assert.deepEqual(validateResponseBody(doc, '/users/export', 200, csv, 'text/csv; charset=utf-8'), {
    kind: 'media',
    mediaType: 'text/csv',
  });
  assert.deepEqual(validateResponseBody(doc, '/cdr', 200, csv, 'text/csv'), {
    kind: 'media',
    mediaType: 'text/csv',
  });
  assert.deepEqual(validateResponseBody(doc, '/cdr', 200, '{"items": [], "total": 0}', 'application/json'), {
    kind: 'valid',
    schema: '/paths/~1cdr/get/responses/200/schema',
  });
  assert.deepEqual(validateResponseBody(doc, '/recording', 200, 'RIFF....WAVE', 'audio/wav'), {
    kind: 'media',
    mediaType: 'audio/wav',
  });
});

void test('a declared media range covers the media types it names', () => {
  const doc = load('media-swagger.yml');
  const paths = doc.paths as Record<string, { get: Record<string, unknown> }>;
  paths['/users/export']!.get.produces = ['text/*'];
  assert.deepEqual(validateResponseBody(doc, '/users/export', 200, 'a,b\n', 'text/csv'), {
    kind: 'media',
    mediaType: 'text/csv',
  });
  assert.deepEqual(validateResponseBody(doc, '/users/export', 200, 'RIFF', 'audio/wav'), {
    kind: 'invalid',
    schema: '/paths/~1users~1export/get/responses/200/schema',
    errors: ['/ is not JSON'],
  });
});

void test('a body of an undeclared media type, or not JSON where JSON is declared, still fails', () => {
  const doc = load('media-swagger.yml');
  assert.deepEqual(validateResponseBody(doc, '/cdr', 200, '<html>oops</html>', 'text/html'), {
    kind: 'invalid',
    schema: '/paths/~1cdr/get/responses/200/schema',
    errors: ['/ is not JSON'],
  });
  assert.deepEqual(validateResponseBody(doc, '/sender', 200, 'id,firstname\n', 'text/csv'), {
    kind: 'invalid',
    schema: '/paths/~1sender/get/responses/200/schema',
    errors: ['/ is not JSON'],
  });
  assert.deepEqual(validateResponseBody(doc, '/recording', 200, '<html>', 'text/html'), {
    kind: 'invalid',
    schema: '/paths/~1recording/get/responses/200/schema',
    errors: ['/ is text/html, expected audio/wav'],
  });
});
