// NSC-02 (no login shell) and NSC-03 (home) on healthy and broken accounts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkNoLoginShell } from './nsc-02-no-login.ts';
import { checkHomeDirectory } from './nsc-03-home.ts';
import { service } from './testing/catalog.ts';
import { HOST, healthyFacts } from './testing/healthy-host.ts';

const chatd = service('wazo-chatd');
const confd = service('wazo-confd');

void test('NSC-02 passes with nologin and a locked password', () => {
  const result = checkNoLoginShell(healthyFacts([chatd]), chatd, HOST);
  assert.equal(result.status, 'passed');
  assert.equal(
    result.message,
    'wazo-chatd on 127.0.0.1: NSC-02 shell /usr/sbin/nologin; password locked (!)',
  );
});

void test('NSC-02 reports a login shell and a password hash together', () => {
  const facts = healthyFacts([chatd]);
  facts.passwd.get('wazo-chatd')!.shell = '/bin/bash';
  facts.shadow!.set('wazo-chatd', { name: 'wazo-chatd', password: '<hash>', locked: false });
  assert.equal(
    checkNoLoginShell(facts, chatd, HOST).message,
    'wazo-chatd on 127.0.0.1: NSC-02 shell: expected /usr/sbin/nologin or /bin/false, found /bin/bash; ' +
      'password: expected locked (! or *) or absent, found a password hash',
  );
});

void test('NSC-02 refuses an empty password and says so', () => {
  const facts = healthyFacts([chatd]);
  facts.shadow!.set('wazo-chatd', { name: 'wazo-chatd', password: '', locked: false });
  assert.equal(
    checkNoLoginShell(facts, chatd, HOST).message,
    'wazo-chatd on 127.0.0.1: NSC-02 password: expected locked (! or *) or absent, found an empty password (no password needed)',
  );
});

void test('NSC-02 with an unreadable shadow is not checked for the password, saying the shell part passed', () => {
  const facts = healthyFacts([chatd]);
  facts.shadow = null;
  facts.errors.push({
    section: 'shadow',
    exitCode: null,
    stderr: '',
    message: 'shadow is not readable as uid 1001 (root or sudo is needed)',
  });
  const result = checkNoLoginShell(facts, chatd, HOST);
  assert.equal(result.status, 'not-checked');
  assert.equal(
    result.message,
    'wazo-chatd on 127.0.0.1: NSC-02 could not be checked: password: shadow is not readable as uid 1001 ' +
      '(root or sudo is needed); the shell part passed (shell /usr/sbin/nologin)',
  );
  assert.deepEqual(result.evidence, [
    'passwd: wazo-chatd:x:110:110::/var/lib/wazo-chatd:/usr/sbin/nologin',
    'shadow: not read (shadow is not readable as uid 1001 (root or sudo is needed))',
  ]);
});

void test('NSC-02 with an unreadable shadow still fails a login shell', () => {
  const facts = healthyFacts([chatd]);
  facts.shadow = null;
  facts.passwd.get('wazo-chatd')!.shell = '/bin/bash';
  const result = checkNoLoginShell(facts, chatd, HOST);
  assert.equal(result.status, 'failed');
  assert.equal(
    result.message,
    'wazo-chatd on 127.0.0.1: NSC-02 shell: expected /usr/sbin/nologin or /bin/false, found /bin/bash',
  );
  assert.equal(
    result.evidence[1],
    'shadow: not read (/etc/shadow was not readable (root or sudo is needed))',
  );
});

void test('NSC-02 is not applicable to wazo-sysconfd, with the catalog reason', () => {
  const sysconfd = service('wazo-sysconfd');
  const result = checkNoLoginShell(healthyFacts([sysconfd]), sysconfd, HOST);
  assert.equal(result.status, 'not-applicable');
  assert.equal(
    result.message,
    "not applicable: runs as root by design (NSC-01 reports it): root's login shell is the system's, not the service's",
  );
});

void test('NSC-03 passes for a /var/lib home and for the shared www-data account', () => {
  assert.equal(
    checkHomeDirectory(healthyFacts([chatd]), chatd, HOST).message,
    'wazo-chatd on 127.0.0.1: NSC-03 home /var/lib/wazo-chatd exists, no /home/wazo-chatd',
  );
  assert.equal(
    checkHomeDirectory(healthyFacts([confd]), confd, HOST).message,
    "wazo-confd on 127.0.0.1: NSC-03 home /var/www exists, no /home/www-data (shared account www-data: its home is Debian's)",
  );
});

void test('NSC-03 reports a /home home and an existing /home/<user> together', () => {
  const facts = healthyFacts([chatd]);
  facts.passwd.get('wazo-chatd')!.home = '/home/wazo-chatd';
  facts.files.set('/home/wazo-chatd', {
    path: '/home/wazo-chatd',
    exists: true,
    type: 'directory',
    mode: '0755',
  });
  facts.homeEntries.push('wazo-chatd');
  assert.equal(
    checkHomeDirectory(facts, chatd, HOST).message,
    'wazo-chatd on 127.0.0.1: NSC-03 home: expected not under /home, found /home/wazo-chatd; ' +
      '/home/wazo-chatd: expected absent, found present; ' +
      'home /home/wazo-chatd: expected under /var/lib/ when it exists, found an existing directory',
  );
});

void test('NSC-03 reports a home elsewhere than the catalog says', () => {
  const facts = healthyFacts([chatd]);
  facts.passwd.get('wazo-chatd')!.home = '/opt/chatd';
  facts.files.set('/opt/chatd', { path: '/opt/chatd', exists: true, type: 'directory', mode: '0755' });
  assert.equal(
    checkHomeDirectory(facts, chatd, HOST).message,
    'wazo-chatd on 127.0.0.1: NSC-03 home: expected /var/lib/wazo-chatd, found /opt/chatd; ' +
      'home /opt/chatd: expected under /var/lib/ when it exists, found an existing directory',
  );
});
