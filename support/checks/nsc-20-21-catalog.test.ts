// NSC-20 (Debian packaging), NSC-21 (no pip installs under /usr/local) and the catalog coverage check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCatalogCoverage } from './catalog-coverage.ts';
import { builtFor, checkDebianPackaging } from './nsc-20-packaging.ts';
import { checkDebianDependencies, NSC21_HOST_WIDE } from './nsc-21-dependencies.ts';
import { catalog, service } from './testing/catalog.ts';
import { HOST, healthyFacts } from './testing/healthy-host.ts';

const amid = service('wazo-amid');

void test('builtFor() reads the Debian release a version names', () => {
  assert.equal(builtFor('1.2+deb12u1'), '12');
  assert.equal(builtFor('25.01~bookworm1'), 'bookworm');
  assert.equal(builtFor('25.14'), undefined);
  assert.equal(builtFor('2.0+trixie'), 'trixie');
});

void test('NSC-20 passes for an arch-all package without a release marker', () => {
  const result = checkDebianPackaging(healthyFacts([amid]), amid, HOST);
  assert.equal(
    result.message,
    'wazo-amid on 127.0.0.1: NSC-20 wazo-amid 25.14 (all) installed from a Debian package',
  );
  assert.deepEqual(result.evidence, [
    'package wazo-amid: install ok installed version=25.14 architecture=all',
    'host: Debian 12.7, architecture amd64',
    'version 25.14 names no Debian release (accepted)',
  ]);
});

void test('NSC-20 fails on a foreign architecture and a package built for another release', () => {
  const facts = healthyFacts([amid]);
  facts.packages.set('wazo-amid', {
    name: 'wazo-amid',
    status: 'install ok installed',
    version: '25.14+deb11u1',
    architecture: 'arm64',
  });
  assert.equal(
    checkDebianPackaging(facts, amid, HOST).message,
    'wazo-amid on 127.0.0.1: NSC-20 package wazo-amid architecture: expected all or amd64, found arm64; ' +
      'package wazo-amid 25.14+deb11u1: expected built for Debian 12 (bookworm), found built for 11',
  );
  facts.packages.delete('wazo-amid');
  assert.equal(
    checkDebianPackaging(facts, amid, HOST).message,
    'wazo-amid on 127.0.0.1: NSC-20 package wazo-amid: expected install ok installed, found not installed',
  );
});

void test('NSC-21 passes when nothing is pip-installed under /usr/local, and says where it looked', () => {
  const facts = healthyFacts([amid]);
  const result = checkDebianDependencies(facts, amid, HOST);
  assert.equal(result.status, 'passed');
  assert.equal(
    result.message,
    'wazo-amid on 127.0.0.1: NSC-21 no Python package installed outside Debian ' +
      '(pip metadata searched in /usr/local/lib/python3.11/dist-packages)',
  );
  assert.deepEqual(result.evidence, [
    'python packages /usr/local/lib/python3.11/dist-packages: no dist-info or egg-info',
  ]);
  facts.usrLocalPython = [];
  assert.equal(
    checkDebianDependencies(facts, amid, HOST).message,
    'wazo-amid on 127.0.0.1: NSC-21 no Python package installed outside Debian (no /usr/local/lib/python3* package directory)',
  );
});

void test('NSC-21 names every pip install and its directory, on each daemon (a host-wide finding)', () => {
  const phoned = service('wazo-phoned');
  const facts = healthyFacts([amid, phoned]);
  facts.usrLocalPython = [
    { dir: '/usr/local/lib/python3.11/dist-packages', entries: ['netaddr-0.10.0.dist-info'] },
    { dir: '/usr/local/lib/python3.11/site-packages', entries: ['legacy_tool-0.1.egg-info'] },
  ];
  const result = checkDebianDependencies(facts, phoned, HOST);
  assert.equal(result.status, 'failed');
  assert.equal(
    result.message,
    'wazo-phoned on 127.0.0.1: NSC-21 Python packages installed outside Debian: ' +
      'netaddr-0.10.0 in /usr/local/lib/python3.11/dist-packages, legacy_tool-0.1 in /usr/local/lib/python3.11/site-packages: ' +
      'expected none (dependencies must be Debian packages)',
  );
  assert.deepEqual(result.evidence, [
    'python packages /usr/local/lib/python3.11/dist-packages: netaddr-0.10.0.dist-info',
    'python packages /usr/local/lib/python3.11/site-packages: legacy_tool-0.1.egg-info',
    NSC21_HOST_WIDE,
  ]);
  assert.equal(checkDebianDependencies(facts, amid, HOST).status, 'failed');
});

void test('NSC-21 is not checked when the listing failed, and not applicable where the catalog says so', () => {
  const facts = healthyFacts([amid]);
  facts.usrLocalPython = null;
  facts.errors.push({
    section: 'python-local',
    exitCode: 1,
    stderr: 'cannot read /usr/local/lib/python3.11/site-packages',
    message:
      'listing /usr/local Python packages exited with 1: cannot read /usr/local/lib/python3.11/site-packages',
  });
  const result = checkDebianDependencies(facts, amid, HOST);
  assert.equal(result.status, 'not-checked');
  assert.equal(
    result.message,
    'wazo-amid on 127.0.0.1: NSC-21 could not be checked: the fact snapshot could not read python-local ' +
      '(listing /usr/local Python packages exited with 1: cannot read /usr/local/lib/python3.11/site-packages)',
  );
  const exempt = {
    ...amid,
    checklist: {
      applies: amid.checklist.applies.filter((i) => i !== 'NSC-21'),
      notApplicable: { ...amid.checklist.notApplicable, 'NSC-21': 'not a Python daemon' },
    },
  };
  assert.equal(checkDebianDependencies(facts, exempt, HOST).message, 'not applicable: not a Python daemon');
});

void test('CATALOG passes when every wazo-* unit is catalogued and names the strangers otherwise', () => {
  const facts = healthyFacts(catalog.services);
  assert.equal(
    checkCatalogCoverage(facts, catalog, HOST).message,
    'catalog on 127.0.0.1: CATALOG names all 18 wazo-* daemon units of the host',
  );
  facts.unitFileStates.set('wazo-newd.service', 'enabled');
  const result = checkCatalogCoverage(facts, catalog, HOST);
  assert.equal(result.status, 'failed');
  assert.equal(
    result.message,
    `catalog on 127.0.0.1: CATALOG unit wazo-newd.service: expected in the catalog ${catalog.file}, found a daemon the catalog does not name`,
  );
});

void test('CATALOG cannot check without the unit-files section', () => {
  const facts = healthyFacts([amid]);
  facts.errors.push({
    section: 'unit-files',
    key: 'wazo',
    exitCode: 1,
    stderr: 'Failed to connect to bus\n',
  });
  const result = checkCatalogCoverage(facts, catalog, HOST);
  assert.equal(result.status, 'not-checked');
  assert.equal(
    result.message,
    'catalog on 127.0.0.1: CATALOG could not be checked: the fact snapshot could not read unit-files (Failed to connect to bus)',
  );
});
