// NSC-09 leftovers (fresh-install profile): pass, each unowned file named, not applicable, not checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OwnedDirListing } from '../facts/types.ts';
import { checkNoLeftover } from './nsc-09-leftover.ts';
import { service } from './testing/catalog.ts';
import { HOST, healthyFacts } from './testing/healthy-host.ts';

const confd = service('wazo-confd');
const CONFIG = '/etc/wazo-confd/config.yml';

function factsWith(configOwnership: OwnedDirListing[] | null) {
  return { ...healthyFacts([confd]), configOwnership };
}

const clean: OwnedDirListing = {
  dir: '/etc/wazo-confd/',
  exists: true,
  entries: [{ path: CONFIG, owners: [{ name: 'wazo-confd', state: 'ii' }] }],
};

void test('passes when every file of /etc/wazo-confd/ belongs to an installed package, owners as evidence', () => {
  const result = checkNoLeftover(factsWith([clean]), confd, HOST);
  assert.equal(result.status, 'passed');
  assert.equal(
    result.message,
    'wazo-confd on 127.0.0.1: NSC-09 no leftover from an earlier install: ' +
      '1 file in /etc/wazo-confd/, each owned by an installed package (wazo-confd)',
  );
  assert.deepEqual(result.evidence, [
    'package-owned dir /etc/wazo-confd/: 1 file (subdirectories not checked)',
    'dpkg owner of /etc/wazo-confd/config.yml: wazo-confd (ii)',
  ]);
});

void test('fails naming every unowned file in byte order, whatever the order of the facts', () => {
  const listing: OwnedDirListing = {
    dir: '/etc/wazo-confd/',
    exists: true,
    entries: [
      { path: '/etc/wazo-confd/old notes', owners: [] },
      { path: `${CONFIG}.dpkg-old`, owners: [] },
      { path: CONFIG, owners: [{ name: 'wazo-confd', state: 'ii' }] },
      { path: `${CONFIG}.packaged`, owners: [], divertedBy: 'wazo-local' },
      { path: '/etc/wazo-confd/.hidden', owners: [] },
      { path: '/etc/wazo-confd/plugin-old.yml', owners: [{ name: 'wazo-confd-plugin-old', state: 'rc' }] },
      { path: '/etc/wazo-confd/held.yml', owners: [{ name: 'wazo-held', state: 'hi' }] },
    ],
  };
  const result = checkNoLeftover(factsWith([listing]), confd, HOST);
  assert.equal(result.status, 'failed');
  const found =
    'expected owned by an installed package (no leftover from an earlier install), found owned by none';
  assert.equal(
    result.message,
    `wazo-confd on 127.0.0.1: NSC-09 /etc/wazo-confd/.hidden: ${found}; ` +
      `/etc/wazo-confd/config.yml.dpkg-old: ${found}; /etc/wazo-confd/old notes: ${found}; ` +
      '/etc/wazo-confd/plugin-old.yml: expected owned by an installed package (no leftover from an earlier install), ' +
      'found owned only by wazo-confd-plugin-old (dpkg state rc: not installed)',
  );
  assert.deepEqual(result.evidence, [
    'package-owned dir /etc/wazo-confd/: 7 files (subdirectories not checked)',
    'dpkg owner of /etc/wazo-confd/.hidden: none',
    'dpkg owner of /etc/wazo-confd/config.yml: wazo-confd (ii)',
    'dpkg owner of /etc/wazo-confd/config.yml.dpkg-old: none',
    'dpkg owner of /etc/wazo-confd/config.yml.packaged: none (target of a diversion by wazo-local)',
    'dpkg owner of /etc/wazo-confd/held.yml: wazo-held (hi)',
    'dpkg owner of /etc/wazo-confd/old notes: none',
    'dpkg owner of /etc/wazo-confd/plugin-old.yml: wazo-confd-plugin-old (rc)',
  ]);
  listing.entries.reverse();
  assert.equal(checkNoLeftover(factsWith([listing]), confd, HOST).message, result.message);
});

void test('a missing or empty directory has nothing to check: passes, and says so', () => {
  const absent = { dir: '/etc/wazo-confd/', exists: false, entries: [] };
  assert.equal(
    checkNoLeftover(factsWith([absent]), confd, HOST).message,
    'wazo-confd on 127.0.0.1: NSC-09 no leftover from an earlier install: no file in /etc/wazo-confd/ (absent)',
  );
  const several = { ...confd, packageOwnedDirs: ['/etc/wazo-confd/', '/etc/b/'] };
  const empty = { dir: '/etc/b/', exists: true, entries: [] };
  assert.equal(
    checkNoLeftover(factsWith([empty, clean]), several, HOST).message,
    'wazo-confd on 127.0.0.1: NSC-09 no leftover from an earlier install: ' +
      '1 file in /etc/b/, /etc/wazo-confd/, each owned by an installed package (wazo-confd)',
  );
});

void test('not applicable when the catalog lists no directory, or no config file gives a default one', () => {
  assert.equal(
    checkNoLeftover(factsWith(null), { ...confd, packageOwnedDirs: [] }, HOST).message,
    'not applicable: the catalog lists no package-owned directory for wazo-confd (packageOwnedDirs: [])',
  );
  assert.equal(
    checkNoLeftover(factsWith(null), { ...confd, configPaths: ['/etc/wazo-confd/conf.d/'] }, HOST).message,
    'not applicable: wazo-confd has no config file in configPaths, so no directory must hold only packaged files',
  );
  const notListed = { ...confd, checklist: { applies: [], notApplicable: { 'NSC-09': 'not a daemon' } } };
  assert.equal(checkNoLeftover(factsWith([clean]), notListed, HOST).message, 'not applicable: not a daemon');
});

void test('not checked when the section failed or did not list the directory', () => {
  const facts = factsWith(null);
  facts.errors.push({
    section: 'config-ownership',
    exitCode: 2,
    stderr: 'dpkg-query: error: cannot open /var/lib/dpkg/status',
    message: 'config-ownership exited with 2: dpkg-query: error: cannot open /var/lib/dpkg/status',
  });
  const failed = checkNoLeftover(facts, confd, HOST);
  assert.equal(failed.status, 'not-checked');
  assert.equal(
    failed.message,
    'wazo-confd on 127.0.0.1: NSC-09 could not be checked: the fact snapshot could not read ' +
      'config-ownership (config-ownership exited with 2: dpkg-query: error: cannot open /var/lib/dpkg/status)',
  );
  assert.equal(
    checkNoLeftover(factsWith(null), confd, HOST).message,
    'wazo-confd on 127.0.0.1: NSC-09 could not be checked: the fact snapshot has no listing of the package-owned directories',
  );
  assert.equal(
    checkNoLeftover(factsWith([{ ...clean, dir: '/etc/other/' }]), confd, HOST).message,
    'wazo-confd on 127.0.0.1: NSC-09 could not be checked: the fact snapshot did not list the package-owned directory /etc/wazo-confd/',
  );
});
