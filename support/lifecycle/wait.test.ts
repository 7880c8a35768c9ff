// Bounded waits: success on the first good observation; on timeout, what was awaited, how long, what was seen last.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TimedOut } from '../errors.ts';
import { waitFor } from './wait.ts';

void test('returns the first observation that satisfies the condition', async () => {
  let n = 0;
  const seen = await waitFor(
    async () => ++n,
    (v) => v === 3,
    {
      what: 'three',
      timeoutMs: 1_000,
      intervalMs: 1,
      describe: String,
    },
  );
  assert.equal(seen, 3);
});

void test('times out naming what it awaited, how long it waited and the last thing it saw', async () => {
  let clock = 0;
  const probe = async () => {
    clock += 600;
    return 'starting';
  };
  await assert.rejects(
    waitFor(probe, (s) => s === 'running', {
      what: 'systemd on lab to settle',
      timeoutMs: 1_000,
      intervalMs: 1,
      describe: (s) => `is-system-running=${s}`,
      now: () => clock,
    }),
    new TimedOut(
      'expected systemd on lab to settle within 1000 ms; waited 1200 ms, last seen: is-system-running=starting',
    ),
  );
});

void test('a probe that throws is an observation: its message is what was seen', async () => {
  let clock = 0;
  const probe = async (): Promise<string> => {
    clock += 2_000;
    throw new Error('connect ECONNREFUSED 127.0.0.1:22');
  };
  await assert.rejects(
    waitFor(probe, () => true, {
      what: 'SSH',
      timeoutMs: 1_000,
      intervalMs: 1,
      describe: String,
      now: () => clock,
    }),
    new TimedOut('expected SSH within 1000 ms; waited 2000 ms, last seen: connect ECONNREFUSED 127.0.0.1:22'),
  );
});
