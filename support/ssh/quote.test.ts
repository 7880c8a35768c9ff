// Proves with a real `sh -c` that quoted argv arrives byte for byte, whatever the arguments hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shellQuote } from './quote.ts';

/** Runs `printf '%s\0' <quoted argv>` in sh and splits what arrived. */
function roundTrip(argv: readonly string[], cwd: string): string[] {
  const line = shellQuote(['printf', '%s\\0', ...argv]);
  const out = spawnSync('sh', ['-c', line], { cwd, encoding: 'buffer', timeout: 5000 });
  assert.equal(out.status, 0, `sh failed: ${out.stderr.toString()}`);
  const parts = out.stdout.toString('utf8').split('\0');
  assert.equal(parts.pop(), '', 'output ends with a NUL');
  return parts;
}

const hostile = [
  '$(touch pwned)',
  '`touch pwned`',
  'a; touch pwned',
  'a | touch pwned',
  'a && touch pwned',
  "it's",
  "''",
  '"double" "quotes"',
  'line one\nline two\n',
  '',
  '-rf',
  '--',
  'héllo wörld ☎ 日本',
  '*',
  '?[a-z]*',
  '~root',
  'VAR=value',
  '$HOME ${HOME} $((1+1))',
  '\\ back\\slash\\',
  ' leading and trailing spaces ',
  '\ttab',
  '!event',
  'a\'b"c`d$e\\f',
];

void test('hostile arguments arrive byte-identical through sh -c and run nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wla-quote-'));
  try {
    assert.deepEqual(roundTrip(hostile, dir), hostile);
    assert.equal(existsSync(join(dir, 'pwned')), false, 'an injected command ran');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('each hostile argument alone arrives as one argument', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wla-quote-'));
  try {
    for (const arg of hostile) assert.deepEqual(roundTrip([arg], dir), [arg]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('safe words stay readable, everything else is single-quoted', () => {
  assert.equal(shellQuote(['systemctl', 'show', 'wazo-confd.service']), 'systemctl show wazo-confd.service');
  assert.equal(shellQuote(['stat', '-c', '%U:%G %a', '/var/log/x.log']), "stat -c '%U:%G %a' /var/log/x.log");
  assert.equal(shellQuote(['echo', "it's"]), "echo 'it'\\''s'");
  assert.equal(shellQuote(['echo', '']), "echo ''");
  assert.equal(shellQuote(['A=1']), "'A=1'");
});

void test('an empty argv or a NUL byte is refused', () => {
  assert.throws(() => shellQuote([]), {
    name: 'RangeError',
    message: 'shellQuote: expected at least one argument, got an empty argv',
  });
  assert.throws(() => shellQuote(['echo', 'a\0b']), {
    name: 'RangeError',
    message: 'shellQuote: argument 1 contains a NUL byte, which no shell command can carry',
  });
});
