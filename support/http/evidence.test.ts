// HTTP evidence lines: status, how long the request took, a few headers and the first bytes of the body.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EndpointUnreachable } from './errors.ts';
import { fetchedLine } from './evidence.ts';

void test('an answer says its status and how long it took, then headers and the body excerpt', () => {
  const url = 'https://wazo-1:443/api/confd/1.1/infos';
  const response = { url, status: 401, headers: { 'content-type': 'application/json' }, body: '{"a": 1}' };
  assert.equal(
    fetchedLine({ method: 'GET', url, response, ms: 102 }),
    'GET https://wazo-1:443/api/confd/1.1/infos -> 401 (102 ms) content-type=application/json body="{\\"a\\": 1}"',
  );
});

void test('a failure says its code, its message and how long it took before failing', () => {
  const error = new EndpointUnreachable('nothing answers at 127.0.0.1:9486');
  assert.equal(
    fetchedLine({ method: 'GET', url: 'http://127.0.0.1:9486/x', error, ms: 7 }),
    'GET http://127.0.0.1:9486/x -> ENDPOINT_UNREACHABLE: nothing answers at 127.0.0.1:9486 (7 ms)',
  );
});
