// Boot readiness: `running` is ready, `degraded` fails naming the failed units, silence times out naming the container.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bootVerdict, waitUntilBooted } from './ready.ts';
import type { BootProbe } from './ready.ts';

const LABEL = 'lab container wazo-lab-0123456789 (0123456789ab)';

function probe(answers: (string | Error)[], failed = ''): BootProbe & { asked: number } {
  return {
    label: LABEL,
    asked: 0,
    async systemState() {
      const answer = answers[Math.min(this.asked++, answers.length - 1)];
      if (answer instanceof Error) throw answer;
      return answer ?? '';
    },
    async failedUnits() {
      return failed;
    },
  };
}

void test('each answer of systemctl is-system-running has a verdict', () => {
  assert.equal(bootVerdict('running\n'), 'ready');
  assert.equal(bootVerdict('degraded\n'), 'failed');
  assert.equal(bootVerdict('maintenance'), 'failed');
  for (const answer of ['initializing', 'starting', 'stopping', 'offline', 'unknown', '']) {
    assert.equal(bootVerdict(answer), 'waiting', answer);
  }
});

void test('waits through starting and unanswered asks until running', async () => {
  const p = probe([new Error('Failed to connect to bus'), 'starting\n', 'starting\n', 'running\n']);
  const waited = await waitUntilBooted(p, 5_000, 1);
  assert.equal(p.asked, 4);
  assert.ok(waited >= 0);
});

void test('degraded fails at once with the failed units', async () => {
  const failed =
    'nginx.service loaded failed failed A high performance web server\nmonit.service loaded failed failed LSB\n';
  const p = probe(['starting', 'degraded\n'], failed);
  await assert.rejects(waitUntilBooted(p, 5_000, 1), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'REMOTE_COMMAND_FAILED');
    assert.match(
      err.message,
      new RegExp(
        `^${escape(LABEL)}: systemd answered "degraded" after \\d+ ms, expected "running"; failed units:\n` +
          '  nginx.service loaded failed failed A high performance web server\n' +
          '  monit.service loaded failed failed LSB$',
      ),
    );
    return true;
  });
  assert.equal(p.asked, 2);
});

void test('a boot that never finishes times out naming the container, the wait and the last answer', async () => {
  await assert.rejects(waitUntilBooted(probe(['starting\n']), 50, 5), {
    code: 'TIMED_OUT',
    message: `${LABEL}: expected "systemctl is-system-running" to answer "running" within 50 ms; last answer: "starting"`,
  });
});

void test('a boot that never finishes names the jobs still queued', async () => {
  const p = {
    ...probe(['starting\n']),
    pendingJobs: async () => '612 wazo-provd.service start running\n640 multi-user.target start waiting\n',
  };
  await assert.rejects(waitUntilBooted(p, 30, 5), {
    code: 'TIMED_OUT',
    message:
      `${LABEL}: expected "systemctl is-system-running" to answer "running" within 30 ms; last answer: "starting"; ` +
      'jobs still queued:\n  612 wazo-provd.service start running\n  640 multi-user.target start waiting',
  });
});

void test('a container that never answers times out with the reason it could not be asked', async () => {
  await assert.rejects(waitUntilBooted(probe([new Error('container is not running')]), 30, 5), {
    code: 'TIMED_OUT',
    message: `${LABEL}: expected "systemctl is-system-running" to answer "running" within 30 ms; last answer: "could not ask: container is not running"`,
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
