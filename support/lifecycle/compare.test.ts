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

void test('without a baseline: not checked for what needs one, naming the part that passed', () => {
  const result = checkAfterReboot(factsAt(T0, T0 + 5, '24.16.1'), confd, 'lab', undefined);
  assert.equal(result.status, 'not-checked');
  assert.equal(
    result.message,
    'wazo-confd on lab: NSC-10 could not be checked: no baseline (--baseline): whether wazo-confd ran before the ' +
      'reboot is unknown; the part that needs no baseline passed: enabled, active, started after the boot, not restarting',
  );
  const upgrade = checkAfterUpgrade(factsAt(T0, T0 + 5, '24.16.2'), confd, 'lab', undefined);
  assert.equal(
    upgrade.message,
    'wazo-confd on lab: NSC-11 could not be checked: no baseline (--baseline): whether wazo-confd ran before the ' +
      'upgrade, was restarted by it and changed version is unknown; the part that needs no baseline passed: ' +
      'enabled, active, not restarting, version 24.16.2',
  );
  const exact = checkAfterUpgrade(factsAt(T0, T0 + 5, '24.16.2'), confd, 'lab', undefined, {
    version: '24.16.2',
  });
  assert.match(exact.message, /restarted by it is unknown; .*not restarting, version 24\.16\.2 as expected$/);
});

void test('without a baseline a daemon that is down still fails', () => {
  const now = factsAt(T0, T0 + 5, '24.16.1');
  now.units.get(confd.unit)!['ActiveState'] = 'failed';
  const result = checkAfterReboot(now, confd, 'lab', undefined);
  assert.equal(result.status, 'failed');
  assert.equal(
    result.message,
    'wazo-confd on lab: NSC-10 unit wazo-confd.service: expected active, found failed',
  );
});

void test('a daemon down before and after the change is not applicable, saying so; never a pass', () => {
  const stopped = (facts: HostFacts): HostFacts => {
    facts.units.get(confd.unit)!['ActiveState'] = 'inactive';
    facts.units.get(confd.unit)!['MainPID'] = '0';
    return facts;
  };
  const before = hostStateFrom(stopped(factsAt(T0, T0 + 5, '24.16.1')), catalog.services, 'lab');
  const reboot = checkAfterReboot(stopped(factsAt(T0 + 600, T0 + 605, '24.16.1')), confd, 'lab', before);
  assert.equal(reboot.status, 'not-applicable');
  assert.equal(
    reboot.message,
    'not applicable: wazo-confd did not run before the reboot (baseline: inactive) and does not run now (inactive)',
  );
  const upgrade = checkAfterUpgrade(stopped(factsAt(T0, T0 + 900, '24.16.2')), confd, 'lab', before);
  assert.equal(
    upgrade.message,
    'not applicable: wazo-confd did not run before the upgrade (baseline: inactive) and does not run now (inactive)',
  );
  const started = checkAfterReboot(factsAt(T0 + 600, T0 + 605, '24.16.1'), confd, 'lab', before);
  assert.equal(started.message, 'wazo-confd on lab: NSC-10 did not run before the reboot and runs now');
});

void test('a daemon the baseline does not know is not checked, naming the baseline', () => {
  const before = { ...baseline(), daemons: baseline().daemons.filter((d) => d.service !== 'wazo-confd') };
  const result = checkAfterReboot(factsAt(T0 + 600, T0 + 605, '24.16.1'), confd, 'lab', before);
  assert.equal(result.status, 'not-checked');
  assert.equal(
    result.message,
    'wazo-confd on lab: NSC-10 could not be checked: the baseline has no record of wazo-confd, so whether it ran ' +
      'before the reboot is unknown',
  );
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
