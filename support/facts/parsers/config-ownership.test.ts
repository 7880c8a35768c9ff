// The config-ownership section (who owns the files of the package-owned directories) on outputs recorded from the lab.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { assembleFacts } from '../assemble.ts';
import { gatherFacts } from '../gather.ts';
import { LocalHost } from '../local-host.ts';
import { parseFrames } from '../frame.ts';
import { recorded, recordedSnapshot, recordedSnapshotPlan } from '../testing/recorded.ts';
import { parseConfigOwnership } from './config-ownership.ts';

const CONFD = '/etc/wazo-confd/';

void test('a clean lab: every config.yml is owned by its own package', () => {
  const dirs = recorded('config-ownership', 'lab-clean')
    .stdout.split('\n')
    .filter((l) => l.startsWith('D\t'))
    .map((l) => l.slice(2));
  assert.equal(dirs.length, 18);
  const listings = parseConfigOwnership(dirs, recorded('config-ownership', 'lab-clean'));
  assert.deepEqual(listings[0], {
    dir: CONFD,
    exists: true,
    entries: [{ path: '/etc/wazo-confd/config.yml', owners: [{ name: 'wazo-confd', state: 'ii' }] }],
  });
  assert.deepEqual(
    listings.map((l) => [l.dir, l.entries.map((e) => e.owners.map((o) => `${o.name} ${o.state}`).join(','))]),
    dirs.map((d) => [d, [`${d.slice('/etc/'.length, -1)} ii`]]),
  );
});

void test('leftovers: unowned files, a symlink to a directory, a name with a space, a hidden link; no subdirectory', () => {
  const dirs = [CONFD, '/etc/wazo-auth/', '/etc/wazo-nope/'];
  assert.deepEqual(parseConfigOwnership(dirs, recorded('config-ownership', 'lab-leftovers')), [
    {
      dir: CONFD,
      exists: true,
      entries: [
        { path: '/etc/wazo-confd/.hidden-link', owners: [] },
        { path: '/etc/wazo-confd/config.yml', owners: [{ name: 'wazo-confd', state: 'ii' }] },
        { path: '/etc/wazo-confd/config.yml.dpkg-old', owners: [] },
        { path: '/etc/wazo-confd/dirlink', owners: [] },
        { path: '/etc/wazo-confd/my notes', owners: [] },
      ],
    },
    {
      dir: '/etc/wazo-auth/',
      exists: true,
      entries: [{ path: '/etc/wazo-auth/config.yml', owners: [{ name: 'wazo-auth', state: 'ii' }] }],
    },
    { dir: '/etc/wazo-nope/', exists: false, entries: [] },
  ]);
});

void test('a diversion target is dpkg-managed; an empty directory has no entries', () => {
  assert.deepEqual(parseConfigOwnership([CONFD], recorded('config-ownership', 'lab-diversion')), [
    {
      dir: CONFD,
      exists: true,
      entries: [
        { path: '/etc/wazo-confd/config.yml', owners: [{ name: 'wazo-confd', state: 'ii' }] },
        { path: '/etc/wazo-confd/config.yml.packaged', owners: [], divertedBy: 'wazo-lab-local' },
      ],
    },
  ]);
  const confD = '/etc/wazo-confd/conf.d/';
  assert.deepEqual(parseConfigOwnership([confD], recorded('config-ownership', 'lab-empty')), [
    { dir: confD, exists: true, entries: [] },
  ]);
});

void test('a conffile of a removed package keeps its owner, with the state rc', () => {
  assert.deepEqual(parseConfigOwnership([CONFD], recorded('config-ownership', 'lab-removed-owner')), [
    {
      dir: CONFD,
      exists: true,
      entries: [
        { path: '/etc/wazo-confd/config.yml', owners: [{ name: 'wazo-confd', state: 'ii' }] },
        { path: '/etc/wazo-confd/config.yml.dpkg-old', owners: [] },
        { path: '/etc/wazo-confd/plugin-old.yml', owners: [{ name: 'wazo-confd-plugin-old', state: 'rc' }] },
      ],
    },
  ]);
});

void test('several owners are kept sorted, an owner without a state has state ""; unlisted paths are skipped', () => {
  const out = {
    stdout:
      'D\t/etc/x/\nF\t/etc/x/a*\nzz, aa:amd64: /etc/x/a*\nother: /etc/x/abc\nP\taa:amd64\tii \nP\tother\tii ',
    stderr: '',
    rc: 0,
  };
  assert.deepEqual(parseConfigOwnership(['/etc/x/'], out), [
    {
      dir: '/etc/x/',
      exists: true,
      entries: [
        {
          path: '/etc/x/a*',
          owners: [
            { name: 'aa:amd64', state: 'ii' },
            { name: 'zz', state: '' },
          ],
        },
      ],
    },
  ]);
});

