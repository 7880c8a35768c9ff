// Parsing the jump host setting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJumpHost } from './jump-host.ts';

void test('user, host and port are read, with defaults', () => {
  assert.deepEqual(parseJumpHost('admin@bastion:2200', 'root'), {
    user: 'admin',
    host: 'bastion',
    port: 2200,
  });
  assert.deepEqual(parseJumpHost('bastion', 'root'), { user: 'root', host: 'bastion', port: 22 });
  assert.deepEqual(parseJumpHost('ops@[2001:db8::1]:22', 'root'), {
    user: 'ops',
    host: '2001:db8::1',
    port: 22,
  });
});

void test('a malformed jump host is a ConfigError saying the expected form', () => {
  for (const spec of ['', 'a@b:c', 'a@b:70000', 'a b']) {
    assert.throws(() => parseJumpHost(spec, 'root'), {
      name: 'ConfigError',
      message: `jump host ${JSON.stringify(spec)}: expected [user@]host[:port], e.g. admin@bastion:22`,
    });
  }
});
