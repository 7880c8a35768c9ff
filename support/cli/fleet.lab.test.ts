// A fleet run over three labs and one address that never answers: one process checks them at once, each host's
// outcomes are exactly those of its own single-host run, the dead host is reported without holding the others up,
// shards merged give the unsharded results, and a second run compared with the first names its one new failure.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { PACKAGE_ROOT } from '../config/defaults.ts';
import { runCliProcess } from '../proofs/cli-process.ts';
import type { CliProcessRun } from '../proofs/cli-process.ts';
import type { FleetRecord } from '../report/fleet-record.ts';
import type { CheckResult } from '../result.ts';
import type { StartedMember } from './testing/lab-fleet.ts';
import { labEntry, startLabFleet, stopLabFleet, writeInventory } from './testing/lab-fleet.ts';
import { readResults } from './testing/run-cli.ts';

const RUN_TIMEOUT_MS = 400_000;
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../reports/test-artifacts/', import.meta.url));
/** pbx-gone: a port that accepts TCP and then says nothing, as a hung host does: the SSH handshake waits its timeout. */
const UNREACHABLE_CONNECT_MS = 4_000;
let silent: Server | undefined;
const MUTATION = 'nsc04-amid-log-owned-by-root';
const SECOND_MUTATION = 'nsc14-agid-not-backed-up';

let dir = '';
let members: StartedMember[] = [];
let inventory = '';
let fleet: CliProcessRun | undefined;
const fleetDir = (): string => join(dir, 'fleet');