void test('failures are refused: other stderr, unexpected exit status, unknown directory, garbled line', () => {
  const dirs = ['/etc/x/'];
  const cases: [{ stdout: string; stderr: string; rc: number }, string][] = [
    [
      { stdout: '', stderr: 'cannot read /etc/x/', rc: 3 },
      'config-ownership exited with 3: cannot read /etc/x/',
    ],
    [
      {
        stdout: 'D\t/etc/x/\nF\t/etc/x/a',
        stderr: 'dpkg-query: error: cannot open /var/lib/dpkg/status',
        rc: 2,
      },
      'config-ownership exited with 2: dpkg-query: error: cannot open /var/lib/dpkg/status',
    ],
    [{ stdout: 'D\t/etc/x/\nF\t/etc/x/a', stderr: '', rc: 1 }, 'config-ownership exited with 1: no output'],
    [{ stdout: 'D\t/etc/y/', stderr: '', rc: 0 }, 'config-ownership: cannot parse line 1: "D\\t/etc/y/"'],
    [
      { stdout: 'D\t/etc/x/\nF\t/etc/x/sub/a', stderr: '', rc: 0 },
      'config-ownership: cannot parse line 2: "F\\t/etc/x/sub/a"',
    ],
    [
      { stdout: 'D\t/etc/x/\nwazo-confd /etc/x/a', stderr: '', rc: 0 },
      'config-ownership: cannot parse line 2: "wazo-confd /etc/x/a"',
    ],
    [
      { stdout: 'D\t/etc/x/\nP\tWazo\tii', stderr: '', rc: 0 },
      'config-ownership: cannot parse line 2: "P\\tWazo\\tii"',
    ],
  ];
  for (const [out, message] of cases) {
    assert.throws(() => parseConfigOwnership(dirs, out), { code: 'REMOTE_COMMAND_FAILED', message });
  }
});

/** The recorded lab snapshot with a config-ownership frame (body lines, exit status) added, or without one. */
function labFacts(frame: { body: string; rc: number } | undefined, ownedDirs?: string[]) {
  const { nonce, plan } = recordedSnapshotPlan('lab');
  const done = `@@WLA:${nonce}:DONE\n`;
  const section = frame
    ? `@@WLA:${nonce}:BEGIN:config-ownership:-\n${frame.body}@@WLA:${nonce}:END:config-ownership:-:rc=${frame.rc}\n`
    : '';
  const raw = recordedSnapshot('lab').replace(done, `${section}${done}`);
  const withDirs = ownedDirs === undefined ? plan : { ...plan, ownedDirs };
  return assembleFacts({
    sections: parseFrames(raw, nonce),
    plan: withDirs,
    raw,
    gatheredAt: '2026-11-28T08:00:00.000Z',
  });
}

void test('assembled: the listings, [] without planned directories, null and a section error when it failed', () => {
  assert.deepEqual(labFacts(undefined).configOwnership, []);
  const body =
    '|D\t/etc/wazo-confd/\n|F\t/etc/wazo-confd/x.dpkg-old\n' +
    '!dpkg-query: no path found matching pattern /etc/wazo-confd/x.dpkg-old\n';
  const left = labFacts({ body, rc: 1 }, [CONFD]);
  assert.deepEqual(left.configOwnership, [
    { dir: CONFD, exists: true, entries: [{ path: '/etc/wazo-confd/x.dpkg-old', owners: [] }] },
  ]);
  assert.deepEqual(left.errors, []);
  const failed = labFacts({ body: '!cannot read /etc/wazo-confd/\n', rc: 3 }, [CONFD]);
  assert.equal(failed.configOwnership, null);
  assert.deepEqual(failed.errors, [
    {
      section: 'config-ownership',
      exitCode: 3,
      stderr: 'cannot read /etc/wazo-confd/',
      message: 'config-ownership exited with 3: cannot read /etc/wazo-confd/',
    },
  ]);
  const missing = labFacts(undefined, [CONFD]);
  assert.equal(missing.configOwnership, null);
  assert.deepEqual(
    missing.errors.map((e) => e.message),
    ['config-ownership: missing from the snapshot'],
  );
});

void test('the real script on this machine: a hostile directory name stays data; dpkg-query answers in one call', async () => {
  const marker = join(tmpdir(), `wla-ownership-pwned-${process.pid}`);
  const root = mkdtempSync(join(tmpdir(), 'wla-ownership-'));
  const hostile = join(root, `x$(touch ${marker}) 'q'`);
  mkdirSync(join(hostile, 'sub'), { recursive: true });
  writeFileSync(join(hostile, 'a b.yml'), '');
  writeFileSync(join(hostile, '.hidden'), '');
  symlinkSync('/etc/debian_version', join(hostile, 'link'));
  const facts = await gatherFacts(new LocalHost('localhost'), {
    users: [],
    groups: [],
    paths: [],
    writeChecks: [],
    units: [],
    packages: [],
    ownedDirs: [`${hostile}/`, '/nonexistent-wla/', '/etc/dpkg/'],
  });
  assert.equal(existsSync(marker), false);
  assert.deepEqual(
    facts.errors.filter((e) => e.section === 'config-ownership'),
    [],
  );
  const [mine, missing, dpkg] = facts.configOwnership ?? [];
  assert.deepEqual(mine, {
    dir: `${hostile}/`,
    exists: true,
    entries: ['.hidden', 'a b.yml', 'link'].map((name) => ({ path: `${hostile}/${name}`, owners: [] })),
  });
  assert.deepEqual(missing, { dir: '/nonexistent-wla/', exists: false, entries: [] });
  assert.deepEqual(
    dpkg?.entries.find((e) => e.path === '/etc/dpkg/dpkg.cfg'),
    { path: '/etc/dpkg/dpkg.cfg', owners: [{ name: 'dpkg', state: 'ii' }] },
    'dpkg owns its own conffile on any Debian machine',
  );
  assert.equal(
    dpkg?.entries.some((e) => e.path === '/etc/dpkg/origins'),
    false,
    'a subdirectory is not listed',
  );
});
