// NSC-12 after an upgrade: which hosts count as slaves, the wording shared with the static check, and the shipped
// waiver file waiving exactly the deviation Wazo itself causes (WAZO-2999).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { catalog, service } from '../checks/testing/catalog.ts';
import { healthyFacts } from '../checks/testing/healthy-host.ts';
import { loadWaivers, settle } from '../checks/waivers.ts';
import { checkSlaveStateAfterUpgrade } from './ha-slave.ts';

const WAIVERS = fileURLToPath(new URL('../../fixtures/waivers/ha-slave-after-upgrade.yml', import.meta.url));
const NOW = new Date('2026-11-28T08:00:00Z');
const WAS_SLAVE = { wazoDisabled: true };
const WAS_NOT_SLAVE = { wazoDisabled: false };

/** Right after wazo-upgrade on a slave: the flag is gone, everything runs again, monit included. */
function upgradedSlave() {
  return healthyFacts(catalog.services);
}

void test('after wazo-upgrade every gated daemon and monit run: failed, and waived by the shipped file', () => {
  const facts = upgradedSlave();
  const waivers = loadWaivers(WAIVERS);
  const gated = catalog.services.filter((s) => s.disabledGated);
  assert.equal(gated.length, 9);
  for (const daemon of gated) {
    const result = checkSlaveStateAfterUpgrade(facts, daemon, 'lab', WAS_SLAVE);
    assert.equal(
      result.message,
      `${daemon.name} on lab: NSC-12 on an HA slave: expected stopped (its unit is gated by /var/lib/wazo/disabled, which is absent), found running; ` +
        'on an HA slave: expected monit stopped, found running',
    );
    const settled = settle(result, waivers, NOW);
    assert.equal(settled.status, 'waived', daemon.name);
    assert.match(settled.message, /^waived: wazo-upgrade runs wazo-service enable, .* \(until 2027-06-30\)$/);
  }
});

void test('the shipped waiver file waives exactly the 9 gated daemons, NSC-12 only', () => {
  const waivers = loadWaivers(WAIVERS);
  const gated = catalog.services.filter((s) => s.disabledGated).map((s) => s.name);
  assert.deepEqual(waivers.map((w) => w.service).sort(), [...gated].sort());
  assert.deepEqual([...new Set(waivers.map((w) => `${w.hostPattern} ${w.item}`))], ['* NSC-12']);
});

void test('evidence: the flag before and now, monit, and the daemon', () => {
  const calld = service('wazo-calld');
  const result = checkSlaveStateAfterUpgrade(upgradedSlave(), calld, 'lab', WAS_SLAVE);
  assert.deepEqual(result.evidence.slice(0, 4), [
    '/var/lib/wazo/disabled before: present',
    '/var/lib/wazo/disabled: absent',
    '/var/lib/wazo/is-secondary: absent',
    'monit: running',
  ]);
  assert.match(result.evidence[4] ?? '', /^now: unit wazo-calld\.service ActiveState=active /);
});

void test('a non-gated daemon that stopped on a slave fails and is not waived', () => {
  const facts = upgradedSlave();
  const confd = service('wazo-confd');
  facts.units.get(confd.unit)!['ActiveState'] = 'inactive';
  const result = checkSlaveStateAfterUpgrade(facts, confd, 'lab', WAS_SLAVE);
  assert.equal(result.message, 'wazo-confd on lab: NSC-12 on an HA slave: expected running, found inactive');
  assert.equal(settle(result, loadWaivers(WAIVERS), NOW).status, 'failed');
});

void test('with the disabled file present, monit running fails the gated daemons, even without a prior state', () => {
  const facts = healthyFacts(catalog.services);
  facts.wazoDisabled = true;
  const calld = service('wazo-calld');
  facts.units.get(calld.unit)!['ActiveState'] = 'inactive';
  const result = checkSlaveStateAfterUpgrade(facts, calld, 'lab');
  assert.equal(
    result.message,
    'wazo-calld on lab: NSC-12 on an HA slave: expected monit stopped, found running',
  );
  facts.monit = { running: false, processes: [] };
  assert.equal(
    checkSlaveStateAfterUpgrade(facts, calld, 'lab').message,
    'wazo-calld on lab: NSC-12 stopped on an HA slave, as expected',
  );
});

void test('a host that was not a slave before the upgrade is not applicable, saying why', () => {
  const calld = service('wazo-calld');
  const result = checkSlaveStateAfterUpgrade(upgradedSlave(), calld, 'lab', WAS_NOT_SLAVE);
  assert.equal(result.status, 'not-applicable');
  assert.equal(
    result.message,
    'not applicable: this host is not an HA slave: /var/lib/wazo/disabled and /var/lib/wazo/is-secondary are absent, ' +
      'and were absent when the state before the upgrade was recorded',
  );
});

void test('without the flag and without a prior state the run cannot tell a slave: not applicable', () => {
  const result = checkSlaveStateAfterUpgrade(upgradedSlave(), service('wazo-calld'), 'lab');
  assert.equal(
    result.message,
    'not applicable: this host is not an HA slave: /var/lib/wazo/disabled and /var/lib/wazo/is-secondary are absent, ' +
      'and no state recorded before the upgrade (--baseline) says otherwise',
  );
});

void test('without a prior state, the HA sentinel that wazo-upgrade keeps tells a slave: the gated daemons fail', () => {
  const facts = upgradedSlave();
  facts.wazoSecondary = true;
  const result = checkSlaveStateAfterUpgrade(facts, service('wazo-calld'), 'lab');
  assert.equal(result.status, 'failed');
  assert.equal(
    result.message,
    'wazo-calld on lab: NSC-12 on an HA slave: expected stopped (its unit is gated by /var/lib/wazo/disabled, which is absent), found running; on an HA slave: expected monit stopped, found running',
  );
});

void test('a daemon the catalog exempts from NSC-12 is not applicable on a slave, with the catalog reason', () => {
  const setupd = service('wazo-setupd');
  assert.equal(setupd.haSlave, null);
  const result = checkSlaveStateAfterUpgrade(upgradedSlave(), setupd, 'lab', WAS_SLAVE);
  assert.equal(
    result.message,
    'not applicable: one-shot setup daemon: the HA scripts do not manage it (xivo-config:sbin/xivo-manage-slave-services)',
  );
});