function member(name: string): StartedMember {
  const found = members.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no lab ${name}`);
  return found;
}

function cli(args: readonly string[]): Promise<CliProcessRun> {
  return runCliProcess(args, { cwd: dir, timeoutMs: RUN_TIMEOUT_MS });
}

/** What a host's run found, comparable across runs (request times in evidence and messages vary). */
function outcomes(results: readonly CheckResult[]): string[] {
  return results
    .map((r) => `${r.service} ${r.item} ${r.status}: ${r.message.replace(/\d+ ms\b/g, 'N ms')}`)
    .sort();
}

const hostResults = (reportDir: string, name: string): CheckResult[] =>
  readResults(join(reportDir, 'hosts', name, 'run.ndjson'));

const readRecord = (reportDir: string): FleetRecord =>
  JSON.parse(readFileSync(join(reportDir, 'fleet.json'), 'utf8')) as FleetRecord;

/** A lab's settings aimed at an address that never answers, with a short connect timeout. */
function unreachable(entry: Record<string, unknown>, port: number): Record<string, unknown> {
  const ssh = entry['ssh'] as Record<string, unknown>;
  return { ...entry, ssh: { ...ssh, port, connectTimeoutMs: UNREACHABLE_CONNECT_MS } };
}

/** A TCP port that accepts connections and never sends a byte. */
async function silentPort(): Promise<number> {
  const sockets = new Set<Socket>();
  silent = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  silent.on('close', () => sockets.forEach((socket) => socket.destroy()));
  await new Promise<void>((resolve) => silent?.listen(0, '127.0.0.1', resolve));
  return (silent.address() as AddressInfo).port;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wla-fleet-'));
  members = await startLabFleet(join(PACKAGE_ROOT, '.lab', `fleet-${process.pid}`), [
    { name: 'pbx-main' },
    { name: 'pbx-standby', variant: 'ha-slave' },
    { name: 'pbx-broken', mutation: MUTATION },
  ]);
  inventory = writeInventory(join(dir, 'inventory.yml'), [
    {
      ...labEntry(member('pbx-main').lab, 'pbx-main'),
      role: 'master',
      labels: { team: 'a' },
      slave: labEntry(member('pbx-standby').lab, 'pbx-standby'),
    },
    { ...labEntry(member('pbx-broken').lab, 'pbx-broken'), groups: ['canary'], labels: { team: 'b' } },
    unreachable(labEntry(member('pbx-main').lab, 'pbx-gone'), await silentPort()),
  ]);
});

after(async () => {
  silent?.close();
  await stopLabFleet(members);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

void test('one run over the inventory: per-host outcomes equal single-host runs, the dead host is reported, exit 1', async () => {
  fleet = await cli(['--inventory', inventory, '--report-dir', fleetDir(), '--hosts-parallel', '4']);
  assert.equal(fleet.code, 1, fleet.stderr);
  const record = readRecord(fleetDir());
  assert.deepEqual(
    record.hosts.map((host) => [host.name, host.role, host.outcome, host.profile]),
    [
      ['pbx-main', 'master', 'checked', 'daily'],
      ['pbx-standby', 'slave', 'checked', 'ha-slave'],
      ['pbx-broken', 'standalone', 'checked', 'daily'],
      ['pbx-gone', 'standalone', 'unreachable', 'daily'],
    ],
  );
  const gone = record.hosts[3];
  assert.match(
    gone?.reason ?? '',
    /^cannot check 127\.0\.0\.1: cannot reach root@127\.0\.0\.1:\d+: SSH handshake with 127\.0\.0\.1:\d+ did not complete within 4000 ms$/,
  );
  const singles = await Promise.all([
    cli(['--config', member('pbx-main').lab.configFile, '--report-dir', join(dir, 'single-main')]),
    cli([
      '--config',
      member('pbx-standby').lab.configFile,
      '--profile',
      'ha-slave',
      '--report-dir',
      join(dir, 'single-standby'),
    ]),
    cli(['--config', member('pbx-broken').lab.configFile, '--report-dir', join(dir, 'single-broken')]),
  ]);
  const pairs: [string, string][] = [
    ['pbx-main', 'single-main'],
    ['pbx-standby', 'single-standby'],
    ['pbx-broken', 'single-broken'],
  ];
  for (const [name, single] of pairs) {
    const expected = outcomes(readResults(join(dir, single, 'run.ndjson')));
    assert.ok(expected.length > 0, `${single} ran no check`);
    assert.deepEqual(
      outcomes(hostResults(fleetDir(), name)),
      expected,
      `${name} differs from its single-host run`,
    );
  }
  const broken = hostResults(fleetDir(), 'pbx-broken').filter((r) => r.status === 'failed');
  assert.ok(
    broken.some((r) => r.service === 'wazo-amid' && r.item === 'NSC-04'),
    'the mutation is reported',
  );
  assert.equal(singles[2]?.code, fleet.code);
});

void test('the unreachable host holds nobody up: the others started at once and it ended within its own timeouts', () => {
  const record = readRecord(fleetDir());
  const gone = record.hosts.find((host) => host.name === 'pbx-gone');
  assert.ok(gone);
  const goneMs = Date.parse(gone.finishedAt) - Date.parse(gone.startedAt);
  // The preflight's limit: connect timeout plus a margin of as much again (at most 5 s), plus scheduling slack.
  assert.ok(
    goneMs >= UNREACHABLE_CONNECT_MS,
    `pbx-gone gave up after ${goneMs} ms: it did not wait for its timeout`,
  );
  assert.ok(goneMs <= UNREACHABLE_CONNECT_MS * 2 + 2_000, `pbx-gone took ${goneMs} ms`);
  for (const host of record.hosts.filter((h) => h.outcome === 'checked')) {
    assert.ok(
      Date.parse(host.startedAt) < Date.parse(gone.finishedAt),
      `${host.name} started only after pbx-gone gave up`,
    );
  }
});

void test('the fleet overview of the lab run in Chromium: the mutation red and named, the dead host and the pair shown', async () => {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    page.setDefaultTimeout(10_000);
    await page.goto(pathToFileURL(join(fleetDir(), 'matrix.html')).href);
    const cell = page.locator('tr[data-host="pbx-broken"] td[data-item="NSC-04"]');
    assert.equal(await cell.getAttribute('data-status'), 'failed');
    assert.match(
      (await cell.locator('a').getAttribute('title')) ?? '',
      /^NSC-04 on pbx-broken: FAIL on 1 of \d+ daemons: wazo-amid$/,
    );
    assert.equal(
      await page.locator('tr[data-host="pbx-main"] td[data-item="NSC-04"]').getAttribute('data-status'),
      'passed',
    );
    assert.match(
      (await page.locator('tr[data-host="pbx-gone"] td.reason').textContent()) ?? '',
      /^unreachable \[[A-Z_]+\]: cannot check 127\.0\.0\.1/,
    );
    assert.equal(await page.locator('tbody.pair[data-pair="pbx-main"] tr[data-host]').count(), 2);
    mkdirSync(ARTIFACTS, { recursive: true });
    const screenshot = join(ARTIFACTS, 'fleet-lab-overview.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    assert.ok(statSync(screenshot).size > 1000, 'the screenshot is empty');
    await page.locator('tr[data-host="pbx-broken"] a.host-link').click();
    await page.waitForURL(/\/hosts\/pbx-broken\/matrix\.html$/);
    assert.equal(
      await page.locator('td[data-service="wazo-amid"][data-item="NSC-04"]').getAttribute('data-status'),
      'failed',
    );
  } finally {
    await browser.close();
  }
});

void test('--shard 1/2 and 2/2 merged with report --merge give the results of the unsharded run', async () => {
  const shards = await Promise.all(
    [1, 2].map((index) =>
      cli(['--inventory', inventory, '--shard', `${index}/2`, '--report-dir', join(dir, `shard-${index}`)]),
    ),
  );
  for (const shard of shards)
    assert.ok(shard.code === 0 || shard.code === 1 || shard.code === 2, shard.stderr);
  const merged = await cli([
    'report',
    '--merge',
    join(dir, 'shard-1'),
    join(dir, 'shard-2'),
    '--report-dir',
    join(dir, 'merged'),
  ]);
  assert.equal(merged.code, fleet?.code, merged.stderr);
  const whole = readRecord(fleetDir());
  const union = readRecord(join(dir, 'merged'));
  assert.deepEqual(
    union.hosts.map((host) => [host.name, host.outcome]).sort(),
    whole.hosts.map((host) => [host.name, host.outcome]).sort(),
  );
  for (const host of whole.hosts.filter((h) => h.outcome === 'checked')) {
    assert.deepEqual(
      outcomes(hostResults(join(dir, 'merged'), host.name)),
      outcomes(hostResults(fleetDir(), host.name)),
    );
  }
});

void test('--compare-with the first run names the one new failure of the second', async () => {
  await member('pbx-broken').lab.applyMutation(SECOND_MUTATION);
  const second = join(dir, 'second');
  mkdirSync(second, { recursive: true });
  const run = await cli([
    '--inventory',
    inventory,
    '--limit',
    'pbx-broken,pbx-gone',
    '--report-dir',
    second,
    '--compare-with',
    fleetDir(),
  ]);
  assert.equal(run.code, 1, run.stderr);
  const changes = JSON.parse(readFileSync(join(second, 'changes.json'), 'utf8')) as {
    newFailures: { host: string; daemon: string; item: string }[];
  };
  assert.deepEqual(
    changes.newFailures.map((change) => `${change.host} ${change.daemon} ${change.item}`),
    ['pbx-broken wazo-agid NSC-14'],
  );
});
