// Maps the system ssh's recorded stderr (fixtures/ssh/openssh-stderr, OpenSSH 9.2) to the taxonomy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mapOpensshFailure } from './openssh-errors.ts';
import type { OpensshContext } from './openssh-errors.ts';

const stderr = (name: string): string =>
  readFileSync(new URL(`../../fixtures/ssh/openssh-stderr/${name}.txt`, import.meta.url), 'utf8');

const context: OpensshContext = {
  label: 'root@127.0.0.1:PORT',
  host: '127.0.0.1',
  port: 2222,
  user: 'root',
  keyFile: '/keys/id',
  knownHostsFile: '/kh',
  connectTimeoutMs: 3000,
  command: 'true',
};

void test('an unknown host key becomes HostKeyRejected saying how to accept it', () => {
  const err = mapOpensshFailure(stderr('unknown-host-key'), context);
  assert.equal(err?.name, 'HostKeyRejected');
  assert.equal(
    err?.message,
    'host key of 127.0.0.1:2222 is unknown (not in /kh; ssh refused it): check the fingerprint ' +
      '(ssh-keyscan -p 2222 127.0.0.1 | ssh-keygen -lf -), then rerun with --accept-new-host-key or run: ' +
      'ssh-keyscan -p 2222 127.0.0.1 >> /kh',
  );
});

void test('a changed host key becomes HostKeyRejected with the offered fingerprint', () => {
  const err = mapOpensshFailure(stderr('changed-host-key'), context);
  assert.equal(err?.name, 'HostKeyRejected');
  assert.equal(
    err?.message,
    'REMOTE HOST IDENTIFICATION HAS CHANGED for 127.0.0.1:2222: ssh refused it, the host offers ' +
      'SHA256:TsdeD242HThLZMh2VXYUUjKmAVbXy9oSGcbD1s0HrNY, /kh records another key. Someone may be intercepting ' +
      "the connection, or the host was reinstalled: check the new key, then remove the old one with ssh-keygen -R '[127.0.0.1]:2222' -f /kh",
  );
});

void test('permission denied becomes AuthFailed naming user@host and the key file', () => {
  const err = mapOpensshFailure(stderr('permission-denied'), context);
  assert.equal(err?.name, 'AuthFailed');
  assert.equal(
    err?.message,
    'authentication as root@127.0.0.1:2222 failed with key /keys/id: the host accepted none of them ' +
      '(Permission denied (publickey))',
  );
});

void test('refused connections and DNS failures become HostUnreachable naming the cause', () => {
  assert.equal(
    mapOpensshFailure(stderr('connection-refused'), context)?.message,
    'cannot reach root@127.0.0.1:PORT: connection to 127.0.0.1:2222 refused (ECONNREFUSED)',
  );
  assert.equal(
    mapOpensshFailure(stderr('dns-failure'), context)?.message,
    'cannot reach root@127.0.0.1:PORT: DNS lookup of nonexistent.invalid failed',
  );
});

void test("a remote command's own exit 255 is not mistaken for an ssh failure", () => {
  assert.equal(mapOpensshFailure('my-tool: giving up\n', context), undefined);
  assert.equal(mapOpensshFailure(stderr('forward-refused'), context), undefined);
});
