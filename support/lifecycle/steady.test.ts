// Two looks at a daemon a window apart (the destructive scenarios): a new main process or new restarts is a loop.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalog, service } from '../checks/testing/catalog.ts';
import { healthyFacts } from '../checks/testing/healthy-host.ts';
import type { HostFacts } from '../facts/types.ts';
import { checkAfterReboot, checkAfterUpgrade } from './compare.ts';
import { hostStateFrom } from './host-state.ts';

const dird = service('wazo-dird');
const T0 = 1_795_000_000;

function look(mainPid: number, nRestarts: number, version = '24.16.1'): HostFacts {
  const facts = healthyFacts(catalog.services);
  facts.pid1StartedAt = T0 + 600;
  facts.hostTime = T0 + 700;
  for (const proc of facts.processes.values()) proc.startedAt = T0 + 605;
  const props = facts.units.get(dird.unit)!;
  const proc = facts.processes.get(Number(props['MainPID']))!;
  facts.processes.set(mainPid, { ...proc, pid: mainPid });
  props['MainPID'] = String(mainPid);
  props['NRestarts'] = String(nRestarts);
  facts.packages.get(dird.package)!.version = version;
  return facts;
}

function baseline() {
  const facts = look(100, 0);
  facts.pid1StartedAt = T0;
  facts.hostTime = T0 + 60;
  for (const proc of facts.processes.values()) proc.startedAt = T0 + 5;
  return hostStateFrom(facts, catalog.services, 'lab');
}

void test('seen twice with the same process and no new restart: steady, and the earlier look is evidence', () => {
  const observed = { earlier: look(4242, 0), windowS: 15 };
  const result = checkAfterReboot(look(4242, 0), dird, 'lab', baseline(), observed);
  assert.equal(result.status, 'passed', result.message);
  assert.ok(result.evidence.some((line) => line.startsWith('15 s earlier: unit wazo-dird.service')));
});

void test('a daemon running at the first look but restarted before the second fails NSC-10 as a loop', () => {
  const observed = { earlier: look(4242, 0), windowS: 15 };
  const result = checkAfterReboot(look(4300, 1), dird, 'lab', baseline(), observed);
  assert.equal(
    result.message,
    'wazo-dird on lab: NSC-10 unit wazo-dird.service: expected running steadily over 15 s, found MainPID 4242 -> 4300, NRestarts 0 -> 1: restarting',
  );
  assert.equal(
    checkAfterReboot(look(4300, 1), dird, 'lab', baseline()).status,
    'passed',
    'one look misses it',
  );
});

void test('after an upgrade too; a loop already visible in one look is reported once, as such', () => {
  const observed = { earlier: look(4242, 1, '24.16.2'), windowS: 15 };
  const result = checkAfterUpgrade(look(4250, 2, '24.16.2'), dird, 'lab', baseline(), {}, observed);
  assert.match(
    result.message,
    /expected running steadily over 15 s, found MainPID 4242 -> 4250, NRestarts 1 -> 2: restarting$/,
  );
  const looping = checkAfterUpgrade(look(4250, 9, '24.16.2'), dird, 'lab', baseline(), {}, observed);
  assert.equal(
    looping.message,
    'wazo-dird on lab: NSC-11 unit wazo-dird.service: expected at most 2 automatic restarts, found NRestarts=9 (baseline 0): restarting in a loop',
  );
});

void test('a daemon that did not run before the reboot still fails when it loops now', () => {
  const base = baseline();
  const before = base.daemons.find((d) => d.service === 'wazo-dird')!;
  Object.assign(before, { active: false, activeState: 'activating', subState: 'auto-restart', mainPid: 0 });
  const now = look(0, 3);
  const props = now.units.get(dird.unit)!;
  Object.assign(props, { ActiveState: 'activating', SubState: 'auto-restart' });
  assert.equal(
    checkAfterReboot(now, dird, 'lab', base).message,
    'wazo-dird on lab: NSC-10 unit wazo-dird.service: expected running steadily, found waiting to restart (SubState=auto-restart, NRestarts=3)',
  );
  const steadyNow = look(4242, 0);
  assert.equal(checkAfterReboot(steadyNow, dird, 'lab', base).status, 'passed');
});

void test('without a baseline the two looks still catch a loop (after-reboot run right after the boot)', () => {
  const observed = { earlier: look(4242, 0), windowS: 15 };
  const result = checkAfterReboot(look(4300, 1), dird, 'lab', undefined, observed);
  assert.equal(
    result.message,
    'wazo-dird on lab: NSC-10 unit wazo-dird.service: expected running steadily over 15 s, found MainPID 4242 -> 4300, NRestarts 0 -> 1: restarting',
  );
  const upgrade = checkAfterUpgrade(look(4300, 1, '24.16.2'), dird, 'lab', undefined, {}, observed);
  assert.match(upgrade.message, /NSC-11 unit wazo-dird\.service: expected running steadily over 15 s/);
  const steady = checkAfterReboot(look(4242, 0), dird, 'lab', undefined, observed);
  assert.equal(
    steady.status,
    'not-checked',
    'steady, but without a baseline whether it ran before is unknown',
  );
});
