// --shard: every parse error word for word, auto/N from each engine's variable, and the split's promises.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../errors.ts';
import { parseShard, shardOf } from './shard.ts';
import type { Shard } from './shard.ts';

const ALLOWED = 'I/N with 1 <= I <= N <= 1000, or auto/N';
const LOOKED_FOR =
  'none of WLA_SHARD_INDEX (1-based, any engine, e.g. set from a GitHub Actions matrix), ' +
  'CI_NODE_INDEX (1-based, GitLab CI parallel:), JOB_COMPLETION_INDEX (0-based, Kubernetes Indexed Job) is set';

function messageOf(text: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    return JSON.stringify(parseShard(text, env));
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.message;
  }
}

void test('I/N is taken as written, from 1/1 up to 1000/1000', () => {
  assert.deepEqual(parseShard('1/1', {}), { index: 1, count: 1 });
  assert.deepEqual(parseShard('2/3', {}), { index: 2, count: 3 });
  assert.deepEqual(parseShard('1000/1000', {}), { index: 1000, count: 1000 });
});

void test('a malformed or out-of-range spec names what was given and what is allowed', () => {
  for (const text of [
    '3/2',
    '0/2',
    '1/0',
    '1/1001',
    '2',
    '',
    ' 1/2',
    '1/2 ',
    '-1/2',
    '1.5/2',
    'auto',
    'auto/0',
    'auto/1001',
    'AUTO/2',
  ]) {
    assert.equal(messageOf(text), `--shard: ${JSON.stringify(text)} is not allowed: ${ALLOWED}`, text);
  }
});

void test('auto/N takes a 1-based index from GitLab CI, checking CI_NODE_TOTAL against N', () => {
  assert.deepEqual(parseShard('auto/3', { CI_NODE_INDEX: '3', CI_NODE_TOTAL: '3' }), { index: 3, count: 3 });
  assert.deepEqual(parseShard('auto/3', { CI_NODE_INDEX: '1' }), { index: 1, count: 3 });
  assert.equal(
    messageOf('auto/3', { CI_NODE_INDEX: '2', CI_NODE_TOTAL: '4' }),
    '--shard: "auto/3": CI_NODE_TOTAL is "4", not 3; make the job\'s parallel: and auto/N the same number',
  );
  assert.equal(
    messageOf('auto/3', { CI_NODE_INDEX: '4', CI_NODE_TOTAL: '3' }),
    '--shard: "auto/3": CI_NODE_INDEX is "4", allowed an integer from 1 to 3',
  );
  assert.equal(
    messageOf('auto/3', { CI_NODE_INDEX: '0' }),
    '--shard: "auto/3": CI_NODE_INDEX is "0", allowed an integer from 1 to 3',
  );
});

void test('auto/N takes a 0-based index from a Kubernetes Indexed Job', () => {
  assert.deepEqual(parseShard('auto/4', { JOB_COMPLETION_INDEX: '0' }), { index: 1, count: 4 });
  assert.deepEqual(parseShard('auto/4', { JOB_COMPLETION_INDEX: '3' }), { index: 4, count: 4 });
  assert.equal(
    messageOf('auto/4', { JOB_COMPLETION_INDEX: '4' }),
    '--shard: "auto/4": JOB_COMPLETION_INDEX is "4", allowed an integer from 0 to 3',
  );
  assert.equal(
    messageOf('auto/4', { JOB_COMPLETION_INDEX: 'x1' }),
    '--shard: "auto/4": JOB_COMPLETION_INDEX is "x1", allowed an integer from 0 to 3',
  );
});

void test("auto/N takes a 1-based WLA_SHARD_INDEX, which wins over the engines' variables", () => {
  assert.deepEqual(parseShard('auto/3', { WLA_SHARD_INDEX: '2' }), { index: 2, count: 3 });
  assert.deepEqual(
    parseShard('auto/3', { WLA_SHARD_INDEX: '3', CI_NODE_INDEX: '1', JOB_COMPLETION_INDEX: '0' }),
    {
      index: 3,
      count: 3,
    },
  );
  assert.equal(
    messageOf('auto/3', { WLA_SHARD_INDEX: '2.0' }),
    '--shard: "auto/3": WLA_SHARD_INDEX is "2.0", allowed an integer from 1 to 3',
  );
});

