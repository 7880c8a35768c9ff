// NSC-12 after an upgrade: the shipped waiver file waives exactly the deviation Wazo itself causes (WAZO-2999).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { catalog, service } from '../checks/testing/catalog.ts';
import { healthyFacts } from '../checks/testing/healthy-host.ts';
import { loadWaivers, settle } from '../checks/verdict.ts';
import { checkSlaveStateAfterUpgrade } from './ha-slave.ts';

const WAIVERS = fileURLToPath(new URL('../../fixtures/waivers/ha-slave-after-upgrade.yml', import.meta.url));
const NOW = new Date('2026-11-28T08:00:00Z');

void test('after wazo-upgrade every gated daemon runs: failed, and waived by the shipped file', () => {
  const facts = healthyFacts(catalog.services);
  facts.monit = { running: false, processes: [] };
  const waivers = loadWaivers(WAIVERS);
  const gated = catalog.services.filter((s) => s.disabledGated);
  assert.equal(gated.length, 9);
  for (const daemon of gated) {
    const result = checkSlaveStateAfterUpgrade(facts, daemon, 'lab');
    assert.equal(result.status, 'failed', result.message);
    assert.equal(settle(result, waivers, NOW).status, 'waived', daemon.name);
  }
});

void test('a non-gated daemon that stopped on a slave is not waived', () => {
  const facts = healthyFacts(catalog.services);
  const confd = service('wazo-confd');
  facts.units.get(confd.unit)!['ActiveState'] = 'inactive';
  const result = checkSlaveStateAfterUpgrade(facts, confd, 'lab');
  assert.equal(result.message, 'wazo-confd on lab: NSC-12 on an HA slave: expected running, found inactive');
  assert.equal(settle(result, loadWaivers(WAIVERS), NOW).status, 'failed');
});

void test('on a slave with the disabled file, monit running fails the gated daemons', () => {
  const facts = healthyFacts(catalog.services);
  facts.wazoDisabled = true;
  const calld = service('wazo-calld');
  facts.units.get(calld.unit)!['ActiveState'] = 'inactive';
  const result = checkSlaveStateAfterUpgrade(facts, calld, 'lab');
  assert.equal(
    result.message,
    'wazo-calld on lab: NSC-12 on an HA slave: expected monit stopped, found running',
  );
});
