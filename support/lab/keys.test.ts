// The lab key pair is OpenSSH ed25519, unencrypted, its halves belong together, and it always parses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ssh2 from 'ssh2';
import { MAX_KEY_DRAWS, makeLabKeyPair, whyUnusable } from './keys.ts';
import type { GeneratedPair, KeyGenerator } from './keys.ts';

// A throwaway pair as ssh2 1.17's generateKeyPairSync('ed25519') really made it: its public key began
// with a zero byte, which the generator stripped (31 bytes left).
const STRIPPED: GeneratedPair = {
  private:
    '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMgAAAAtz\n' +
    'c2gtZWQyNTUxOQAAAB+KIAVOMCyLQvjRdJ1uJ4s8/KcNQjh3fuQ9wpdCyVNkAAAA\n' +
    'iBfO/4gXzv+IAAAAC3NzaC1lZDI1NTE5AAAAH4ogBU4wLItC+NF0nW4nizz8pw1C\n' +
    'OHd+5D3Cl0LJU2QAAAA/ilk5y11CUVuTzziBagCAmf0ElFl8t6KNjWjyi8dfxLmK\n' +
    'IAVOMCyLQvjRdJ1uJ4s8/KcNQjh3fuQ9wpdCyVNkAAAAAXgBAgMEBQY=\n-----END OPENSSH PRIVATE KEY-----\n',
  public: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAH4ogBU4wLItC+NF0nW4nizz8pw1COHd+5D3Cl0LJU2Q= x',
};

const real: KeyGenerator = (comment) => ssh2.utils.generateKeyPairSync('ed25519', { comment });

void test('a fresh pair: OpenSSH private key, one-line public key with the comment', () => {
  const pair = makeLabKeyPair('wazo-lab test');
  assert.match(pair.privateKey, /^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
  assert.match(pair.publicKey, /^ssh-ed25519 [A-Za-z0-9+/]+=* wazo-lab test$/);
  const parsed = ssh2.utils.parseKey(pair.privateKey);
  if (parsed instanceof Error) assert.fail(parsed.message);
  assert.equal(parsed.type, 'ssh-ed25519');
  assert.equal(parsed.getPublicSSH().toString('base64'), pair.publicKey.split(' ')[1]);
  const publicKey = ssh2.utils.parseKey(pair.publicKey);
  if (publicKey instanceof Error) assert.fail(publicKey.message);
  const data = Buffer.from('wazo-lab');
  assert.equal(publicKey.verify(data, parsed.sign(data)), true);
});

void test('each pair is new', () => {
  assert.notEqual(makeLabKeyPair('a').publicKey, makeLabKeyPair('a').publicKey);
});

void test('a pair whose public key lost its leading zero byte is unusable', () => {
  assert.equal(whyUnusable(STRIPPED), 'private key: Malformed OpenSSH private key');
  assert.equal(
    whyUnusable({ ...STRIPPED, private: makeLabKeyPair('x').privateKey }),
    'public key: Malformed OpenSSH public key',
  );
});

void test('halves of two different pairs are unusable together', () => {
  const one = makeLabKeyPair('one');
  const other = makeLabKeyPair('other');
  assert.equal(
    whyUnusable({ private: one.privateKey, public: other.publicKey }),
    'public key: does not match the private key',
  );
});

void test('a stripped draw is drawn again', () => {
  const draws: string[] = [];
  const pair = makeLabKeyPair('again', (comment) => {
    draws.push(comment);
    return draws.length === 1 ? STRIPPED : real(comment);
  });
  assert.deepEqual(draws, ['again', 'again']);
  assert.notEqual(pair.publicKey, STRIPPED.public);
  assert.equal(whyUnusable({ private: pair.privateKey, public: pair.publicKey }), undefined);
});

void test('a generator that never gives a usable pair stops after a bounded number of draws', () => {
  let draws = 0;
  assert.throws(
    () =>
      makeLabKeyPair('never', () => {
        draws++;
        return STRIPPED;
      }),
    {
      message:
        `no usable ed25519 lab key in 8 draws (` +
        Array.from({ length: 8 }, (_, i) => `draw ${i + 1}: private key: Malformed OpenSSH private key`).join(
          '; ',
        ) +
        ')',
    },
  );
  assert.equal(draws, MAX_KEY_DRAWS);
});

// ssh2 strips about one public key in 256, so 5,000 pairs meet the bug about 20 times (measured: ~1 s).
void test('5,000 lab key pairs all parse and hold the same 32-byte public key in both halves', () => {
  let draws = 0;
  const counting: KeyGenerator = (comment) => {
    draws++;
    return real(comment);
  };
  for (let i = 0; i < 5000; i++) {
    const pair = makeLabKeyPair(`wazo-lab ${i}`, counting);
    const privateKey = ssh2.utils.parseKey(pair.privateKey);
    const publicKey = ssh2.utils.parseKey(pair.publicKey);
    if (privateKey instanceof Error) assert.fail(`pair ${i}: private key: ${privateKey.message}`);
    if (publicKey instanceof Error) assert.fail(`pair ${i}: public key: ${publicKey.message}`);
    // string "ssh-ed25519" (4 + 11 bytes), then string key (4 + 32 bytes)
    assert.equal(publicKey.getPublicSSH().length, 51, `pair ${i}: public key blob length`);
    assert.deepEqual(privateKey.getPublicSSH(), publicKey.getPublicSSH(), `pair ${i}: halves`);
  }
  assert.ok(draws >= 5000, `draws: ${draws}`);
});
