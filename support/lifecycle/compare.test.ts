// Baseline comparison on constructed facts: reboot (NSC-10), upgrade (NSC-11), HA slave after upgrade (NSC-12).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalog, service } from '../checks/testing/catalog.ts';
import { healthyFacts } from '../checks/testing/healthy-host.ts';
import type { HostFacts } from '../facts/types.ts';
import { checkAfterReboot, checkAfterUpgrade } from './compare.ts';
import { checkSlaveStateAfterUpgrade } from './ha-slave.ts';
import { hostStateFrom } from './host-state.ts';
import type { HostState } from './host-state.ts';
import { hostStateProblems } from './state-file.ts';

const confd = service('wazo-confd');
const T0 = 1_795_000_000;

function factsAt(pid1: number, started: number, version: string, nRestarts = 0): HostFacts {
  const facts = healthyFacts(catalog.services);
  facts.pid1StartedAt = pid1;
  facts.bootId = 'boot-a';
  facts.hostTime = started + 60;
  for (const proc of facts.processes.values()) proc.startedAt = started;
  for (const props of facts.units.values()) props['NRestarts'] = String(nRestarts);
  for (const s of catalog.services) {
    const info = facts.packages.get(s.package);
    if (info) info.version = version;
  }
  return facts;
}

const baseline = (): HostState => hostStateFrom(factsAt(T0, T0 + 5, '24.16.1'), catalog.services, 'lab');

void test('a baseline round-trips through its schema', () => {
  assert.deepEqual(hostStateProblems(JSON.parse(JSON.stringify(baseline()))), []);
  assert.deepEqual(hostStateProblems({ ...baseline(), version: 2 }), [
    'version: 2 is not allowed: the format version, 1',
  ]);
});

void test('after a reboot: a daemon that ran before runs again, started after the reboot', () => {
  const now = factsAt(T0 + 600, T0 + 605, '24.16.1');
  const result = checkAfterReboot(now, confd, 'lab', baseline());
  assert.equal(result.status, 'passed', result.message);
});

void test('after a reboot: a daemon that did not come back fails, naming what was expected and seen', () => {
  const now = factsAt(T0 + 600, T0 + 605, '24.16.1');
  const props = now.units.get(confd.unit)!;
  props['ActiveState'] = 'inactive';
  props['UnitFileState'] = 'disabled';
  const result = checkAfterReboot(now, confd, 'lab', baseline());
  assert.equal(result.status, 'failed');
  assert.equal(
    result.message,
    'wazo-confd on lab: NSC-10 unit wazo-confd.service: expected active, found inactive; unit wazo-confd.service: expected enabled, found disabled',
  );
});

void test('after a reboot: a restart loop fails', () => {
  const now = factsAt(T0 + 600, T0 + 605, '24.16.1', 7);
  const result = checkAfterReboot(now, confd, 'lab', baseline());
  assert.equal(
    result.message,
    'wazo-confd on lab: NSC-10 unit wazo-confd.service: expected at most 2 automatic restarts, found NRestarts=7: restarting in a loop',
  );
});

void test('no reboot since the baseline: not checked, saying what PID 1 shows', () => {
  const result = checkAfterReboot(factsAt(T0, T0 + 5, '24.16.1'), confd, 'lab', baseline());
  assert.equal(result.status, 'not-checked');
  assert.match(
    result.message,
    /the host was not rebooted since the baseline of .*: PID 1 started at 2026-11-18T\S+ before, 2026-11-18T\S+ now; boot id unchanged$/,
  );
});

void test('without a baseline: checks what it can and says what it could not', () => {
  const result = checkAfterReboot(factsAt(T0, T0 + 5, '24.16.1'), confd, 'lab', undefined);
  assert.equal(result.status, 'passed');
  assert.match(result.message, /no baseline: cannot tell whether wazo-confd ran before the reboot$/);
});

void test('after an upgrade: restarted on a new version passes; the same version or process fails', () => {
  const good = checkAfterUpgrade(factsAt(T0, T0 + 900, '24.16.2'), confd, 'lab', baseline());
  assert.equal(good.status, 'passed', good.message);
  const stale = checkAfterUpgrade(factsAt(T0, T0 + 5, '24.16.1'), confd, 'lab', baseline());
  assert.equal(
    stale.message,
    'wazo-confd on lab: NSC-11 unit wazo-confd.service: expected started after the baseline (2026-11-18T11:07:45Z), found started at 2026-11-18T11:06:45Z; ' +
      "package wazo-confd: expected a version other than the baseline's 24.16.1, found 24.16.1; " +
      'unit wazo-confd.service: expected restarted by the upgrade, found the same process (MainPID=1000)',
  );
  const wrong = checkAfterUpgrade(factsAt(T0, T0 + 900, '24.16.2'), confd, 'lab', baseline(), {
    version: '24.16.3',
  });
  assert.equal(
    wrong.message,
    'wazo-confd on lab: NSC-11 package wazo-confd: expected version 24.16.3, found 24.16.2',
  );
});

void test('HA slave after an upgrade: a gated daemon running because the disabled file is gone fails', () => {
  const calld = catalog.services.find((s) => s.disabledGated)!;
  const facts = factsAt(T0, T0 + 900, '24.16.2');
  facts.monit = { running: false, processes: [] };
  const result = checkSlaveStateAfterUpgrade(facts, calld, 'lab', { wazoDisabled: true });
  assert.equal(
    result.message,
    `${calld.name} on lab: NSC-12 on an HA slave: expected stopped (its unit is gated by /var/lib/wazo/disabled, which is absent), found running`,
  );
  assert.equal(checkSlaveStateAfterUpgrade(facts, confd, 'lab', { wazoDisabled: true }).status, 'passed');
});

void test('after a reboot: a unit seen starting seconds before /proc/1 but after the baseline passes', () => {
  const now = factsAt(T0 + 600, T0 + 597, '24.16.1');
  assert.equal(checkAfterReboot(now, confd, 'lab', baseline()).status, 'passed');
  const stale = factsAt(T0 + 600, T0 + 5, '24.16.1');
  assert.match(
    checkAfterReboot(stale, confd, 'lab', baseline()).message,
    /expected started after the baseline, before the reboot \(2026-11-18T11:07:45Z\), found started at 2026-11-18T11:06:45Z$/,
  );
});
