// NSC-09 (installed), NSC-10 (starts on boot) and NSC-12 (HA slave state) on healthy and broken hosts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkInstalled } from './nsc-09-installed.ts';
import { checkStartsOnBoot } from './nsc-10-boot.ts';
import { checkHaSlaveState } from './nsc-12-ha-slave.ts';
import { service } from './testing/catalog.ts';
import { HOST, healthyFacts } from './testing/healthy-host.ts';

const calld = service('wazo-calld');
const confd = service('wazo-confd');

void test('NSC-09 passes on a complete install', () => {
  assert.equal(
    checkInstalled(healthyFacts([calld]), calld, HOST).message,
    'wazo-calld on 127.0.0.1: NSC-09 package 25.14 installed, unit enabled, user, config and log files present',
  );
});

void test('NSC-09 lists every missing piece at once', () => {
  const facts = healthyFacts([calld]);
  facts.packages.set('wazo-calld', {
    name: 'wazo-calld',
    status: 'deinstall ok config-files',
    version: '25.14',
    architecture: 'all',
  });
  facts.units.get('wazo-calld.service')!['UnitFileState'] = 'disabled';
  facts.passwd.delete('www-data');
  facts.files.set('/etc/wazo-calld/conf.d/', { path: '/etc/wazo-calld/conf.d/', exists: false });
  assert.equal(
    checkInstalled(facts, calld, HOST).message,
    'wazo-calld on 127.0.0.1: NSC-09 package wazo-calld: expected install ok installed, found deinstall ok config-files; ' +
      'unit wazo-calld.service: expected enabled, found disabled; user www-data: expected present in passwd, found absent; ' +
      '/etc/wazo-calld/conf.d/: expected present, found absent',
  );
});

void test('NSC-09 reports an unknown unit', () => {
  const facts = healthyFacts([calld]);
  facts.units.set('wazo-calld.service', { Id: 'wazo-calld.service', LoadState: 'not-found' });
  assert.equal(
    checkInstalled(facts, calld, HOST).message,
    'wazo-calld on 127.0.0.1: NSC-09 unit wazo-calld.service: expected loaded, found not-found',
  );
});

void test('NSC-10 passes when enabled for multi-user.target and fails otherwise', () => {
  const facts = healthyFacts([calld]);
  assert.equal(
    checkStartsOnBoot(facts, calld, HOST).message,
    'wazo-calld on 127.0.0.1: NSC-10 enabled, wanted by multi-user.target',
  );
  Object.assign(facts.units.get('wazo-calld.service')!, { UnitFileState: 'disabled', WantedBy: '' });
  assert.equal(
    checkStartsOnBoot(facts, calld, HOST).message,
    'wazo-calld on 127.0.0.1: NSC-10 unit wazo-calld.service: expected enabled, found disabled; ' +
      'unit wazo-calld.service WantedBy=: expected multi-user.target, found nothing',
  );
});

void test('NSC-12 is not applicable on a host that is not an HA slave', () => {
  const result = checkHaSlaveState(healthyFacts([calld]), calld, HOST);
  assert.equal(result.status, 'not-applicable');
  assert.equal(
    result.message,
    'not applicable: this host is not an HA slave: /var/lib/wazo/disabled is absent',
  );
});

void test('NSC-12 on a slave whose disabled file is gone (master down, or just upgraded) is not applicable, saying so', () => {
  const facts = healthyFacts([calld]);
  facts.wazoSecondary = true;
  assert.equal(
    checkHaSlaveState(facts, calld, HOST).message,
    'not applicable: this HA slave (/var/lib/wazo/is-secondary) has no /var/lib/wazo/disabled: it runs everything, ' +
      'as when its master is down (xivo-manage-slave-services start) or right after wazo-upgrade; ' +
      'the after-upgrade scenarios check the latter',
  );
});

/** A slave as xivo-manage-slave-services "stop" leaves it: the flag, calld (gated) and monit stopped, confd running. */
function slaveFacts() {
  const facts = healthyFacts([calld, confd]);
  facts.wazoDisabled = true;
  facts.monit = { running: false, processes: [] };
  Object.assign(facts.units.get('wazo-calld.service')!, { ActiveState: 'inactive', MainPID: '0' });
  return facts;
}

void test('NSC-12 on a slave: gated daemons and monit stopped, the others running', () => {
  const facts = slaveFacts();
  const result = checkHaSlaveState(facts, calld, HOST);
  assert.equal(result.message, 'wazo-calld on 127.0.0.1: NSC-12 stopped on an HA slave, as expected');
  assert.deepEqual(result.evidence.slice(0, 3), [
    '/var/lib/wazo/disabled: present',
    '/var/lib/wazo/is-secondary: absent',
    'monit: stopped',
  ]);
  assert.match(result.evidence[3] ?? '', /^unit wazo-calld\.service: ActiveState=inactive /);
  assert.equal(
    checkHaSlaveState(facts, confd, HOST).message,
    'wazo-confd on 127.0.0.1: NSC-12 running on an HA slave, as expected',
  );
});

void test('NSC-12 on a slave: a gated daemon running and a non-gated one down both fail, naming what differs', () => {
  const facts = slaveFacts();
  Object.assign(facts.units.get('wazo-calld.service')!, { ActiveState: 'active', MainPID: '1000' });
  Object.assign(facts.units.get('wazo-confd.service')!, { ActiveState: 'failed', MainPID: '0' });
  assert.equal(
    checkHaSlaveState(facts, calld, HOST).message,
    'wazo-calld on 127.0.0.1: NSC-12 on an HA slave: expected stopped (its unit is gated by /var/lib/wazo/disabled, which is present), found running',
  );
  assert.equal(
    checkHaSlaveState(facts, confd, HOST).message,
    'wazo-confd on 127.0.0.1: NSC-12 on an HA slave: expected running, found failed',
  );
});

void test('NSC-12 on a slave: monit running fails the gated daemons only, with every mismatch at once', () => {
  const facts = slaveFacts();
  facts.monit = { running: true, processes: [] };
  assert.equal(
    checkHaSlaveState(facts, calld, HOST).message,
    'wazo-calld on 127.0.0.1: NSC-12 on an HA slave: expected monit stopped, found running',
  );
  assert.equal(checkHaSlaveState(facts, confd, HOST).status, 'passed');
  Object.assign(facts.units.get('wazo-calld.service')!, { ActiveState: 'active', MainPID: '1000' });
  assert.equal(
    checkHaSlaveState(facts, calld, HOST).message,
    'wazo-calld on 127.0.0.1: NSC-12 on an HA slave: expected stopped (its unit is gated by /var/lib/wazo/disabled, which is present), found running; ' +
      'on an HA slave: expected monit stopped, found running',
  );
});