void test('auto/N with no index in the environment says which variables were looked for', () => {
  const expected = `--shard: "auto/2" takes the shard index from the environment, but ${LOOKED_FOR}; give I/N instead`;
  assert.equal(messageOf('auto/2', {}), expected);
  assert.equal(messageOf('auto/2', { CI_NODE_INDEX: '', CI_NODE_TOTAL: '2', HOME: '/root' }), expected);
});

const HOSTS = Array.from(
  { length: 1000 },
  (_, i) => `wazo-${String(i + 1).padStart(4, '0')}.example.internal`,
);
const byName = (name: string): string => name;

/** Each key's shard number, 1..count. */
function assignment(keys: readonly string[], count: number): Map<string, number> {
  const owners = new Map<string, number>();
  for (let index = 1; index <= count; index += 1) {
    for (const key of shardOf(keys, byName, { index, count })) owners.set(key, index);
  }
  return owners;
}

void test('the split does not depend on the input order, and keeps that order', () => {
  const reversed = [...HOSTS].reverse();
  const shard: Shard = { index: 2, count: 3 };
  const forward = shardOf(HOSTS, byName, shard);
  const backward = shardOf(reversed, byName, shard);
  assert.deepEqual(new Set(backward), new Set(forward));
  assert.deepEqual(backward, [...forward].reverse());
});

void test('the shards cover every host once: their union is the input, with no overlap', () => {
  for (const count of [1, 2, 3, 8]) {
    const parts = Array.from({ length: count }, (_, i) => shardOf(HOSTS, byName, { index: i + 1, count }));
    const all = parts.flat();
    assert.equal(all.length, HOSTS.length, `${count} shards`);
    assert.deepEqual([...all].sort(), [...HOSTS].sort(), `${count} shards`);
  }
});

void test('1000 hosts over 2, 3 and 8 shards: every shard holds within 25% of 1000/N', () => {
  for (const count of [2, 3, 8]) {
    const mean = HOSTS.length / count;
    for (let index = 1; index <= count; index += 1) {
      const size = shardOf(HOSTS, byName, { index, count }).length;
      assert.ok(Math.abs(size - mean) <= mean * 0.25, `shard ${index}/${count} holds ${size}, mean ${mean}`);
    }
  }
});

void test('adding hosts moves exactly those hosts; no other host changes shard', () => {
  const before = assignment(HOSTS, 8);
  const added = Array.from({ length: 10 }, (_, i) => `new-${i}.example.internal`);
  const after = assignment([...HOSTS, ...added], 8);
  const moved = HOSTS.filter((host) => before.get(host) !== after.get(host));
  assert.deepEqual(moved, []);
  assert.equal(after.size, HOSTS.length + added.length);
});

void test('going from 8 to 9 shards moves about 1/9 of the hosts, all of them into the new shard', () => {
  const before = assignment(HOSTS, 8);
  const after = assignment(HOSTS, 9);
  const moved = HOSTS.filter((host) => before.get(host) !== after.get(host));
  assert.ok(moved.every((host) => after.get(host) === 9));
  const expected = HOSTS.length / 9;
  assert.ok(
    Math.abs(moved.length - expected) <= expected * 0.25,
    `${moved.length} moved, about ${expected} expected`,
  );
});

void test('items that share a key (an HA pair) land in the same shard, whatever their order', () => {
  const items = HOSTS.slice(0, 200).flatMap((host, i) =>
    i % 2 === 0
      ? [
          { name: host, pair: host },
          { name: `${host}-slave`, pair: host },
        ]
      : [{ name: host, pair: host }],
  );
  const shuffled = [...items].sort((a, b) =>
    a.name.split('').reverse().join('').localeCompare(b.name.split('').reverse().join('')),
  );
  for (const list of [items, shuffled]) {
    for (let index = 1; index <= 3; index += 1) {
      const part = shardOf(list, (item) => item.pair, { index, count: 3 });
      const pairs = new Set(part.map((item) => item.pair));
      assert.equal(part.length, list.filter((item) => pairs.has(item.pair)).length, `shard ${index}/3`);
    }
  }
});

void test('a single shard holds everything', () => {
  assert.deepEqual(shardOf(HOSTS, byName, { index: 1, count: 1 }), HOSTS);
  assert.deepEqual(shardOf([], byName, { index: 1, count: 3 }), []);
});
