// Known_hosts parsing and verification on recorded files (fixtures/ssh), including ssh-keygen -H output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  KnownHosts,
  fingerprintSha256,
  formatKnownHostLine,
  hostEntryName,
  keyTypeOfBlob,
} from './known-hosts.ts';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/ssh/${name}`, import.meta.url), 'utf8');
const blob = (name: string): Buffer =>
  Buffer.from(fixture(`${name}.pub`).trim().split(' ')[1] ?? '', 'base64');
const keyA = blob('host-a');
const keyB = blob('host-b');
const keyC = blob('host-c');
const keyE = blob('host-ecdsa');
const plain = KnownHosts.parse(fixture('known_hosts.plain'));
const hashed = KnownHosts.parse(fixture('known_hosts.hashed'));

void test('fingerprints equal what ssh-keygen -l printed', () => {
  for (const name of ['host-a', 'host-b', 'host-c', 'host-ecdsa']) {
    assert.equal(fingerprintSha256(blob(name)), fixture(`${name}.sha256`).trim());
  }
});

void test('key type is read from the blob', () => {
  assert.equal(keyTypeOfBlob(keyA), 'ssh-ed25519');
  assert.equal(keyTypeOfBlob(keyE), 'ecdsa-sha2-nistp256');
  assert.throws(() => keyTypeOfBlob(Buffer.from([0, 0])), { message: 'host key blob too short (2 bytes)' });
});

void test('plain names, comma lists and [host]:port entries match', () => {
  assert.equal(plain.verify('wazo-1.example.com', 22, 'ssh-ed25519', keyA).status, 'match');
  assert.equal(plain.verify('192.0.2.10', 22, 'ssh-ed25519', keyA).status, 'match');
  assert.equal(plain.verify('wazo-2.example.com', 2222, 'ssh-ed25519', keyB).status, 'match');
  assert.equal(plain.verify('wazo-case.example.com', 22, 'ssh-ed25519', keyA).status, 'match');
  assert.equal(plain.verify('WAZO-1.example.com', 22, 'ssh-ed25519', keyA).status, 'match');
});

void test('the port is part of the name: the same host on another port is unknown', () => {
  assert.equal(plain.verify('wazo-2.example.com', 22, 'ssh-ed25519', keyB).status, 'unknown');
  assert.equal(plain.verify('wazo-1.example.com', 2222, 'ssh-ed25519', keyA).status, 'unknown');
});

void test('another key of the same type is changed and names the expected line', () => {
  const verdict = plain.verify('wazo-1.example.com', 22, 'ssh-ed25519', keyB);
  assert.equal(verdict.status, 'changed');
  assert.deepEqual(
    verdict.entries.map((e) => e.line),
    [3],
  );
});

void test('a key of a type not recorded is unknown and reports the recorded types', () => {
  const verdict = plain.verify('wazo-3.example.com', 22, 'ssh-ed25519', keyA);
  assert.equal(verdict.status, 'unknown');
  assert.deepEqual(verdict.otherTypes, ['ecdsa-sha2-nistp256']);
  assert.equal(plain.verify('wazo-3.example.com', 22, 'ecdsa-sha2-nistp256', keyE).status, 'match');
});

void test('wildcards match and negated patterns exclude', () => {
  assert.equal(plain.verify('x.lab.example.com', 22, 'ssh-ed25519', keyC).status, 'match');
  assert.equal(plain.verify('bad.lab.example.com', 22, 'ssh-ed25519', keyC).status, 'unknown');
  assert.equal(plain.verify('x.lab.example.com', 2222, 'ssh-ed25519', keyC).status, 'unknown');
});

void test('@cert-authority lines never match a plain key; @revoked wins over a plain line', () => {
  assert.equal(plain.verify('any.example.com', 22, 'ssh-ed25519', keyB).status, 'unknown');
  const revoked = plain.verify('revoked.example.com', 22, 'ssh-ed25519', keyC);
  assert.equal(revoked.status, 'revoked');
  assert.deepEqual(
    revoked.entries.map((e) => e.line),
    [8],
  );
});

void test('comments, blank lines and broken lines are skipped, broken ones reported', () => {
  assert.deepEqual(plain.invalidLines, [11]);
  assert.equal(plain.entries.length, 8);
});

void test('hashed entries written by ssh-keygen -H match by HMAC-SHA1 of the name', () => {
  assert.equal(hashed.verify('wazo-1.example.com', 22, 'ssh-ed25519', keyA).status, 'match');
  assert.equal(hashed.verify('wazo-2.example.com', 2222, 'ssh-ed25519', keyB).status, 'match');
  assert.equal(hashed.verify('wazo-2.example.com', 2222, 'ssh-ed25519', keyA).status, 'changed');
  assert.equal(hashed.verify('wazo-2.example.com', 22, 'ssh-ed25519', keyB).status, 'unknown');
  assert.equal(hashed.verify('wazo-9.example.com', 22, 'ssh-ed25519', keyA).status, 'unknown');
});

void test('the written line uses OpenSSH naming and parses back', () => {
  assert.equal(hostEntryName('Wazo.Example.com', 22), 'wazo.example.com');
  assert.equal(hostEntryName('127.0.0.1', 2222), '[127.0.0.1]:2222');
  const line = formatKnownHostLine('127.0.0.1', 2222, keyA);
  assert.equal(line, `[127.0.0.1]:2222 ${fixture('host-a.pub').trim()}`);
  assert.equal(KnownHosts.parse(line).verify('127.0.0.1', 2222, 'ssh-ed25519', keyA).status, 'match');
});
