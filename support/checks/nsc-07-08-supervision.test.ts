// NSC-07 (wazo-service lists it) and NSC-08 (monit or systemd supervision) on healthy and broken hosts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkWazoServiceListing } from './nsc-07-wazo-service.ts';
import { checkSupervision } from './nsc-08-supervision.ts';
import { parseMonitStatus } from '../facts/parsers/monit.ts';
import { recorded } from '../facts/testing/recorded.ts';
import { service } from './testing/catalog.ts';
import { HOST, healthyFacts } from './testing/healthy-host.ts';

const dird = service('wazo-dird');
const provd = service('wazo-provd');
const dxtora = service('wazo-dxtora');

void test('NSC-07 passes when wazo-service status lists the daemon, and says what it cannot tell', () => {
  const result = checkWazoServiceListing(healthyFacts([dird]), dird, HOST);
  assert.equal(result.message, 'wazo-dird on 127.0.0.1: NSC-07 wazo-service status lists it (running)');
  assert.equal(
    result.evidence[0],
    'catalog: bash lists group default, Python status lists group wazo (one status listing cannot tell groups apart)',
  );
});

void test('NSC-07 fails when the daemon is missing from the listing or wazo-service is absent', () => {
  const facts = healthyFacts([dird]);
  facts.wazoService.services = [{ name: 'wazo-auth', status: 'running' }];
  assert.equal(
    checkWazoServiceListing(facts, dird, HOST).message,
    'wazo-dird on 127.0.0.1: NSC-07 wazo-service status: expected to list wazo-dird, found it absent',
  );
  facts.wazoService = {
    available: false,
    exitCode: 127,
    services: [],
    error: 'wazo-service: command not found',
  };
  assert.equal(
    checkWazoServiceListing(facts, dird, HOST).message,
    'wazo-dird on 127.0.0.1: NSC-07 wazo-service: expected installed, found wazo-service: command not found',
  );
});

void test('NSC-07 is not applicable to the one-shot wazo-setupd', () => {
  const setupd = service('wazo-setupd');
  assert.equal(
    checkWazoServiceListing(healthyFacts([setupd]), setupd, HOST).message,
    'not applicable: one-shot setup daemon that stops itself after the setup; in no wazo-service list (wazo-service:bin/wazo-service)',
  );
});

void test('NSC-08 passes on Restart=on-failure for systemd-supervised daemons and fails on Restart=no', () => {
  const facts = healthyFacts([dird]);
  assert.equal(
    checkSupervision(facts, dird, HOST).message,
    'wazo-dird on 127.0.0.1: NSC-08 supervised by systemd (Restart=on-failure) instead of monit, as Wazo does since 2020',
  );
  facts.units.get('wazo-dird.service')!['Restart'] = 'no';
  assert.equal(
    checkSupervision(facts, dird, HOST).message,
    'wazo-dird on 127.0.0.1: NSC-08 unit Restart=: expected on-failure, found no',
  );
});

void test('NSC-08 passes for wazo-provd monitored by monit, and fails when monit stops or unmonitors it', () => {
  const facts = healthyFacts([provd]);
  assert.equal(
    checkSupervision(facts, provd, HOST).message,
    "wazo-provd on 127.0.0.1: NSC-08 monit monitors Process 'wazo-provd'",
  );
  facts.monit.processes[0]!.monitoringStatus = 'Not monitored';
  assert.equal(
    checkSupervision(facts, provd, HOST).message,
    "wazo-provd on 127.0.0.1: NSC-08 monit Process 'wazo-provd': expected monitored, found Not monitored",
  );
  facts.monit.processes = [];
  assert.equal(
    checkSupervision(facts, provd, HOST).message,
    "wazo-provd on 127.0.0.1: NSC-08 monit: expected Process 'wazo-provd' monitored, found no such check",
  );
  facts.monit = {
    running: false,
    processes: [],
    error: 'Cannot create socket to [localhost]:2812 -- Connection refused',
  };
  assert.equal(
    checkSupervision(facts, provd, HOST).message,
    'wazo-provd on 127.0.0.1: NSC-08 monit: expected running, found not running (Cannot create socket to [localhost]:2812 -- Connection refused)',
  );
});

void test('NSC-08 with monit running but not answering yet (its start delay) is not checked, never failed', () => {
  const refused = recorded('monit', 'connection-refused');
  for (const daemon of [provd, service('wazo-confgend')]) {
    const facts = healthyFacts([daemon]);
    facts.monit = parseMonitStatus(refused.stdout, refused.stderr, refused.rc, true);
    const result = checkSupervision(facts, daemon, HOST);
    assert.equal(result.status, 'not-checked');
    assert.equal(result.errorCode, 'ENDPOINT_UNREACHABLE');
    assert.equal(
      result.message,
      `${daemon.name} on 127.0.0.1: NSC-08 could not be checked: monit not answering: Cannot create socket to ` +
        '[localhost]:2812 -- Connection refused (a monit process runs, e.g. still in its start delay)',
    );
  }
});

void test('NSC-08 with a monit check still Initializing is not checked, naming the check', () => {
  const facts = healthyFacts([provd]);
  facts.monit.processes[0]!.monitoringStatus = 'Initializing';
  assert.equal(
    checkSupervision(facts, provd, HOST).message,
    "wazo-provd on 127.0.0.1: NSC-08 could not be checked: monit not answering for Process 'wazo-provd' yet: " +
      'monitoring status Initializing (its first cycle has not run)',
  );
});

void test('NSC-08 for a daemon with no Restart= and a silent monit is not checked, saying the systemd part failed', () => {
  const facts = healthyFacts([dxtora]);
  facts.monit = {
    running: true,
    processes: [],
    error: 'Cannot create socket to [localhost]:2812 -- Connection refused',
  };
  assert.equal(
    checkSupervision(facts, dxtora, HOST).message,
    'wazo-dxtora on 127.0.0.1: NSC-08 could not be checked: monit not answering: Cannot create socket to ' +
      '[localhost]:2812 -- Connection refused (a monit process runs, e.g. still in its start delay); ' +
      'the systemd part did not pass (Restart=no)',
  );
});

void test('NSC-08 fails for wazo-dxtora: neither monit nor Restart= supervises it (a real finding)', () => {
  const result = checkSupervision(healthyFacts([dxtora]), dxtora, HOST);
  assert.equal(result.status, 'failed');
  assert.equal(
    result.message,
    "wazo-dxtora on 127.0.0.1: NSC-08 supervision: expected monit Process 'wazo-dxtora' or unit Restart=on-failure, " +
      'found neither (Restart=no, no monit check)',
  );
});

void test('NSC-08 cannot check monit when the monit section failed', () => {
  const facts = healthyFacts([provd]);
  facts.errors.push({
    section: 'monit',
    key: 'status',
    exitCode: 124,
    stderr: '',
    message: 'timed out after 10 s',
  });
  assert.equal(
    checkSupervision(facts, provd, HOST).message,
    'wazo-provd on 127.0.0.1: NSC-08 could not be checked: the fact snapshot could not read monit status (timed out after 10 s)',
  );
});
