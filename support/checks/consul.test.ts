// NSC-16 check and the registration lookup: passing, not registered, critical, Consul off, not applicable, refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConsulClient, ConsulServiceHealth } from '../consul/client.ts';
import { consulEnablement, lookupRegistration } from '../consul/registration.ts';
import { AuthFailed } from '../errors.ts';
import { testConfig } from '../http/testing/config.ts';
import { checkConsulRegistration } from './consul.ts';
import { service } from './testing/catalog.ts';

const HOST = 'wazo-1';
const ON = { enabled: true, how: 'consul.enabled: true' };

function instance(status: string): ConsulServiceHealth {
  return {
    serviceId: 'a1b2',
    serviceName: 'wazo-confd',
    address: '10.0.0.5',
    port: 9486,
    tags: ['uuid-1', 'wazo-confd'],
    checks: { serfHealth: 'passing', 'service:a1b2': status },
  };
}

function fakeConsul(
  answers: ConsulServiceHealth[][],
  names: string[] = ['consul'],
): ConsulClient & { calls: number } {
  const client = {
    calls: 0,
    tokenSource: 'environment variable WAZO_CONSUL_TOKEN',
    async allInstances() {
      const answer = answers[Math.min(client.calls, answers.length - 1)] ?? [];
      client.calls += 1;
      return answer;
    },
    async healthyServices() {
      return [];
    },
    async serviceNames() {
      return names;
    },
    async close() {},
  };
  return client;
}

const QUICK = { attempts: 3, delayMs: 1 };

void test('NSC-16 passes when the daemon is registered under its name with passing checks', async () => {
  const lookup = await lookupRegistration(
    async () => fakeConsul([[instance('passing')]]),
    'wazo-confd',
    QUICK,
  );
  const result = checkConsulRegistration(service('wazo-confd'), ON, lookup, HOST);
  assert.equal(result.status, 'passed');
  assert.equal(
    result.message,
    'wazo-confd on wazo-1: NSC-16 registered in Consul as wazo-confd with passing checks (1 instance(s))',
  );
  assert.deepEqual(result.evidence, [
    'consul.enabled: true',
    'token: environment variable WAZO_CONSUL_TOKEN',
    'consul wazo-confd id=a1b2 address=10.0.0.5:9486 tags=uuid-1,wazo-confd checks=serfHealth=passing,service:a1b2=passing',
  ]);
});

void test('a TTL check that turns passing on a later try passes, after retrying', async () => {
  const consul = fakeConsul([[instance('critical')], [instance('passing')]]);
  const lookup = await lookupRegistration(async () => consul, 'wazo-confd', QUICK);
  assert.equal(checkConsulRegistration(service('wazo-confd'), ON, lookup, HOST).status, 'passed');
  assert.equal(consul.calls, 2);
});

void test('NSC-16 fails when the daemon is not registered, listing what is', async () => {
  const lookup = await lookupRegistration(
    async () => fakeConsul([[]], ['consul', 'wazo-auth']),
    'wazo-confd',
    QUICK,
  );
  const result = checkConsulRegistration(service('wazo-confd'), ON, lookup, HOST);
  assert.equal(result.status, 'failed');
  assert.equal(
    result.message,
    'wazo-confd on wazo-1: NSC-16 Consul service wazo-confd: expected registered with every check passing, ' +
      'found not registered (registered: consul, wazo-auth)',
  );
});

void test('NSC-16 fails when every instance has a failing check', async () => {
  const lookup = await lookupRegistration(
    async () => fakeConsul([[instance('critical')]]),
    'wazo-confd',
    QUICK,
  );
  const result = checkConsulRegistration(service('wazo-confd'), ON, lookup, HOST);
  assert.equal(
    result.message,
    'wazo-confd on wazo-1: NSC-16 Consul service wazo-confd: expected registered with every check passing, ' +
      'found 1 instance(s), none passing after 3 tries: a1b2 serfHealth=passing,service:a1b2=critical',
  );
});

const NO_AGENT = { consulTokenFile: false, errors: [], listeners: [] };
const TOKEN_FILE = { ...NO_AGENT, consulTokenFile: true };

void test('NSC-16 is not applicable where Consul is off, or where the daemon never registers', () => {
  const off = consulEnablement(testConfig().consul, NO_AGENT);
  const result = checkConsulRegistration(service('wazo-confd'), off, undefined, HOST);
  assert.equal(result.status, 'not-applicable');
  assert.equal(result.message, 'not applicable: Consul is not enabled on this host');
  assert.deepEqual(result.evidence, [
    'consul.enabled: auto; the fact snapshot found neither /var/lib/consul/master_token nor a TCP listener on port 8500 (consul.address 127.0.0.1:8500)',
  ]);
  const amid = checkConsulRegistration(service('wazo-amid'), ON, undefined, HOST);
  assert.equal(
    amid.message,
    'not applicable: does not register with Consul: no ServiceCatalogRegistration in its code (wazo-facts.md §5)',
  );
});

