// The draft section (catalog draft) on recorded lab snapshots: what it found, and the plan items it added.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assembleFacts } from '../assemble.ts';
import { parseFrames } from '../frame.ts';
import { normalizePlan, planArguments } from '../plan-args.ts';
import { recordedSnapshot, recordedSnapshotPlan } from '../testing/recorded.ts';
import { writableKey } from '../types.ts';
import { draftObservations, parseDraft, withDraftItems } from './draft.ts';

function recordedDraft(name: string) {
  const { nonce, plan } = recordedSnapshotPlan(name);
  const sections = parseFrames(recordedSnapshot(name), nonce);
  return { plan: normalizePlan(plan), sections };
}

void test('the draft section of wazo-confd on the lab names its unit, user, package and log file', () => {
  const { sections } = recordedDraft('lab-draft-confd');
  const confd = draftObservations(sections).get('wazo-confd');
  assert.deepEqual(
    {
      load: confd?.unit['LoadState'],
      fragment: confd?.unit['FragmentPath'],
      restart: confd?.unit['Restart'],
      user: confd?.user,
      groups: confd?.groups,
      packages: confd?.packages,
      conditions: confd?.conditions,
      openFiles: confd?.openFiles,
      namedLogs: confd?.namedLogs,
      runFiles: confd?.runFiles,
    },
    {
      load: 'loaded',
      fragment: '/lib/systemd/system/wazo-confd.service',
      restart: 'on-failure',
      user: { name: 'www-data', from: 'process' },
      groups: ['www-data'],
      packages: ['wazo-confd'],
      conditions: [],
      openFiles: ['/var/log/wazo-confd.log'],
      namedLogs: ['/var/log/wazo-confd.log'],
      runFiles: [],
    },
  );
});

void test('the items the script added join the plan, so the daemon is read like a catalog daemon', () => {
  const { plan, sections } = recordedDraft('lab-draft-confd');
  const grown = withDraftItems(plan, sections);
  assert.deepEqual(grown.users, ['www-data']);
  assert.deepEqual(grown.units, ['wazo-confd.service']);
  assert.deepEqual(grown.packages, ['dpkg', 'base-files', 'wazo-confd']);
  assert.deepEqual(grown.ownedDirs, ['/etc/wazo-confd/']);
  assert.deepEqual(grown.writeChecks, [{ user: 'www-data', path: '/var/log/wazo-confd.log' }]);
  const facts = assembleFacts({ sections, plan: grown, raw: '', gatheredAt: '2026-01-01T00:00:00.000Z' });
  assert.deepEqual(facts.errors, []);
  assert.equal(facts.passwd.get('www-data')?.home, '/var/www');
  assert.equal(facts.units.get('wazo-confd.service')?.['ActiveState'], 'active');
  assert.equal(facts.writable.get(writableKey('www-data', '/var/log/wazo-confd.log')), true);
  assert.equal(facts.files.get('/etc/wazo-confd/config.yml')?.type, 'file');
});

void test('a daemon the host does not have: the unit is not found and only name-derived items are added', () => {
  const { plan, sections } = recordedDraft('lab-draft-missing');
  const newd = draftObservations(sections).get('wazo-newd');
  assert.equal(newd?.unit['LoadState'], 'not-found');
  assert.equal(newd?.user, undefined);
  assert.deepEqual(withDraftItems(plan, sections).users, []);
});

void test('a line the parser does not know is refused with its number', () => {
  assert.throws(
    () => parseDraft('wazo-x', { stdout: 'S\tId=wazo-x.service\nX\tsomething', stderr: '', rc: 0 }),
    { message: 'draft wazo-x: cannot parse line 2: "X\\tsomething"' },
  );
  assert.throws(() => parseDraft('wazo-x', { stdout: '', stderr: 'systemctl: boom', rc: 1 }), {
    message: 'looking up wazo-x exited with 1: systemctl: boom',
  });
});

void test('a daemon name holding shell code never reaches the script: the plan refuses it', () => {
  const plan = { users: [], groups: [], paths: [], writeChecks: [], units: [], packages: [] };
  assert.deepEqual(planArguments({ ...plan, drafts: ['wazo-newd'] }), ['d:wazo-newd']);
  assert.throws(() => planArguments({ ...plan, drafts: ['x$(touch /tmp/p)'] }), {
    name: 'CatalogError',
    message: 'fact plan: "x$(touch /tmp/p)" is not a valid daemon name',
  });
});

void test('a draft section that failed adds no item to the plan', () => {
  const { plan } = recordedDraft('lab-draft-confd');
  const failed = new Map([
    [
      'draft',
      new Map([['wazo-x', { section: 'draft', key: 'wazo-x', stdout: 'I\tu:root', stderr: 'boom', rc: 1 }]]),
    ],
  ]);
  assert.deepEqual(withDraftItems(plan, failed), { ...plan, ownedDirs: [] });
});
