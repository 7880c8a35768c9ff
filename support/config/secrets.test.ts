// Secrets come from the environment variables the config names, and are scrubbed from any text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveConfig } from './resolve.ts';
import { readSecrets, redactSecrets, secretState } from './secrets.ts';

const config = resolveConfig({ env: { WAZO_HOST: 'h' }, cwd: '/', home: '/nonexistent-home' }).config;

void test('the secrets are read from the default variables, or the ones the config names', () => {
  assert.deepEqual(readSecrets(config, { WAZO_SSH_PASSPHRASE: 'p1', WAZO_CONSUL_TOKEN: 't1' }), {
    passphrase: 'p1',
    consulToken: 't1',
  });
  const named = { ...config, ssh: { ...config.ssh, passphraseEnv: 'MY_PP' } };
  assert.deepEqual(readSecrets(named, { WAZO_SSH_PASSPHRASE: 'p1', MY_PP: 'p2' }), { passphrase: 'p2' });
  assert.deepEqual(readSecrets(config, { WAZO_SSH_PASSPHRASE: '' }), {});
});

void test('every occurrence of a secret is redacted; very short values are left alone', () => {
  assert.equal(
    redactSecrets('token abcd1234 and abcd1234 again, passphrase xyz9', {
      consulToken: 'abcd1234',
      passphrase: 'xyz9',
    }),
    'token <redacted> and <redacted> again, passphrase <redacted>',
  );
  assert.equal(redactSecrets('a b c', { passphrase: 'a' }), 'a b c');
});

void test('a secret is shown only as set or unset', () => {
  assert.equal(secretState('s3cret'), '<set>');
  assert.equal(secretState(undefined), '<unset>');
  assert.equal(secretState(''), '<unset>');
});
