// The package-owned directories of NSC-09's leftover check: the default, a user catalog's override, bad values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadCatalog } from './load.ts';
import { DEFAULT_CATALOG_FILE } from '../config/defaults.ts';
import { findService } from './lookup.ts';
import { ownedDirsSource, packageOwnedDirs } from './owned-dirs.ts';
import type { ServiceEntry } from './types.ts';

const shipped = loadCatalog(DEFAULT_CATALOG_FILE);
const dir = mkdtempSync(join(tmpdir(), 'wla-owned-dirs-'));

function userCatalog(name: string, changes: Partial<ServiceEntry>): string {
  const entry = { ...findService(shipped, 'wazo-confd'), ...changes };
  const file = join(dir, name);
  writeFileSync(file, stringify({ version: 1, extends: 'default', services: [entry] }));
  return file;
}

void test('by default: the directories of the config files, never conf.d/', () => {
  for (const service of shipped.services) {
    assert.deepEqual(packageOwnedDirs(service), [`/etc/${service.name}/`], service.name);
    assert.equal(ownedDirsSource(service), 'default');
  }
  const confd = findService(shipped, 'wazo-confd');
  const files = { ...confd, configPaths: ['/etc/a/x.yml', '/etc/a/y.yml', '/etc/b/conf.d/', '/opt/z.json'] };
  assert.deepEqual(packageOwnedDirs(files), ['/etc/a/', '/opt/']);
  assert.deepEqual(packageOwnedDirs({ ...confd, configPaths: ['/etc/wazo-confd/conf.d/'] }), []);
});

void test('a user catalog may list its own directories, or [] to turn the check off', () => {
  const listed = loadCatalog(
    userCatalog('listed.yml', { packageOwnedDirs: ['/etc/wazo-confd/', '/etc/extra dir/'] }),
  );
  const confd = findService(listed, 'wazo-confd');
  assert.deepEqual(packageOwnedDirs(confd), ['/etc/wazo-confd/', '/etc/extra dir/']);
  assert.equal(ownedDirsSource(confd), 'catalog');
  const off = findService(loadCatalog(userCatalog('off.yml', { packageOwnedDirs: [] })), 'wazo-confd');
  assert.deepEqual(packageOwnedDirs(off), []);
  assert.equal(ownedDirsSource(off), 'catalog');
});

void test('a directory must be absolute, end in / and be listed once', () => {
  const file = userCatalog('bad.yml', { packageOwnedDirs: ['/etc/wazo-confd', 'etc/x/', '/etc//x/'] });
  assert.throws(() => loadCatalog(file), {
    code: 'CATALOG_ERROR',
    message:
      `catalog ${file} is invalid (3 problems):\n` +
      '  services[0] (wazo-confd).packageOwnedDirs[0]: "/etc/wazo-confd" is not allowed: an absolute directory path ending in /, without // (e.g. /etc/wazo-confd/)\n' +
      '  services[0] (wazo-confd).packageOwnedDirs[1]: "etc/x/" is not allowed: an absolute directory path ending in /, without // (e.g. /etc/wazo-confd/)\n' +
      '  services[0] (wazo-confd).packageOwnedDirs[2]: "/etc//x/" is not allowed: an absolute directory path ending in /, without // (e.g. /etc/wazo-confd/)',
  });
  const twice = userCatalog('twice.yml', { packageOwnedDirs: ['/etc/a/', '/etc/a/'] });
  assert.throws(() => loadCatalog(twice), {
    code: 'CATALOG_ERROR',
    message:
      `catalog ${twice} is invalid (1 problem):\n` +
      '  services[0] (wazo-confd).packageOwnedDirs: ["/etc/a/","/etc/a/"] is not allowed: a list of directories ending in / whose files must all belong to an installed package (optional; [] turns the NSC-09 leftover check off)',
  });
});
