// Tests of the facts cache: one gather per run, rejections not cached, refresh replaces.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFactsCache } from './cache.ts';
import type { HostFacts } from './types.ts';

const facts = (hostname: string) => ({ hostname }) as HostFacts;

void test('get() gathers once and shares the promise', async () => {
  let calls = 0;
  const cache = createFactsCache(async () => facts(`h${++calls}`));
  const [a, b] = await Promise.all([cache.get(), cache.get()]);
  assert.equal(a, b);
  assert.equal((await cache.get()).hostname, 'h1');
  assert.equal(calls, 1);
});

void test('a rejection is not cached: the next get() gathers again', async () => {
  let calls = 0;
  const cache = createFactsCache(async () => {
    calls += 1;
    if (calls === 1) throw new Error('host unreachable');
    return facts('up');
  });
  await assert.rejects(cache.get(), { message: 'host unreachable' });
  assert.equal((await cache.get()).hostname, 'up');
  assert.equal(calls, 2);
});

void test('refresh() gathers again and get() then returns the new facts', async () => {
  let calls = 0;
  const cache = createFactsCache(async () => facts(`h${++calls}`));
  assert.equal((await cache.get()).hostname, 'h1');
  assert.equal((await cache.refresh()).hostname, 'h2');
  assert.equal((await cache.get()).hostname, 'h2');
});

void test('a failed refresh leaves no cached promise behind', async () => {
  let fail = false;
  const cache = createFactsCache(async () => {
    if (fail) throw new Error('rebooting');
    return facts('ok');
  });
  await cache.get();
  fail = true;
  await assert.rejects(cache.refresh(), { message: 'rebooting' });
  fail = false;
  assert.equal((await cache.get()).hostname, 'ok');
});
