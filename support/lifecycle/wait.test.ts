// Bounded waits: success on the first good observation; on timeout, what was awaited, how long, what was seen last.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TimedOut } from '../errors.ts';
import { service } from '../checks/testing/catalog.ts';
import { healthyFacts } from '../checks/testing/healthy-host.ts';
import type { HostFacts } from '../facts/types.ts';
import { MONIT_BOOT_ALLOWANCE_S, monitQuiet, untilMonitAnswers, waitFor } from './wait.ts';

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

const REFUSED = 'Cannot create socket to [localhost]:2812 -- Connection refused';

/** A look at a host booted at T, taken at `at`, whose monit answers or not. */
function look(at: number, answering: boolean): HostFacts {
  const facts = healthyFacts([service('wazo-provd')]);
  facts.pid1StartedAt = 1_000;
  facts.hostTime = at;
  if (!answering) facts.monit = { running: true, processes: [], error: REFUSED };
  return facts;
}

/** A fake clock that sleeping advances, and looks that answer from the nth on. */
function patience(looks: HostFacts[]) {
  let clock = 0;
  const calls = { looks: 0, slept: [] as number[] };
  return {
    calls,
    lookAgain: async () => {
      calls.looks += 1;
      return looks.shift() ?? look(9_999, false);
    },
    options: {
      intervalMs: 5_000,
      now: () => clock,
      sleep: async (ms: number) => {
        calls.slept.push(ms);
        clock += ms;
      },
    },
  };
}

void test('right after a boot, a silent monit is looked at again until it answers', async () => {
  const p = patience([look(1_015, false), look(1_020, true)]);
  const facts = await untilMonitAnswers(look(1_010, false), p.lookAgain, p.options);
  assert.equal(facts.hostTime, 1_020);
  assert.equal(monitQuiet(facts), undefined);
  assert.equal(p.calls.looks, 2);
});

void test('a monit still silent when the allowance ends: the last look, saying why (NSC-08 not checked)', async () => {
  const p = patience([]);
  const facts = await untilMonitAnswers(look(1_040, false), p.lookAgain, p.options);
  assert.equal(MONIT_BOOT_ALLOWANCE_S, 60);
  assert.equal(
    monitQuiet(facts),
    `monit not answering: ${REFUSED} (a monit process runs, e.g. still in its start delay)`,
  );
  // 20 s were left of the 60 s after the boot: one pause of 5 s, then looks until 20 s have passed.
  assert.deepEqual(p.calls.slept, [5_000, 5_000, 5_000, 5_000]);
  assert.equal(p.calls.looks, 4);
});

void test('no waiting on a host booted long ago, on a monit that answers, or without boot times', async () => {
  const p = patience([]);
  const old = look(5_000, false);
  assert.equal(await untilMonitAnswers(old, p.lookAgain, p.options), old);
  const answering = look(1_010, true);
  assert.equal(await untilMonitAnswers(answering, p.lookAgain, p.options), answering);
  const timeless = look(1_010, false);
  delete timeless.pid1StartedAt;
  assert.equal(await untilMonitAnswers(timeless, p.lookAgain, p.options), timeless);
  assert.deepEqual(p.calls, { looks: 0, slept: [] });
});

void test('a monit status that could not be read at all (no root) is no reason to wait', async () => {
  const p = patience([]);
  const unreadable = look(1_010, false);
  unreadable.errors.push({
    section: 'monit',
    key: 'status',
    exitCode: 1,
    stderr: "Cannot open the control file '/etc/monit/monitrc' -- Permission denied",
    message:
      "monit status exited with 1: Cannot open the control file '/etc/monit/monitrc' -- Permission denied",
  });
  assert.equal(monitQuiet(unreadable), undefined);
  assert.equal(await untilMonitAnswers(unreadable, p.lookAgain, p.options), unreadable);
  assert.deepEqual(p.calls, { looks: 0, slept: [] });
});

void test('a check still Initializing counts as monit not answering yet', () => {
  const facts = look(1_010, true);
  facts.monit.processes[0]!.monitoringStatus = 'Initializing';
  assert.equal(
    monitQuiet(facts),
    "monit not answering for Process 'wazo-provd' yet: monitoring status Initializing (its first cycle has not run)",
  );
});
