// Fleet runs without a host: the plan (dry run, settings per host), refusals, and a fleet where no host answers.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadCatalog } from '../catalog/load.ts';
import { PACKAGE_ROOT } from '../config/defaults.ts';
import { AuthFailed } from '../errors.ts';
import type { FleetRecord } from '../report/fleet-record.ts';
import { parseArgs } from './args.ts';
import type { FleetDependencies } from './fleet-run.ts';
import { fleetCommand, profileFor } from './fleet-run.ts';
import type { FleetHostPlan } from '../config/inventory.ts';
import { Sink } from './testing/in-process.ts';

const INVENTORY = join(PACKAGE_ROOT, 'fixtures', 'test-configs', 'inventory', 'fleet.yml');
const PASSPHRASE = 'fleet-pass-5e1d';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
  opened: string[];
}

async function fleet(argv: string[], deps: Partial<FleetDependencies> = {}): Promise<Outcome> {
  const stdout = new Sink();
  const stderr = new Sink();
  const opened: string[] = [];
  const io = {
    stdout,
    stderr,
    env: { WAZO_SSH_PASSPHRASE: PASSPHRASE },
    cwd: PACKAGE_ROOT,
    home: '/nonexistent',
  };
  const { run, flags } = parseArgs(argv, PACKAGE_ROOT);
  const code = await fleetCommand(run, flags, io, {
    openRemoteHost: async (host, ssh) => {
      opened.push(`${host}:${ssh.port}`);
      throw new AuthFailed(`${ssh.user}@${host}:${ssh.port} refused the key (passphrase ${PASSPHRASE})`);
    },
    loadCatalog: async (file) => loadCatalog(file),
    loadWaivers: async () => [],
    ...deps,
  });
  return { code, stdout: stdout.text, stderr: stderr.text, opened };
}

void test('a dry run lists every selected host with its target, role, profile and planned checks, contacting none', async () => {
  const out = await fleet(['--inventory', INVENTORY, '--dry-run', '--limit', 'ha-east,stack-a']);
  assert.equal(out.code, 0, out.stderr);
  assert.deepEqual(out.opened, []);
  const lines = out.stdout.trimEnd().split('\n');
  assert.equal(lines[0], 'dry run: 3 of 3 hosts; nothing contacted');
  assert.match(
    lines[1] ?? '',
    /^stack-a {2}wla@10\.0\.0\.5:2203 {2}standalone {2}profile daily, \d+ checks {2}@staging @team-a /,
  );
  assert.match(
    lines[2] ?? '',
    /^ha-east {2}wla@10\.0\.1\.1:2205 {2}master of pair ha-east {2}profile after-upgrade, \d+ checks/,
  );
  assert.match(
    lines[3] ?? '',
    /^ha-east-slave {2}wla@10\.0\.1\.2:2206 {2}slave of pair ha-east {2}profile ha-slave, \d+ checks/,
  );
  const checks = (line: string | undefined) => Number(/, (\d+) checks/.exec(line ?? '')?.[1]);
  assert.ok(
    checks(lines[3]) > 0 && checks(lines[3]) < checks(lines[1]),
    'the slave plans the ha-slave checks only',
  );
});

