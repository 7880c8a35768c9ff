// Accept-new and refusal messages against known_hosts files in a temporary directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkHostKey } from './host-key-policy.ts';

const pub = (name: string): string =>
  readFileSync(new URL(`../../fixtures/ssh/${name}.pub`, import.meta.url), 'utf8').trim();
const blob = (name: string): Buffer => Buffer.from(pub(name).split(' ')[1] ?? '', 'base64');
const fp = (name: string): string =>
  readFileSync(new URL(`../../fixtures/ssh/${name}.sha256`, import.meta.url), 'utf8').trim();

function withDir(run: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'wla-kh-'));
  try {
    run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void test('an unknown key is refused with host:port, fingerprint and how to accept it', () => {
  withDir((dir) => {
    const file = join(dir, 'known_hosts');
    assert.throws(
      () => checkHostKey({ knownHostsFile: file, acceptNewHostKey: false }, 'h1', 2222, blob('host-a')),
      {
        name: 'HostKeyRejected',
        code: 'HOST_KEY_REJECTED',
        message:
          `host key of h1:2222 is unknown (ssh-ed25519 ${fp('host-a')}, not in ${file}): check the fingerprint, ` +
          `then rerun with --accept-new-host-key or run: ssh-keyscan -p 2222 h1 >> ${file}`,
      },
    );
  });
});

void test('accept-new records an unknown key in a new file, which then matches', () => {
  withDir((dir) => {
    const file = join(dir, 'sub', 'known_hosts');
    const policy = { knownHostsFile: file, acceptNewHostKey: true };
    assert.equal(checkHostKey(policy, 'h1', 2222, blob('host-a')), 'added');
    assert.equal(readFileSync(file, 'utf8'), `[h1]:2222 ${pub('host-a')}\n`);
    assert.equal(checkHostKey({ ...policy, acceptNewHostKey: false }, 'h1', 2222, blob('host-a')), 'matched');
  });
});

void test('accept-new appends after a last line without newline', () => {
  withDir((dir) => {
    const file = join(dir, 'known_hosts');
    writeFileSync(file, `other ${pub('host-b')}`);
    checkHostKey({ knownHostsFile: file, acceptNewHostKey: true }, 'h1', 22, blob('host-a'));
    assert.equal(readFileSync(file, 'utf8'), `other ${pub('host-b')}\nh1 ${pub('host-a')}\n`);
  });
});

void test('a changed key is refused even with accept-new, naming both fingerprints, file untouched', () => {
  withDir((dir) => {
    const file = join(dir, 'known_hosts');
    writeFileSync(file, `[h1]:2222 ${pub('host-a')}\n`);
    assert.throws(
      () => checkHostKey({ knownHostsFile: file, acceptNewHostKey: true }, 'h1', 2222, blob('host-b')),
      {
        name: 'HostKeyRejected',
        message:
          `REMOTE HOST IDENTIFICATION HAS CHANGED for h1:2222: ${file} line 1 expects ssh-ed25519 ${fp('host-a')}, ` +
          `the host offers ssh-ed25519 ${fp('host-b')}. Someone may be intercepting the connection, or the host ` +
          `was reinstalled: check the new key, then remove the old one with ssh-keygen -R '[h1]:2222' -f ${file}`,
      },
    );
    assert.equal(readFileSync(file, 'utf8'), `[h1]:2222 ${pub('host-a')}\n`);
  });
});

void test('a new key type for a host known by another type is not accepted automatically', () => {
  withDir((dir) => {
    const file = join(dir, 'known_hosts');
    writeFileSync(file, `h1 ${pub('host-ecdsa')}\n`);
    assert.throws(
      () => checkHostKey({ knownHostsFile: file, acceptNewHostKey: true }, 'h1', 22, blob('host-a')),
      {
        message:
          `host key of h1:22 (ssh-ed25519 ${fp('host-a')}) is not in ${file}, which records only ` +
          `ecdsa-sha2-nistp256 for it: not accepted automatically. Check it, then run: ` +
          `ssh-keyscan -t ssh-ed25519 -p 22 h1 >> ${file}`,
      },
    );
  });
});

void test('a revoked key is refused even with accept-new', () => {
  withDir((dir) => {
    const file = join(dir, 'known_hosts');
    writeFileSync(file, `@revoked h1 ${pub('host-a')}\n`);
    assert.throws(
      () => checkHostKey({ knownHostsFile: file, acceptNewHostKey: true }, 'h1', 22, blob('host-a')),
      {
        message: `host key of h1:22 (ssh-ed25519 ${fp('host-a')}) is marked @revoked in ${file} line 1: refusing to connect`,
      },
    );
  });
});
