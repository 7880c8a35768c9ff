// Tests the catalog loader on the shipped catalog and on broken copies of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { CatalogError } from '../errors.ts';
import { loadCatalog } from './load.ts';
import { DEFAULT_CATALOG_FILE } from '../config/defaults.ts';

const dir = mkdtempSync(join(tmpdir(), 'wla-catalog-'));
const original = (): { version: number; services: Record<string, unknown>[] } =>
  parse(readFileSync(DEFAULT_CATALOG_FILE, 'utf8')) as {
    version: number;
    services: Record<string, unknown>[];
  };

function writeCatalog(name: string, data: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof data === 'string' ? data : stringify(data));
  return file;
}

function catalogErrorOf(file: string): CatalogError {
  try {
    loadCatalog(file);
  } catch (error) {
    assert.ok(error instanceof CatalogError, `expected CatalogError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected loadCatalog to throw');
}

void test('the shipped catalog names the 18 Wazo daemons of catalog-facts.yml', () => {
  const names = loadCatalog(DEFAULT_CATALOG_FILE).services.map((s) => s.name);
  assert.deepEqual(names.toSorted(), [
    'wazo-agentd',
    'wazo-agid',
    'wazo-amid',
    'wazo-auth',
    'wazo-call-logd',
    'wazo-calld',
    'wazo-chatd',
    'wazo-confd',
    'wazo-confgend',
    'wazo-dird',
    'wazo-dxtora',
    'wazo-phoned',
    'wazo-plugind',
    'wazo-provd',
    'wazo-setupd',
    'wazo-sysconfd',
    'wazo-webhookd',
    'wazo-websocketd',
  ]);
});

void test('a bad port names the entry, the field, the value and what is allowed', () => {
  const data = original();
  (data.services[3]!['ports'] as { port: unknown }[])[0]!.port = 'abc';
  const error = catalogErrorOf(writeCatalog('bad-port.yml', data));
  assert.equal(error.code, 'CATALOG_ERROR');
  assert.equal(
    error.message,
    `catalog ${dir}/bad-port.yml is invalid (1 problem):\n` +
      '  services[3] (wazo-dird).ports[0].port: "abc" is not allowed: an integer from 1 to 65535',
  );
});

void test('a hostile name cannot split or colour the message: control characters are shown escaped', () => {
  const data = original();
  data.services[3]!['name'] = 'wazo-dird\nFAKE: all passed\u001b[32m';
  const error = catalogErrorOf(writeCatalog('hostile-name.yml', data));
  assert.equal(
    error.message,
    `catalog ${dir}/hostile-name.yml is invalid (1 problem):\n` +
      '  services[3] (wazo-dird\\nFAKE: all passed\\u001b[32m).name: "wazo-dird\\nFAKE: all passed\\u001b[32m" ' +
      "is not allowed: a lowercase Debian-style name (letters, digits, '.', '+', '-')",
  );
});

void test('every problem is reported at once: missing field, unknown field, bad enum', () => {
  const data = original();
  delete data.services[0]!['unit'];
  data.services[1]!['prot'] = 1;
  data.services[2]!['supervision'] = 'cron';
  const error = catalogErrorOf(writeCatalog('many.yml', data));
  assert.equal(
    error.message,
    `catalog ${dir}/many.yml is invalid (3 problems):\n` +
      '  services[0] (wazo-confd): missing field "unit"\n' +
      '  services[1] (wazo-auth).prot: unknown field; allowed: name, package, unit, user, group, sharedUser, home, ' +
      'shell, logFiles, pidFile, ports, http, monit, supervision, oneShot, wazoService, consul, configPaths, ' +
      'extraConfigPaths, packageOwnedDirs, backup, haSlave, disabledGated, checklist, sources\n' +
      '  services[2] (wazo-calld).supervision: "cron" is not allowed: monit, systemd-restart or none',
  );
});

void test('a checklist must name every item exactly once', () => {
  const data = original();
  const checklist = data.services[0]!['checklist'] as {
    applies: string[];
    notApplicable: Record<string, string>;
  };
  checklist.applies = checklist.applies.filter((i) => i !== 'NSC-07');
  checklist.applies.push('NSC-05');
  const error = catalogErrorOf(writeCatalog('checklist.yml', data));
  assert.equal(
    error.message,
    `catalog ${dir}/checklist.yml is invalid (2 problems):\n` +
      '  services[0] (wazo-confd).checklist: NSC-05 is in both applies and notApplicable\n' +
      '  services[0] (wazo-confd).checklist: NSC-07 is missing: every item NSC-01..NSC-21 must be in applies or notApplicable',
  );
});

void test('an unknown checklist item in notApplicable is refused', () => {
  const data = original();
  (data.services[0]!['checklist'] as { notApplicable: Record<string, string> }).notApplicable['NSC-22'] =
    'no';
  const error = catalogErrorOf(writeCatalog('item.yml', data));
  assert.match(
    error.message,
    /services\[0\] \(wazo-confd\)\.checklist\.notApplicable\.NSC-22: key "NSC-22" is not allowed: a checklist item ID from NSC-01 to NSC-21/,
  );
});

void test('duplicate names, a PID file outside its directory and an HTTP port not in ports are refused', () => {
  const data = original();
  data.services[1]!['name'] = 'wazo-confd';
  data.services[6]!['pidFile'] = { path: '/run/x.pid', dir: '/run/wazo-webhookd' };
  (data.services[7]!['http'] as { port: number }).port = 9999;
  const error = catalogErrorOf(writeCatalog('rules.yml', data));
  assert.equal(
    error.message,
    `catalog ${dir}/rules.yml is invalid (3 problems):\n` +
      '  services[1] (wazo-confd).name: "wazo-confd" is not allowed: a name not used before (services[0])\n' +
      '  services[6] (wazo-webhookd).pidFile.dir: "/run/wazo-webhookd" is not allowed: the directory holding /run/x.pid\n' +
      '  services[7] (wazo-plugind).http.port: 9999 is not allowed: one of the tcp ports listed in ports (9503)',
  );
});

void test('unreadable and malformed files are CatalogErrors too', () => {
  assert.equal(
    catalogErrorOf(join(dir, 'absent.yml')).message,
    `catalog ${dir}/absent.yml cannot be read (ENOENT)`,
  );
  const error = catalogErrorOf(writeCatalog('broken.yml', 'version: 1\nservices: [\n'));
  assert.match(error.message, new RegExp(`^catalog ${dir}/broken.yml is not valid YAML: `));
  assert.equal(
    catalogErrorOf(writeCatalog('empty.yml', '')).message.split('\n')[1],
    '  catalog: null is not allowed: a catalog object with version 1 and a list of services',
  );
});

void test('extends: default adds a daemon to the shipped catalog and may replace one', () => {
  const data = original();
  const extra = { ...data.services[0]!, name: 'wazo-newd', package: 'wazo-newd', unit: 'wazo-newd.service' };
  const replacement = { ...data.services[1]!, user: 'auth' };
  const catalog = loadCatalog(
    writeCatalog('extends.yml', { version: 1, extends: 'default', services: [extra, replacement] }),
  );
  const names = catalog.services.map((s) => s.name);
  assert.equal(names.length, 19);
  assert.equal(names.at(-1), 'wazo-newd');
  assert.equal(catalog.services.find((s) => s.name === 'wazo-auth')?.user, 'auth');
  assert.equal(catalog.file, `${dir}/extends.yml`);
});

void test('an extends loop and a broken parent are CatalogErrors', () => {
  const one = original().services[0]!;
  writeCatalog('loop-a.yml', { version: 1, extends: 'loop-b.yml', services: [one] });
  writeCatalog('loop-b.yml', { version: 1, extends: 'loop-a.yml', services: [one] });
  assert.equal(
    catalogErrorOf(join(dir, 'loop-a.yml')).message,
    `catalog ${dir}/loop-b.yml extends ${dir}/loop-a.yml, which extends it again: ${dir}/loop-a.yml -> ${dir}/loop-b.yml -> ${dir}/loop-a.yml`,
  );
  writeCatalog('child.yml', { version: 1, extends: 'absent-parent.yml', services: [one] });
  assert.equal(
    catalogErrorOf(join(dir, 'child.yml')).message,
    `catalog ${dir}/absent-parent.yml cannot be read (ENOENT)`,
  );
});

void test('http has no scheme: a daemon serves plain HTTP on its own port since Wazo 20.06, TLS is nginx', () => {
  const data = original();
  (data.services[0]!['http'] as Record<string, unknown>)['scheme'] = 'https';
  const error = catalogErrorOf(writeCatalog('http-scheme.yml', data));
  assert.equal(
    error.message,
    `catalog ${dir}/http-scheme.yml is invalid (1 problem):\n` +
      '  services[0] (wazo-confd).http.scheme: unknown field; allowed: port, version, spec, nginx, routes',
  );
});
