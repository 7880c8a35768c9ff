// Loading the private key: unreadable, not a key, encrypted without or with a wrong passphrase.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPrivateKey } from './private-key.ts';
import { TempDir, newKeyPair } from './testing/keys.ts';

const dir = new TempDir();
after(() => dir.remove());

void test('a readable unencrypted key loads', () => {
  const file = dir.file('plain', newKeyPair().private);
  assert.equal(loadPrivateKey(file, undefined).file, file);
});

void test('a missing file or a file that is no key is a ConfigError', () => {
  const missing = `${dir.path}/missing`;
  assert.throws(() => loadPrivateKey(missing, undefined), {
    name: 'ConfigError',
    message: `cannot read key file ${missing}: ENOENT`,
  });
  const junk = dir.file('junk', 'not a key\n');
  assert.throws(() => loadPrivateKey(junk, undefined), {
    name: 'ConfigError',
    message: `cannot parse key file ${junk}: Unsupported key format`,
  });
});

void test('an encrypted key names the missing passphrase variable, or says the passphrase is wrong', () => {
  const file = dir.file('enc', newKeyPair('s3cret-pass').private);
  assert.throws(() => loadPrivateKey(file, undefined, 'WLA_KEY_PASS'), {
    name: 'AuthFailed',
    message: `cannot decrypt key ${file}: it is encrypted and no passphrase was given (set WLA_KEY_PASS)`,
  });
  assert.throws(() => loadPrivateKey(file, 'guess'), {
    name: 'AuthFailed',
    message: `cannot decrypt key ${file}: wrong passphrase`,
  });
  assert.equal(loadPrivateKey(file, 's3cret-pass').file, file);
});
