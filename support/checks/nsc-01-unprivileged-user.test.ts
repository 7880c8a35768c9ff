// NSC-01 on a healthy host, with root, with a foreign user, with a stopped service and a missing section.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkUnprivilegedUser } from './nsc-01-unprivileged-user.ts';
import { catalog, service } from './testing/catalog.ts';
import { HOST, healthyFacts } from './testing/healthy-host.ts';

const auth = service('wazo-auth');

void test('passes when the main process runs as the catalog user', () => {
  const result = checkUnprivilegedUser(healthyFacts([auth]), auth, HOST);
  assert.equal(result.status, 'passed');
  assert.equal(result.message, 'wazo-auth on 127.0.0.1: NSC-01 runs as wazo-auth (uid 110), not root');
  assert.deepEqual(result.evidence, [
    'unit wazo-auth.service: LoadState=loaded ActiveState=active User= MainPID=1000',
    'passwd: wazo-auth:x:110:110::/var/lib/wazo-auth:/usr/sbin/nologin',
    'process 1000: uid=110 user=wazo-auth command=/usr/bin/python3 /usr/bin/wazo-auth',
  ]);
});

void test('fails with every mismatch when User=root and the process runs as root', () => {
  const facts = healthyFacts([auth]);
  facts.units.get('wazo-auth.service')!['User'] = 'root';
  facts.processes.set(1000, { pid: 1000, ppid: 1, uid: 0, gid: 0, user: 'root', command: 'wazo-auth' });
  const result = checkUnprivilegedUser(facts, auth, HOST);
  assert.equal(result.status, 'failed');
  assert.equal(
    result.message,
    'wazo-auth on 127.0.0.1: NSC-01 unit User=: expected a user other than root, found root; ' +
      'process 1000: expected a user other than root, found root (uid 0)',
  );
});

void test('fails when the process runs as another unprivileged user than the catalog says', () => {
  const facts = healthyFacts([auth]);
  facts.units.get('wazo-auth.service')!['User'] = 'nobody';
  facts.processes.set(1000, {
    pid: 1000,
    ppid: 1,
    uid: 65534,
    gid: 65534,
    user: 'nobody',
    command: 'wazo-auth',
  });
  assert.equal(
    checkUnprivilegedUser(facts, auth, HOST).message,
    'wazo-auth on 127.0.0.1: NSC-01 unit User=: expected wazo-auth, found nobody; ' +
      'process 1000: expected wazo-auth (uid 110), found nobody (uid 65534)',
  );
});

void test('wazo-sysconfd fails: Wazo runs it as root, a real finding', () => {
  const sysconfd = service('wazo-sysconfd');
  const result = checkUnprivilegedUser(healthyFacts([sysconfd]), sysconfd, HOST);
  assert.equal(result.status, 'failed');
  assert.equal(
    result.message,
    'wazo-sysconfd on 127.0.0.1: NSC-01 process 1000: expected a user other than root, found root (uid 0)',
  );
});

void test('a stopped service without User= cannot be checked; with User= its unit decides', () => {
  const facts = healthyFacts([auth]);
  Object.assign(facts.units.get('wazo-auth.service')!, { ActiveState: 'inactive', MainPID: '0' });
  const unchecked = checkUnprivilegedUser(facts, auth, HOST);
  assert.equal(unchecked.status, 'not-checked');
  assert.equal(
    unchecked.message,
    'wazo-auth on 127.0.0.1: NSC-01 could not be checked: wazo-auth is not running (ActiveState=inactive, MainPID=0) ' +
      'and its unit sets no User=: its user cannot be observed',
  );
  facts.units.get('wazo-auth.service')!['User'] = 'wazo-auth';
  assert.equal(
    checkUnprivilegedUser(facts, auth, HOST).message,
    'wazo-auth on 127.0.0.1: NSC-01 is not running; its unit sets User=wazo-auth, not root',
  );
});

void test('an idle one-shot daemon is not applicable, naming why', () => {
  const setupd = service('wazo-setupd');
  const facts = healthyFacts([setupd]);
  Object.assign(facts.units.get('wazo-setupd.service')!, { ActiveState: 'inactive', MainPID: '0' });
  const result = checkUnprivilegedUser(facts, setupd, HOST);
  assert.equal(result.status, 'not-applicable');
  assert.equal(
    result.message,
    'not applicable: wazo-setupd stops itself once its job is done and is not running now (ActiveState=inactive): no process to observe',
  );
});

void test('a missing user and a failed passwd section are reported as such', () => {
  const facts = healthyFacts([auth]);
  facts.passwd.delete('wazo-auth');
  assert.equal(
    checkUnprivilegedUser(facts, auth, HOST).message,
    'wazo-auth on 127.0.0.1: NSC-01 user wazo-auth: expected present in passwd, found absent',
  );
  facts.errors.push({ section: 'passwd', exitCode: 2, stderr: 'getent: timeout' });
  const result = checkUnprivilegedUser(facts, auth, HOST);
  assert.equal(result.status, 'not-checked');
  assert.equal(
    result.message,
    'wazo-auth on 127.0.0.1: NSC-01 could not be checked: the fact snapshot could not read passwd (getent: timeout)',
  );
  assert.equal(result.errorCode, 'REMOTE_COMMAND_FAILED');
  assert.equal(catalog.services.length, 18);
});
