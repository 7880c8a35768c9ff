// writeReports and the run metadata: files written whole into the directory, the table handed back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageBuilder, result } from './testing/message-builder.ts';
import { buildRunMeta, formatDuration, runTimesOf, weakeningsOf } from './meta.ts';
import type { RunMeta } from './meta.ts';
import { writeReports } from './write.ts';

const META: RunMeta = {
  host: 'staging-1',
  runnerVersion: '0.1.0',
  catalogVersion: '2025.01',
  startedAt: '2026-11-28T02:00:00.000Z',
  durationMs: 1500,
  profile: 'daily',
  insecure: false,
  acceptNewHostKey: false,
  httpsRoute: 'direct',
};

function run() {
  return new MessageBuilder()
    .scenario({
      name: 'wazo-auth: the default user is not root',
      tags: ['@NSC-01'],
      results: [result({ service: 'wazo-auth', item: 'NSC-01', status: 'failed' })],
    })
    .envelopes();
}

void test('all formats: junit.xml and matrix.html in a new directory, and the table returned', async () => {
  const root = mkdtempSync(join(tmpdir(), 'wla-write-'));
  try {
    const dir = join(root, 'nightly', '2026-11-28');
    const table = await writeReports(run(), META, { dir, formats: ['junit', 'matrix', 'table'] });
    assert.deepEqual(readdirSync(dir).sort(), ['junit.xml', 'matrix.html']);
    assert.match(
      readFileSync(join(dir, 'junit.xml'), 'utf8'),
      /<failure message="wazo-auth on staging-1: NSC-01 failed"/,
    );
    assert.match(
      readFileSync(join(dir, 'matrix.html'), 'utf8'),
      /data-service="wazo-auth" data-item="NSC-01" data-status="failed"/,
    );
    assert.match(table, /^wazo-auth {2}F/m);
    assert.match(table, /\nFAILED\n/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

void test('only the formats asked for are written; without "table" the returned text is empty', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wla-write-'));
  try {
    const table = await writeReports(run(), META, { dir, formats: ['junit'] });
    assert.equal(table, '');
    assert.deepEqual(readdirSync(dir), ['junit.xml']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('a directory that cannot be made is an error naming it', async () => {
  const root = mkdtempSync(join(tmpdir(), 'wla-write-'));
  try {
    const file = join(root, 'a-file');
    writeFileSync(file, '');
    await assert.rejects(
      writeReports(run(), META, { dir: join(file, 'reports'), formats: ['junit'] }),
      (err: NodeJS.ErrnoException) => err.code === 'ENOTDIR' && err.message.includes(join(file, 'reports')),
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

void test('run metadata: times from the message stream, version from package.json, caller values win', () => {
  const envelopes = run();
  assert.deepEqual(runTimesOf(envelopes), { startedAt: '2026-11-28T02:00:00.000Z', durationMs: 13 });
  assert.deepEqual(runTimesOf([]), {});
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  assert.deepEqual(buildRunMeta(envelopes, { host: 'h', profile: 'daily', catalogVersion: undefined }), {
    host: 'h',
    runnerVersion: pkg.version,
    catalogVersion: 'unknown',
    profile: 'daily',
    insecure: false,
    acceptNewHostKey: false,
    httpsRoute: 'direct',
    startedAt: '2026-11-28T02:00:00.000Z',
    durationMs: 13,
  });
});

void test('weakenings are listed only when in force, and durations read as people say them', () => {
  assert.deepEqual(weakeningsOf(META), []);
  assert.deepEqual(
    weakeningsOf({ ...META, insecure: true, acceptNewHostKey: true }).map((w) => w.flag),
    ['--insecure', '--accept-new-host-key'],
  );
  assert.equal(formatDuration(850), '850 ms');
  assert.equal(formatDuration(1500), '1.5 s');
  assert.equal(formatDuration(125_000), '2 min 05 s');
});
