// The sudo prefix and the recognition of sudo's refusals (texts as sudo 1.9 on Debian 12 prints them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCommandLine, sudoRefusal } from './remote-command.ts';

const wazo = { host: 'wazo-1', user: 'wazo-admin', sudo: true };
const failed = (stderr: string, code = 1) => ({ stdout: '', stderr, code });

void test('a non-root user with sudo runs argv under sudo -n --; root and sudo-less users do not', () => {
  assert.equal(buildCommandLine(['cat', '/etc/shadow'], wazo), 'sudo -n -- cat /etc/shadow');
  assert.equal(buildCommandLine(['cat', '/etc/shadow'], { ...wazo, user: 'root' }), 'cat /etc/shadow');
  assert.equal(buildCommandLine(['id'], { ...wazo, sudo: false }), 'id');
});

void test('sudo wanting a password is SudoRefused with what to do', () => {
  const err = sudoRefusal(failed('sudo: a password is required\n'), wazo);
  assert.equal(err?.code, 'SUDO_REFUSED');
  assert.equal(
    err?.message,
    'sudo on wazo-1 wants a password for wazo-admin: allow NOPASSWD for it or connect as root',
  );
});

void test('a user sudo does not know, or sudo missing, is SudoRefused too', () => {
  assert.equal(
    sudoRefusal(failed('wazo-admin is not in the sudoers file.\n'), wazo)?.message,
    'wazo-admin may not run sudo on wazo-1: grant it NOPASSWD sudo or connect as root',
  );
  assert.equal(
    sudoRefusal(failed('sh: 1: sudo: not found\n', 127), wazo)?.message,
    'sudo is not installed on wazo-1: install it or connect as root',
  );
});

void test("a command's own failure, or a success, is not a sudo refusal", () => {
  assert.equal(sudoRefusal(failed('cat: /nope: No such file or directory\n'), wazo), undefined);
  assert.equal(
    sudoRefusal({ stdout: '', stderr: 'sudo: a password is required\n', code: 0 }, wazo),
    undefined,
  );
  assert.equal(sudoRefusal(failed('sudo: a password is required\n'), { ...wazo, user: 'root' }), undefined);
});
