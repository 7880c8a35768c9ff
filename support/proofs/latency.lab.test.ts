// Latency changes the time, not the verdicts: a daily run behind a 100 ms RTT proxy matches one at 0 ms, scenario by scenario.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startLab } from '../lab/lab.ts';
import type { Lab } from '../lab/lab.ts';
import { readResults } from '../cli/testing/run-cli.ts';
import type { CheckResult } from '../result.ts';
import { distantLab } from './bench/latency.ts';
import type { DistantLab } from './bench/latency.ts';
import { runCliProcess } from './cli-process.ts';

const RUN_TIMEOUT_MS = 300_000;

let lab: Lab;
let work: string;

before(async () => {
  lab = await startLab({ dir: `.lab/latency-${process.pid}` });
  work = mkdtempSync(join(tmpdir(), 'wla-latency-'));
});

after(async () => {
  await lab?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

interface DailyRun {
  code: number | null;
  results: string[];
  connections: number;
  channels: number;
}

/** One daily run; its results as sorted "service item status message" lines with the ports masked. */
async function daily(name: string, configFile: string, ports: readonly number[]): Promise<DailyRun> {
  const messages = join(work, `${name}.ndjson`);
  const statsFile = join(work, `${name}.stats`);
  const args = ['--config', configFile, '--profile', 'daily', '--format', `message:${messages}`];
  const run = await runCliProcess(args, {
    cwd: work,
    env: { WLA_STATS_FILE: statsFile },
    timeoutMs: RUN_TIMEOUT_MS,
  });
  // 1 is a verdict (some check failed on this lab); anything else means the run itself went wrong.
  assert.ok(
    run.code === 0 || run.code === 1,
    `the ${name} run exited ${run.code}:\n${run.stderr.slice(-2000)}`,
  );
  const stats = readFileSync(statsFile, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { connections: number; channels: number });
  return {
    code: run.code,
    results: readResults(messages)
      .map((result) => line(result, ports))
      .sort(),
    connections: stats.reduce((sum, s) => sum + s.connections, 0),
    channels: stats.reduce((sum, s) => sum + s.channels, 0),
  };
}

function line(result: CheckResult, ports: readonly number[]): string {
  const masked = ports.reduce(
    (text, port) => text.replace(new RegExp(`\\b${port}\\b`, 'g'), '<port>'),
    result.message,
  );
  return `${result.service} ${result.item} ${result.status} ${masked}`;
}

void test('a daily run at 100 ms RTT gives the results and the SSH cost of a run at 0 ms', async () => {
  const distant: DistantLab = await distantLab(lab, 100);
  try {
    const ports = [lab.sshPort, lab.httpsPort, distant.ssh.port, distant.https.port];
    const near = await daily('near', lab.configFile, ports);
    const far = await daily('far', distant.configFile, ports);
    assert.ok(near.results.length >= 18 * 10, `only ${near.results.length} results at 0 ms`);
    assert.deepEqual(far.results, near.results);
    assert.equal(far.code, near.code);
    assert.deepEqual(
      { connections: far.connections, channels: far.channels },
      { connections: near.connections, channels: near.channels },
    );
    // In-process the run goes on over the preflight's connection, so the worker's stats count every one of them.
    assert.equal(distant.ssh.accepted, far.connections, 'SSH connections through the proxy');
    assert.equal(far.connections, 1, 'one SSH handshake for the whole run');
  } finally {
    await distant.close();
  }
});