void test('--print-config shows each host its own resolved settings, secrets only as set or unset', async () => {
  const out = await fleet(['--inventory', INVENTORY, '--print-config', '--limit', 'stack-*']);
  assert.equal(out.code, 0, out.stderr);
  assert.deepEqual(
    [...out.stdout.matchAll(/^# host (.+)$/gm)].map((m) => m[1]),
    ['stack-a', 'stack-b', 'stack-c'],
  );
  assert.match(out.stdout, /port: 2204/);
  assert.doesNotMatch(out.stdout, new RegExp(PASSPHRASE));
});

void test('--format is refused: a fleet writes each host its messages under --report-dir', async () => {
  await assert.rejects(
    fleet(['--inventory', INVENTORY, '--format', 'message:x.ndjson']),
    /^ConfigError: --format: a fleet run writes each host's messages to <report dir>\/hosts\/<name>\/run\.ndjson instead; give --report-dir$/,
  );
});

void test('when no host answers the run exits 2, every host reported unreachable with its reason and no secret', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wla-fleet-test-'));
  try {
    const out = await fleet([
      '--inventory',
      INVENTORY,
      '--limit',
      'stack-*',
      '--report-dir',
      dir,
      '--hosts-parallel',
      '2',
    ]);
    assert.equal(out.code, 2, out.stderr);
    assert.deepEqual(out.opened.sort(), ['10.0.0.5:2203', 'stack-b:2202', 'stack-c:2204']);
    const record = JSON.parse(readFileSync(join(dir, 'fleet.json'), 'utf8')) as FleetRecord;
    assert.deepEqual(
      record.hosts.map((h) => [h.name, h.outcome, h.errorCode, h.exitCode]),
      [
        ['stack-a', 'unreachable', 'AUTH_FAILED', 2],
        ['stack-b', 'unreachable', 'AUTH_FAILED', 2],
        ['stack-c', 'unreachable', 'AUTH_FAILED', 2],
      ],
    );
    assert.equal(
      record.hosts[0]?.reason,
      'cannot check 10.0.0.5: wla@10.0.0.5:2203 refused the key (passphrase <redacted>)',
    );
    for (const text of [
      out.stdout,
      out.stderr,
      readFileSync(join(dir, 'fleet.json'), 'utf8'),
      readFileSync(join(dir, 'junit.xml'), 'utf8'),
    ])
      assert.doesNotMatch(text, new RegExp(PASSPHRASE));
    assert.match(out.stderr, /stack-c: not checked: cannot check stack-c/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('a shard with no host of the selection checks nothing and exits 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wla-fleet-test-'));
  try {
    // Of one host split in 2 shards, exactly one shard is empty.
    const codes = await Promise.all(
      ['1/2', '2/2'].map(async (shard) => {
        const out = await fleet([
          '--inventory',
          INVENTORY,
          '--limit',
          'stack-a',
          '--shard',
          shard,
          '--report-dir',
          join(dir, shard.replace('/', '-')),
        ]);
        return { code: out.code, opened: out.opened.length, said: out.stderr };
      }),
    );
    assert.deepEqual(codes.map((c) => [c.code, c.opened]).sort(), [
      [0, 0],
      [2, 1],
    ]);
    assert.ok(codes.some((c) => /no host to check in shard \d\/2 \(of 1 selected\)/.test(c.said)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('a slave is checked with ha-slave; --profile applies to the others, the inventory profile when it is not given', () => {
  const plan = (role: FleetHostPlan['role'], profile?: string) =>
    ({ role, ...(profile ? { profile } : {}) }) as FleetHostPlan;
  const { run } = parseArgs([], PACKAGE_ROOT);
  const { run: given } = parseArgs(['--profile', 'after-upgrade'], PACKAGE_ROOT);
  assert.equal(profileFor(plan('slave'), given), 'ha-slave');
  assert.equal(profileFor(plan('standalone', 'lab'), given), 'after-upgrade');
  assert.equal(profileFor(plan('standalone', 'lab'), run), 'lab');
  assert.equal(profileFor(plan('master'), run), 'daily');
});

void test('Ctrl-C: no host starts after it, the running one is reported interrupted, the finished one kept, exit 130', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wla-fleet-test-'));
  const controller = new AbortController();
  try {
    const out = await fleet(
      ['--inventory', INVENTORY, '--limit', 'stack-*', '--report-dir', dir, '--hosts-parallel', '1'],
      {
        signal: controller.signal,
        openRemoteHost: async (host) => {
          if (host === '10.0.0.5') throw new AuthFailed('wla@10.0.0.5:2203 refused the key');
          // The second host hangs until Ctrl-C, then its connection attempt ends.
          setTimeout(() => controller.abort(), 50);
          await new Promise((resolve) => controller.signal.addEventListener('abort', resolve));
          throw new Error('closed');
        },
      },
    );
    assert.equal(out.code, 130, out.stderr);
    assert.match(out.stderr, /interrupted: no more hosts start/);
    const record = JSON.parse(readFileSync(join(dir, 'fleet.json'), 'utf8')) as FleetRecord;
    assert.deepEqual(
      record.hosts.map((h) => [h.name, h.outcome, h.reason]),
      [
        ['stack-a', 'unreachable', 'cannot check 10.0.0.5: wla@10.0.0.5:2203 refused the key'],
        ['stack-b', 'interrupted', 'interrupted while running'],
        ['stack-c', 'interrupted', 'not started: the run was interrupted'],
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
