// NSC-04 (log file), NSC-05 (PID file) and NSC-06 (consul files) on healthy and broken permissions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writableKey } from '../facts/types.ts';
import { checkLogFileWritable } from './nsc-04-log-file.ts';
import { checkPidFileWritable } from './nsc-05-pid-file.ts';
import { checkConsulGroup } from './nsc-06-consul-group.ts';
import { service } from './testing/catalog.ts';
import { HOST, healthyFacts } from './testing/healthy-host.ts';

const confd = service('wazo-confd');
const provd = service('wazo-provd');

void test('NSC-04 passes when the as-the-user test says writable', () => {
  const result = checkLogFileWritable(healthyFacts([confd]), confd, HOST);
  assert.equal(result.message, 'wazo-confd on 127.0.0.1: NSC-04 www-data can write /var/log/wazo-confd.log');
  assert.deepEqual(result.evidence, [
    'stat /var/log/wazo-confd.log: file www-data:www-data 0644',
    'write /var/log/wazo-confd.log as www-data: yes (test -w as www-data (setpriv))',
  ]);
});

void test('NSC-04 fails on a root-owned log file, in the documented wording', () => {
  const facts = healthyFacts([confd]);
  const log = '/var/log/wazo-confd.log';
  facts.files.set(log, {
    path: log,
    exists: true,
    type: 'file',
    owner: 'root',
    group: 'root',
    uid: 0,
    gid: 0,
    mode: '0644',
  });
  facts.writable.set(writableKey('www-data', log), false);
  assert.equal(
    checkLogFileWritable(facts, confd, HOST).message,
    'wazo-confd on 127.0.0.1: NSC-04 log file /var/log/wazo-confd.log: expected writable by www-data, found root:root 0644',
  );
});

void test('NSC-04 without the as-the-user test decides from the mode bits, groups included', () => {
  const facts = healthyFacts([confd]);
  const log = '/var/log/wazo-confd.log';
  facts.writable.clear();
  facts.writeMethod = 'mode-bits';
  facts.files.set(log, {
    path: log,
    exists: true,
    type: 'file',
    owner: 'root',
    group: 'www-data',
    uid: 0,
    gid: 33,
    mode: '0664',
  });
  const result = checkLogFileWritable(facts, confd, HOST);
  assert.equal(result.status, 'passed');
  assert.equal(
    result.evidence[1],
    'write /var/log/wazo-confd.log as www-data: yes (owner/group/mode bits (ACLs not evaluated))',
  );
  facts.files.set(log, { ...facts.files.get(log)!, mode: '0644' });
  assert.equal(
    checkLogFileWritable(facts, confd, HOST).message,
    'wazo-confd on 127.0.0.1: NSC-04 log file /var/log/wazo-confd.log: expected writable by www-data, found root:www-data 0644',
  );
});

void test('NSC-04 reports every absent log file of a daemon', () => {
  const facts = healthyFacts([provd]);
  for (const path of provd.logFiles) facts.files.set(path, { path, exists: false });
  assert.equal(
    checkLogFileWritable(facts, provd, HOST).message,
    'wazo-provd on 127.0.0.1: NSC-04 log file /var/log/wazo-provd.log: expected present, found absent; ' +
      'log file /var/log/wazo-provd-fail2ban.log: expected present, found absent',
  );
});

void test('NSC-04 cannot check a log file whose stat failed', () => {
  const facts = healthyFacts([confd]);
  facts.errors.push({
    section: 'stat',
    key: '/var/log/wazo-confd.log',
    exitCode: 1,
    stderr: '',
    message: 'stat: Permission denied',
  });
  const result = checkLogFileWritable(facts, confd, HOST);
  assert.equal(result.status, 'not-checked');
  assert.equal(
    result.message,
    'wazo-confd on 127.0.0.1: NSC-04 could not be checked: the fact snapshot could not read stat /var/log/wazo-confd.log (stat: Permission denied)',
  );
});

void test('NSC-05 passes for provd and fails on a root-owned PID file (twistd writes it before dropping root)', () => {
  const facts = healthyFacts([provd]);
  assert.equal(
    checkPidFileWritable(facts, provd, HOST).message,
    'wazo-provd on 127.0.0.1: NSC-05 wazo-provd can write /run/wazo-provd/wazo-provd.pid and /run/wazo-provd',
  );
  const pid = '/run/wazo-provd/wazo-provd.pid';
  facts.files.set(pid, {
    path: pid,
    exists: true,
    type: 'file',
    owner: 'root',
    group: 'root',
    uid: 0,
    gid: 0,
    mode: '0644',
  });
  facts.writable.set(writableKey('wazo-provd', pid), false);
  facts.writable.set(writableKey('wazo-provd', '/run/wazo-provd'), false);
  assert.equal(
    checkPidFileWritable(facts, provd, HOST).message,
    'wazo-provd on 127.0.0.1: NSC-05 PID directory /run/wazo-provd: expected writable by wazo-provd, found wazo-provd:wazo-provd 0755; ' +
      'PID file /run/wazo-provd/wazo-provd.pid: expected writable by wazo-provd, found root:root 0644',
  );
});

void test('NSC-05 accepts an absent PID file only while the daemon is stopped', () => {
  const facts = healthyFacts([provd]);
  const pid = '/run/wazo-provd/wazo-provd.pid';
  facts.files.set(pid, { path: pid, exists: false });
  assert.equal(
    checkPidFileWritable(facts, provd, HOST).message,
    'wazo-provd on 127.0.0.1: NSC-05 PID file /run/wazo-provd/wazo-provd.pid: expected present, found absent',
  );
  facts.units.get('wazo-provd.service')!['ActiveState'] = 'inactive';
  assert.equal(checkPidFileWritable(facts, provd, HOST).status, 'passed');
});

void test('NSC-05 is not applicable where the catalog says there is no PID file', () => {
  assert.equal(
    checkPidFileWritable(healthyFacts([confd]), confd, HOST).message,
    'not applicable: no PID file: removed in June 2020 when systemd Restart=on-failure replaced monit (wazo-confd 9b38e3da1)',
  );
});

void test('NSC-06 is not applicable for Wazo daemons today, and checks membership for a daemon that reads consul files', () => {
  assert.equal(checkConsulGroup(healthyFacts([confd]), confd, HOST).status, 'not-applicable');
  const reader = {
    ...confd,
    consul: { serviceName: 'wazo-confd', configFiles: ['/var/lib/consul/default_xivo_consul_token.yml'] },
    checklist: { applies: [...confd.checklist.applies, 'NSC-06'], notApplicable: {} },
  };
  const facts = healthyFacts([reader]);
  const file = '/var/lib/consul/default_xivo_consul_token.yml';
  facts.files.set(file, {
    path: file,
    exists: true,
    type: 'file',
    owner: 'consul',
    group: 'consul',
    uid: 120,
    gid: 120,
    mode: '0640',
  });
  facts.groups.set('consul', { name: 'consul', gid: 120, members: [] });
  assert.equal(
    checkConsulGroup(facts, reader, HOST).message,
    'wazo-confd on 127.0.0.1: NSC-06 consul config /var/lib/consul/default_xivo_consul_token.yml: expected readable by www-data ' +
      '(member of group consul), found consul:consul 0640 and www-data not in group consul',
  );
  facts.userGroups.set('www-data', [33, 120]);
  assert.equal(
    checkConsulGroup(facts, reader, HOST).message,
    'wazo-confd on 127.0.0.1: NSC-06 www-data can read /var/lib/consul/default_xivo_consul_token.yml',
  );
});
