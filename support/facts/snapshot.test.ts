// Guards on snapshot.sh itself: it only reads, and a hostile name or path stays data.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { gatherFacts, SNAPSHOT_SCRIPT } from './gather.ts';
import { LocalHost } from './local-host.ts';
import { writableKey } from './types.ts';

/** The script without its comments, for the text checks. */
const code = SNAPSHOT_SCRIPT.split('\n')
  .filter((line) => !line.trim().startsWith('#'))
  .join('\n');

void test('the script redirects output only to its own descriptors and /dev/null', () => {
  const redirections = [...code.matchAll(/(?:^|[\s;(])\d?>>?\s*([^\s;)&|]+)/gm)].map((m) => m[1]);
  const toFiles = redirections.filter((target) => target !== '/dev/null' && !/^&\d*-?$/.test(target ?? ''));
  assert.deepEqual(toFiles, []);
});

void test('the script runs no command that writes, restarts or makes temporary files', () => {
  const writers = /\b(rm|mv|cp|mkdir|touch|mktemp|tee|chmod|chown|ln|dd|truncate|install|kill|pkill)\s/;
  const control = /systemctl\s+(start|stop|restart|reload|enable|disable|mask|daemon-reload|kill)\b/;
  const service = /(monit|wazo-service)\s+(start|stop|restart|monitor|unmonitor|enable|disable|reload)\b/;
  for (const re of [writers, control, service]) assert.doesNotMatch(code, re);
  assert.match(code, /^set -u$/m);
});

void test('a path or name holding shell code is only data: nothing runs, nothing is created', async () => {
  const marker = `/tmp/wla-snapshot-pwned-${process.pid}`;
  const hostile = `/tmp/x$(touch ${marker})\`touch ${marker}\`;touch ${marker}`;
  const facts = await gatherFacts(new LocalHost('localhost'), {
    users: ['nobody'],
    groups: [],
    paths: [hostile, "/tmp/it's a 'quoted' path"],
    writeChecks: [{ user: 'nobody', path: hostile }],
    units: [],
    packages: [],
  });
  assert.equal(existsSync(marker), false);
  assert.equal(facts.files.get(hostile)?.exists, false);
  assert.equal(facts.files.get("/tmp/it's a 'quoted' path")?.exists, false);
  assert.equal(facts.writable.get(writableKey('nobody', hostile)), false);
});
