// The snapshot command's Consul view decides where Consul runs as NSC-16 does (consul.enabled, consul.address's port).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { service } from '../checks/testing/catalog.ts';
import { healthyFacts } from '../checks/testing/healthy-host.ts';
import { testConfig } from '../http/testing/config.ts';
import type { RemoteHost } from '../ssh/transport.ts';
import { consulView } from './take-state.ts';

/** A host with no connection: asking Consul through it fails, which shows the view decided to ask. */
const NO_REMOTE = {} as RemoteHost;

void test('auto looks on the port of consul.address: a listener there is Consul, one on 8500 is not', async () => {
  const facts = healthyFacts([service('wazo-confd')]);
  facts.listeners.push({ protocol: 'tcp', address: '127.0.0.1', port: 8500, pids: [] });
  const at8600 = testConfig({}, { address: '127.0.0.1:8600' });
  assert.deepEqual(await consulView(NO_REMOTE, at8600, facts), {
    checked: false,
    registrations: null,
    reason: 'Consul is not present on the host',
  });
  facts.listeners.push({ protocol: 'tcp', address: '127.0.0.1', port: 8600, pids: [] });
  const asked = await consulView(NO_REMOTE, at8600, facts);
  assert.equal(asked.checked, false);
  assert.match(asked.reason ?? '', /^Consul could not be asked: /, 'present, so the view tried to ask it');
});

void test('auto: an unread sockets section makes the view say so instead of "not present"', async () => {
  const facts = healthyFacts([service('wazo-confd')]);
  facts.errors.push({
    section: 'sockets',
    key: 'inet',
    exitCode: 1,
    stderr: '',
    message: 'ss -ltnup exited with 1',
  });
  const view = await consulView(NO_REMOTE, testConfig(), facts);
  assert.deepEqual(view, {
    checked: false,
    registrations: null,
    reason:
      'the fact snapshot could not read sockets inet (ss -ltnup exited with 1), so whether a Consul agent runs is ' +
      'unknown (consul.enabled: auto)',
  });
});

void test("consul.enabled false is the configuration's word", async () => {
  const view = await consulView(NO_REMOTE, testConfig({}, { enabled: false }), healthyFacts([]));
  assert.deepEqual(view, {
    checked: false,
    registrations: null,
    reason: 'Consul is disabled in the configuration',
  });
});