void test('enablement: explicit true/false wins, auto follows the snapshot', () => {
  assert.deepEqual(consulEnablement(testConfig({}, { enabled: true }).consul, NO_AGENT), {
    enabled: true,
    how: 'consul.enabled: true',
  });
  assert.deepEqual(consulEnablement(testConfig({}, { enabled: false }).consul, TOKEN_FILE), {
    enabled: false,
    how: 'consul.enabled: false',
  });
  assert.deepEqual(consulEnablement(testConfig().consul, TOKEN_FILE), {
    enabled: true,
    how: 'consul.enabled: auto; the fact snapshot found /var/lib/consul/master_token',
  });
});

void test('a refused token makes NSC-16 not checked, with the code and no token', async () => {
  const refused = new AuthFailed(
    'Consul refused the token (from environment variable WAZO_CONSUL_TOKEN): 403 ACL not found',
  );
  const lookup = await lookupRegistration(async () => Promise.reject(refused), 'wazo-confd', QUICK);
  const result = checkConsulRegistration(service('wazo-confd'), ON, lookup, HOST);
  assert.equal(result.status, 'not-checked');
  assert.equal(result.errorCode, 'AUTH_FAILED');
  assert.equal(result.message, `wazo-confd on wazo-1: NSC-16 could not be checked: ${refused.message}`);
});

const LISTENING_8600 = {
  consulTokenFile: false,
  errors: [],
  listeners: [{ protocol: 'tcp' as const, address: '127.0.0.1', port: 8600, pids: [] }],
};

void test('enablement auto looks for a listener on the port of consul.address, not on 8500', () => {
  const at8600 = testConfig({}, { address: '127.0.0.1:8600' }).consul;
  assert.deepEqual(consulEnablement(at8600, LISTENING_8600), {
    enabled: true,
    how: 'consul.enabled: auto; the fact snapshot found a TCP listener on port 8600',
  });
  assert.deepEqual(consulEnablement(testConfig().consul, LISTENING_8600), {
    enabled: false,
    how:
      'consul.enabled: auto; the fact snapshot found neither /var/lib/consul/master_token nor a TCP listener on ' +
      'port 8500 (consul.address 127.0.0.1:8500)',
  });
  assert.deepEqual(consulEnablement(testConfig().consul, { ...LISTENING_8600, consulTokenFile: true }), {
    enabled: true,
    how: 'consul.enabled: auto; the fact snapshot found /var/lib/consul/master_token',
  });
});

void test('enablement auto with the sockets section unread makes NSC-16 not checked, naming the section', () => {
  const unread = {
    consulTokenFile: false,
    listeners: [],
    errors: [
      {
        section: 'sockets',
        key: 'inet',
        exitCode: 1,
        stderr: '',
        message: 'ss -ltnup exited with 1: denied',
      },
    ],
  };
  const enablement = consulEnablement(testConfig().consul, unread);
  const result = checkConsulRegistration(service('wazo-confd'), enablement, undefined, HOST);
  assert.equal(result.status, 'not-checked');
  assert.equal(
    result.message,
    'wazo-confd on wazo-1: NSC-16 could not be checked: the fact snapshot could not read sockets inet ' +
      '(ss -ltnup exited with 1: denied), so whether a Consul agent runs is unknown (consul.enabled: auto)',
  );
  assert.deepEqual(result.evidence, ['consul.enabled: auto; the fact snapshot could not tell']);
});

void test('enablement auto with the meta section unread is unknown too; a listener alone still decides', () => {
  const meta = { section: 'meta', exitCode: null, stderr: '', message: 'meta: missing from the snapshot' };
  const enablement = consulEnablement(testConfig().consul, {
    consulTokenFile: false,
    listeners: [],
    errors: [meta],
  });
  assert.equal(
    enablement.unknown,
    'the fact snapshot could not read meta (meta: missing from the snapshot), so whether a Consul agent runs is ' +
      'unknown (consul.enabled: auto)',
  );
  const at8600 = testConfig({}, { address: '127.0.0.1:8600' }).consul;
  assert.equal(consulEnablement(at8600, { ...LISTENING_8600, errors: [meta] }).enabled, true);
});

void test('a registration without any health check fails: "every check passing" over no check is no pass', async () => {
  const bare = { ...instance('passing'), checks: {} };
  const consul = fakeConsul([[bare]]);
  const lookup = await lookupRegistration(async () => consul, 'wazo-confd', QUICK);
  const result = checkConsulRegistration(service('wazo-confd'), ON, lookup, HOST);
  assert.equal(result.status, 'failed');
  assert.equal(
    result.message,
    'wazo-confd on wazo-1: NSC-16 Consul service wazo-confd: expected registered with every check passing, ' +
      'found registered without a health check (a1b2)',
  );
  assert.equal(consul.calls, 3);
});
