// NSC-19-NGINX on Wazo-shaped location files: narrower ^~ blocks, includes, and a file nginx would refuse.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCatalog } from '../catalog/load.ts';
import { DEFAULT_CATALOG_FILE } from '../config/defaults.ts';
import { assembleFacts } from '../facts/assemble.ts';
import { parseFrames } from '../facts/frame.ts';
import { parseNginxLocations } from '../facts/parsers/nginx-locations.ts';
import { recorded, recordedSnapshot, recordedSnapshotPlan } from '../facts/testing/recorded.ts';
import { checkNginxRoute } from './nsc-19-nginx.ts';
import { service } from './testing/catalog.ts';
import { HOST, healthyFacts } from './testing/healthy-host.ts';

const confd = service('wazo-confd');
const PREFIX = `wazo-confd on ${HOST}: NSC-19-NGINX`;

function confdFacts(text: string) {
  const facts = healthyFacts([confd]);
  facts.nginxLocations = parseNginxLocations('wazo-confd', text).map((l) => ({ ...l, enabled: true }));
  return facts;
}

const SHAPE = recorded('nginx-available', 'wazo-shape-confd').stdout;

void test("Wazo's shape passes: the generic location and every narrower one proxy to the catalog port", () => {
  const result = checkNginxRoute(confdFacts(SHAPE), confd, HOST);
  assert.equal(result.status, 'passed');
  assert.equal(
    result.message,
    `${PREFIX} nginx /api/confd/ proxies to http://127.0.0.1:9486/ (the catalog port 9486) and 2 narrower locations to the same port`,
  );
  assert.equal(
    result.evidence[0],
    'nginx wazo-confd: location ^~ /api/confd/1.1/guests proxy_pass=http://127.0.0.1:9486/1.1/guests ' +
      'include=/etc/nginx/wazo-confd-shared.conf,/etc/nginx/wazo-no-auth-shared[.]conf enabled',
  );
});

void test('a narrower location sending part of the API elsewhere fails, named with its modifier', () => {
  const moved = SHAPE.replace(
    'http://127.0.0.1:9486/1.1/users/import',
    'http://127.0.0.1:9999/1.1/users/import',
  );
  assert.equal(
    checkNginxRoute(confdFacts(moved), confd, HOST).message,
    `${PREFIX} nginx location ^~ /api/confd/1.1/users/import proxy_pass: expected http://127.0.0.1:9486/..., ` +
      'found http://127.0.0.1:9999/1.1/users/import',
  );
});

void test('a location whose proxy_pass may come from an include it does not read is not checked, never passed', () => {
  const text = 'location ^~ /api/confd/ {\n    include /etc/nginx/wazo-confd-proxy.conf;\n}\n';
  const result = checkNginxRoute(confdFacts(text), confd, HOST);
  assert.equal(result.status, 'not-checked');
  assert.equal(
    result.message,
    `${PREFIX} could not be checked: nginx location /api/confd/ has no proxy_pass of its own and includes ` +
      '/etc/nginx/wazo-confd-proxy.conf, which the snapshot does not read',
  );
  const none = checkNginxRoute(confdFacts('location ^~ /api/confd/ {\n}\n'), confd, HOST);
  assert.equal(
    none.message,
    `${PREFIX} nginx location /api/confd/ proxy_pass: expected http://127.0.0.1:9486/, found none`,
  );
});

void test('a file nginx would refuse leaves only its own daemon not checked, naming the file and the line', () => {
  const { nonce, plan } = recordedSnapshotPlan('lab');
  const raw = recordedSnapshot('lab');
  const sections = parseFrames(raw, nonce);
  const confdFile = sections.get('nginx-available')?.get('wazo-confd');
  assert.ok(confdFile, "the lab recording holds wazo-confd's location file");
  sections.get('nginx-available')?.set('wazo-confd', { ...confdFile, stdout: `${confdFile.stdout}\n}\n` });
  const facts = assembleFacts({ sections, plan, raw, gatheredAt: '2026-12-03T07:00:00.000Z' });
  const catalog = loadCatalog(DEFAULT_CATALOG_FILE);
  const results = catalog.services.map((s) => checkNginxRoute(facts, s, 'lab'));
  const lines = confdFile.stdout.split('\n').length + 1;
  assert.deepEqual(
    results.filter((r) => r.status === 'not-checked').map((r) => r.message),
    [
      'wazo-confd on lab: NSC-19-NGINX could not be checked: the fact snapshot could not read nginx-available wazo-confd ' +
        `(nginx: unexpected "}" in /etc/nginx/locations/https-available/wazo-confd:${lines})`,
    ],
  );
  assert.deepEqual(
    results.filter((r) => r.status === 'passed').map((r) => r.service),
    [
      'wazo-auth',
      'wazo-calld',
      'wazo-dird',
      'wazo-agentd',
      'wazo-chatd',
      'wazo-webhookd',
      'wazo-plugind',
    ].concat(['wazo-call-logd', 'wazo-websocketd', 'wazo-setupd', 'wazo-provd', 'wazo-amid']),
  );
});

void test("the lab's location files (recorded from the lab) pass in Wazo's shape", () => {
  const expected: Record<string, string> = {
    'wazo-auth':
      'nginx /api/auth/ proxies to http://127.0.0.1:9497/ (the catalog port 9497) and 2 narrower locations to the same port',
    'wazo-confd':
      'nginx /api/confd/ proxies to http://127.0.0.1:9486/ (the catalog port 9486) and 1 narrower location to the same port',
    'wazo-provd': 'nginx /api/provd/ proxies to http://127.0.0.1:8666/ (the catalog port 8666)',
  };
  for (const [name, summary] of Object.entries(expected)) {
    const daemon = service(name);
    const facts = healthyFacts([daemon]);
    const text = recorded('nginx-available', `lab-${name}`).stdout;
    facts.nginxLocations = parseNginxLocations(name, text).map((l) => ({ ...l, enabled: true }));
    assert.equal(checkNginxRoute(facts, daemon, HOST).message, `${name} on ${HOST}: NSC-19-NGINX ${summary}`);
  }
});
