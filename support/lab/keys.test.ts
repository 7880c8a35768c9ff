// The lab key pair is OpenSSH ed25519, unencrypted, and its halves belong together.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ssh2 from 'ssh2';
import { makeLabKeyPair } from './keys.ts';

void test('a fresh pair: OpenSSH private key, one-line public key with the comment', () => {
  const pair = makeLabKeyPair('wazo-lab test');
  assert.match(pair.privateKey, /^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
  assert.match(pair.publicKey, /^ssh-ed25519 [A-Za-z0-9+/]+=* wazo-lab test$/);
  const parsed = ssh2.utils.parseKey(pair.privateKey);
  if (parsed instanceof Error) assert.fail(parsed.message);
  assert.equal(parsed.type, 'ssh-ed25519');
  assert.equal(parsed.getPublicSSH().toString('base64'), pair.publicKey.split(' ')[1]);
});

void test('each pair is new', () => {
  assert.notEqual(makeLabKeyPair('a').publicKey, makeLabKeyPair('a').publicKey);
});
