// The channel pool never runs more than its size at once and frees a slot even when a task fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { ChannelPool } from './channel-pool.ts';

void test('at most `size` tasks run at once; the others queue and all complete', async () => {
  const pool = new ChannelPool(3);
  let running = 0;
  let peak = 0;
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      pool.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await sleep(5);
        running -= 1;
        return i;
      }),
    ),
  );
  assert.equal(peak, 3);
  assert.equal(pool.peak, 3);
  assert.deepEqual(
    results,
    Array.from({ length: 20 }, (_, i) => i),
  );
});

void test('a failing task frees its slot', async () => {
  const pool = new ChannelPool(1);
  await assert.rejects(
    pool.run(async () => Promise.reject(new Error('boom'))),
    { message: 'boom' },
  );
  assert.equal(await pool.run(async () => 'next'), 'next');
  assert.equal(pool.queued, 0);
});

void test('a size below 1 is refused', () => {
  assert.throws(() => new ChannelPool(0), { message: 'channel pool size must be >= 1, got 0' });
});
