// Tests of the monit, wazo-service, dpkg and unit-file parsers on recorded outputs, including their failure modes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recorded } from '../testing/recorded.ts';
import type { Recorded } from '../testing/recorded.ts';
import { isInstalled, parseDpkgQuery } from './dpkg.ts';
import { parseMonitStatus } from './monit.ts';
import { parseUnitFiles } from './unit-files.ts';
import { parseWazoServiceStatus } from './wazo-service.ts';

const monit = (r: Recorded, daemon?: boolean) => parseMonitStatus(r.stdout, r.stderr, r.rc, daemon);
const wazoService = (r: Recorded) => parseWazoServiceStatus(r.stdout, r.stderr, r.rc);
const dpkg = (r: Recorded) => parseDpkgQuery(r.stdout, r.stderr, r.rc);

void test('monit: Process headers with their status, monitoring status and pid; System blocks ignored', () => {
  const status = monit(recorded('monit', 'running'), true);
  assert.equal(status.running, true);
  assert.equal(status.error, undefined);
  assert.deepEqual(status.processes, [
    { name: 'wazo-provd', status: 'Initializing', monitoringStatus: 'Initializing' },
    { name: 'nginx', status: 'OK', monitoringStatus: 'Monitored', pid: 38 },
  ]);
});

void test("monit: a stopped daemon and a refused socket are facts (not running), with monit's words", () => {
  assert.deepEqual(monit(recorded('monit', 'daemon-stopped'), false), {
    running: false,
    processes: [],
    error: 'the monit daemon is not running',
  });
  assert.deepEqual(monit(recorded('monit', 'connection-refused'), false), {
    running: false,
    processes: [],
    error: 'Cannot create socket to [localhost]:2812 -- Connection refused',
  });
  assert.deepEqual(monit(recorded('monit', 'not-installed'), false), {
    running: false,
    processes: [],
    error: 'monit is not installed',
  });
});

void test('monit: a refused socket while a monit process runs is monit not answering yet (running, with the error)', () => {
  assert.deepEqual(monit(recorded('monit', 'connection-refused'), true), {
    running: true,
    processes: [],
    error: 'Cannot create socket to [localhost]:2812 -- Connection refused',
  });
  // Recorded on the lab (monit 5.33) during `with start delay 45`: monit-start-delay variant.
  assert.deepEqual(monit(recorded('monit', 'start-delay'), true), {
    running: true,
    processes: [],
    error: 'Cannot connect to [localhost]:2812 -- Connection refused',
  });
});

void test('monit: an unreadable control file means monit could not be read', () => {
  assert.throws(() => monit(recorded('monit', 'control-file-unreadable'), true), {
    code: 'REMOTE_COMMAND_FAILED',
    message:
      "monit status exited with 1: Cannot open the control file '/etc/monit/monitrc' -- Permission denied",
  });
});

void test('wazo-service: every "\\t{status}\\t\\t{name}" line, the database lines skipped', () => {
  const status = wazoService(recorded('wazo-service', 'synthetic-all-running'));
  assert.equal(status.available, true);
  assert.equal(status.exitCode, 0);
  assert.equal(status.services.length, 8);
  assert.deepEqual(status.services[5], { name: 'wazo-auth', status: 'running' });
  assert.deepEqual(wazoService(recorded('wazo-service', 'synthetic-one-failed')), {
    available: true,
    exitCode: 2,
    services: [
      { name: 'wazo-auth', status: 'running' },
      { name: 'wazo-calld', status: 'stopped' },
      { name: 'wazo-confd', status: 'failed' },
      { name: 'wazo-dxtora', status: 'unknown' },
    ],
  });
});

void test('wazo-service: absent is a fact, killed (timeout) could not be read', () => {
  assert.deepEqual(wazoService(recorded('wazo-service', 'not-installed')), {
    available: false,
    exitCode: 127,
    services: [],
    error: 'wazo-service is not installed',
  });
  assert.throws(() => wazoService(recorded('wazo-service', 'synthetic-killed')), {
    message: 'wazo-service status exited with 124 and listed 0 services: Checking database...',
  });
});

void test('dpkg-query: installed packages; unknown ones are just absent', () => {
  const packages = dpkg(recorded('dpkg', 'container-plan'));
  assert.deepEqual([...packages.keys()], ['dpkg', 'monit', 'nginx']);
  assert.deepEqual(packages.get('nginx'), {
    name: 'nginx',
    status: 'install ok installed',
    version: '1.22.1-9+deb12u9',
    architecture: 'amd64',
  });
  assert.equal(isInstalled(packages.get('nginx')), true);
  assert.equal(
    isInstalled({ name: 'x', status: 'deinstall ok config-files', version: '1', architecture: 'all' }),
    false,
  );
  assert.equal(isInstalled(undefined), false);
  assert.equal(dpkg(recorded('dpkg', 'container-wazo')).size, 0);
});

void test('dpkg-query: a real error and a garbled line are refused', () => {
  assert.throws(() => dpkg(recorded('dpkg', 'locked')), {
    message:
      "dpkg-query exited with 2: dpkg-query: error: parsing file '/var/lib/dpkg/status' near line 12: missing package name",
  });
  assert.throws(() => dpkg(recorded('dpkg', 'garbled')), {
    message: 'dpkg-query: cannot parse line 1: "nginx\\t1.22.1"',
  });
});

void test('unit files: name -> state; no match is empty', () => {
  const { stdout, stderr, rc } = recorded('unit-files', 'container-wazo');
  assert.deepEqual(
    [...parseUnitFiles(stdout, stderr, rc)],
    [
      ['wazo-auth.service', 'enabled'],
      ['wazo-webhookd.service', 'enabled'],
    ],
  );
  assert.equal(parseUnitFiles('', '', 1).size, 0);
  assert.throws(() => parseUnitFiles('', 'Failed to connect to bus: Host is down', 1), {
    message: 'systemctl list-unit-files exited with 1: Failed to connect to bus: Host is down',
  });
});

void test('lab replica: monit watches provd, confgend, rabbitmq and asterisk; wazo-service lists 18 running', () => {
  const status = monit(recorded('monit', 'lab'), true);
  assert.deepEqual(
    status.processes.map((p) => [p.name, p.status, p.monitoringStatus]),
    [
      ['wazo-provd', 'OK', 'Monitored'],
      ['wazo-confgend', 'OK', 'Monitored'],
      ['rabbitmq-server', 'OK', 'Monitored'],
      ['asterisk', 'OK', 'Monitored'],
    ],
  );
  assert.equal(status.processes[0]?.pid, 121);
  const services = wazoService(recorded('wazo-service', 'lab'));
  assert.equal(services.exitCode, 0);
  assert.equal(services.services.length, 18);
  assert.deepEqual(
    services.services.filter((s) => s.status !== 'running'),
    [],
  );
  assert.ok(services.services.some((s) => s.name === 'asterisk'));
});
