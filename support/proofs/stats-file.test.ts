// WLA_STATS_FILE: the run context appends what the worker's run cost (npm run bench reads it).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveConfig } from '../config/resolve.ts';
import type { HttpClient } from '../http/client.ts';
import { REAL_DEPENDENCIES, WorkerRunContext } from '../run-context.ts';
import type { RunDependencies } from '../run-context.ts';
import type { RemoteHost } from '../ssh/transport.ts';

const CONFIG = resolveConfig({ env: { WAZO_HOST: 'wazo-1' }, cwd: '/', home: '/nonexistent-home' }).config;

function dependencies(env: NodeJS.ProcessEnv): RunDependencies {
  const stats = { connections: 1, channels: 3, bytesIn: 1000, bytesOut: 200 };
  const remote = { label: 'root@wazo-1:22', stats, close: async () => undefined } as unknown as RemoteHost;
  const client = (requestCount: number) =>
    ({ requestCount, close: async () => undefined }) as unknown as HttpClient;
  return {
    ...REAL_DEPENDENCIES,
    env,
    openRemoteHost: async () => remote,
    createHttpsClient: async () => client(5),
    createTunnelClient: () => client(2),
  };
}

void test('with WLA_STATS_FILE, close() appends the transport counts and the HTTP requests', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wla-stats-'));
  const file = join(dir, 'stats.ndjson');
  try {
    const context = new WorkerRunContext(CONFIG, dependencies({ WLA_STATS_FILE: file }));
    await context.remote();
    await context.https();
    await context.tunnel(9486);
    await context.tunnel(9497);
    await context.close();
    const line = JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
    assert.deepEqual(line, {
      pid: process.pid,
      connections: 1,
      channels: 3,
      bytesIn: 1000,
      bytesOut: 200,
      httpRequests: 9,
      httpPeakInFlight: 0,
      httpRounds: 0,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('without WLA_STATS_FILE, or without a connection, nothing is written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wla-stats-'));
  const file = join(dir, 'stats.ndjson');
  try {
    const unset = new WorkerRunContext(CONFIG, dependencies({}));
    await unset.remote();
    await unset.close();
    const unconnected = new WorkerRunContext(CONFIG, dependencies({ WLA_STATS_FILE: file }));
    await unconnected.close();
    assert.equal(existsSync(file), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
