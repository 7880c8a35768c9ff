// catalog draft on recorded lab snapshots: wazo-confd drafted from what the lab showed matches the shipped entry on
// every field a host can show; what it cannot show says why; odd host data stays data.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_CATALOG_FILE } from '../config/defaults.ts';
import { draftYaml } from './draft-yaml.ts';
import { draftEntry } from './draft.ts';
import { loadCatalog } from './load.ts';
import { findService } from './lookup.ts';
import { confdSpec, recordedInput } from './testing/draft-input.ts';
import { observableFields } from './testing/draft-observable.ts';

void test('wazo-confd drafted from the recorded lab matches the shipped entry on every observable field', () => {
  const draft = draftEntry(recordedInput('lab-draft-confd', 'wazo-confd', [confdSpec()]));
  const shipped = findService(loadCatalog(DEFAULT_CATALOG_FILE), 'wazo-confd');
  assert.deepEqual(observableFields(draft.entry), observableFields(shipped));
});

void test('the fields a host cannot show are marked not observed, with why', () => {
  const draft = draftEntry(recordedInput('lab-draft-confd', 'wazo-confd', [confdSpec()]));
  const missing = draft.notes.filter((n) => n.kind === 'not-observed').map((n) => `${n.field}: ${n.text}`);
  assert.deepEqual(missing, [
    'pidFile: no PIDFile= in the unit, no /run/wazo-confd/*.pid and no /run/wazo-confd.pid: null means it writes none',
    'wazoService: wazo-service status lists it (running); one listing cannot tell the wazo group from the default one',
    'consul: Consul registration is not read by the draft: set { serviceName: wazo-confd, configFiles: [] } if it registers',
    'extraConfigPaths: optional or generated config paths cannot be told apart by looking: add them by hand',
    "haSlave: derived from disabledGated (false): the HA scripts' lists are not on the host",
    'sources: a host shows no public source: cite the files (owner/repo:path) this entry rests on',
    'checklist: derived from the fields above: review each reason',
  ]);
});

void test('without a fetched spec, the HTTP API keeps its port and nginx route and says the spec was not seen', () => {
  const draft = draftEntry(recordedInput('lab-draft-confd', 'wazo-confd'));
  assert.deepEqual(draft.entry.http, {
    port: 9486,
    version: null,
    spec: null,
    nginx: { prefix: '/api/confd/', file: 'wazo-confd' },
  });
  assert.deepEqual(
    draft.notes.filter((n) => n.field.startsWith('http.') && n.kind === 'not-observed').map((n) => n.text),
    ['the spec was not fetched'],
  );
  assert.equal(draft.entry.checklist.notApplicable['NSC-18'], 'no API spec observed by catalog draft');
});

void test('a daemon the host does not have is refused, naming what was looked for', () => {
  assert.throws(() => draftEntry(recordedInput('lab-draft-missing', 'wazo-newd')), {
    name: 'ServiceNotFound',
    code: 'SERVICE_NOT_FOUND',
    message:
      'wazo-newd is not on 127.0.0.1: looked for the unit wazo-newd.service (LoadState=not-found), ' +
      'the package wazo-newd (unknown to dpkg) and /etc/wazo-newd/ (absent)',
  });
});

void test("Wazo's narrower ^~ blocks before the generic one: the draft keeps the generic prefix", () => {
  const input = recordedInput('lab-draft-confd', 'wazo-confd');
  input.facts.nginxLocations.unshift({
    file: 'wazo-confd',
    enabled: true,
    modifier: '^~',
    prefix: '/api/confd/1.1/wizard',
    proxyPass: 'http://127.0.0.1:9486/1.1/wizard',
  });
  assert.deepEqual(draftEntry(input).entry.http?.nginx, { prefix: '/api/confd/', file: 'wazo-confd' });
});

void test('a daemon that is installed but not running: the fields only a process shows say so', () => {
  const input = recordedInput('lab-draft-confd', 'wazo-confd');
  const { user: _user, ...rest } = input.observation;
  const stopped = {
    ...rest,
    unit: { ...input.observation.unit, MainPID: '0', ActiveState: 'inactive' },
    groups: [],
    openFiles: [],
  };
  const draft = draftEntry({ ...input, observation: stopped });
  assert.deepEqual(
    { user: draft.entry.user, group: draft.entry.group, home: draft.entry.home, ports: draft.entry.ports },
    { user: 'wazo-confd', group: 'wazo-confd', home: null, ports: [] },
  );
  const missing = draft.notes.filter((n) => n.kind === 'not-observed').map((n) => `${n.field}: ${n.text}`);
  assert.deepEqual(missing.slice(0, 4), [
    "user: the unit has no User= and no process of wazo-confd runs: the daemon's name stands in",
    'home: no user observed',
    'shell: no user observed',
    'ports: wazo-confd is not running (ActiveState=inactive): no socket to see',
  ]);
  assert.equal(draft.entry.http, null);
  assert.ok(missing.includes('http: no TCP listener: no HTTP API seen'), missing.join('\n'));
});

void test('odd host data stays data: paths with YAML punctuation round-trip, a line break in a note is escaped', () => {
  const input = recordedInput('lab-draft-confd', 'wazo-confd', [confdSpec()]);
  const { entry } = draftEntry(input);
  const odd = { ...entry, logFiles: ['/var/log/a #b.log', "/var/log/it's: [x]{y}.log", '/var/log/- z'] };
  const note = { field: 'logFiles', kind: 'seen' as const, text: 'one\nservices: []\u001b[31m' };
  const text = draftYaml({ entry: odd, notes: [note] }, { host: 'h\nversion: 2', gatheredAt: 'T' });
  assert.ok(text.includes('    # seen: one\\nservices: []\\u001b[31m\n'), text);
  assert.ok(
    text.startsWith(
      '# Catalog entry for wazo-confd, drafted by `wazo-live-acceptance catalog draft` from what h\\nversion: 2\n',
    ),
  );
  const dir = mkdtempSync(join(tmpdir(), 'wla-draft-'));
  try {
    const file = join(dir, 'odd.yml');
    writeFileSync(file, text);
    assert.deepEqual(findService(loadCatalog(file), 'wazo-confd').logFiles, odd.logFiles);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
