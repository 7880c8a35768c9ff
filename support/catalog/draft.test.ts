// catalog draft on a recorded lab snapshot: wazo-confd drafted from what the lab showed matches the shipped entry on
// every field a host can show; the YAML is a catalog loadCatalog accepts; a value that breaks an item is marked.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { assembleFacts } from '../facts/assemble.ts';
import { parseFrames } from '../facts/frame.ts';
import { draftObservations, withDraftItems } from '../facts/parsers/draft.ts';
import { normalizePlan } from '../facts/plan-args.ts';
import { RECORDED_DIR, recordedSnapshot, recordedSnapshotPlan } from '../facts/testing/recorded.ts';
import type { HostFacts } from '../facts/types.ts';
import { parseSpec } from '../openapi/parse.ts';
import { checkNotes } from './draft-checks.ts';
import { draftYaml } from './draft-yaml.ts';
import { draftEntry } from './draft.ts';
import type { Draft, DraftInput, SpecProbe } from './draft.ts';
import { DEFAULT_CATALOG_FILE } from '../config/defaults.ts';
import { loadCatalog } from './load.ts';
import { findService } from './lookup.ts';
import { observableFields } from './testing/draft-observable.ts';

const HOST = '127.0.0.1';
const PORTS_MESSAGE =
  'NSC-17: wazo-confd on 127.0.0.1: NSC-17 port 8080: expected not a usual test port ' +
  '(3000, 4200, 5000, 5173, 8000, 8008, 8080, 8081, 8443, 8888, 9000), found 8080; ' +
  'port tcp 127.0.0.1:8080: expected a listener of wazo-confd (MainPID 52), found none; ' +
  'ss attributes to wazo-confd: tcp 127.0.0.1:9486; ' +
  "undeclared listener tcp 127.0.0.1:9486: expected only the catalog's ports (tcp 127.0.0.1:8080)";

function recordedInput(name: string, daemon: string, specs?: SpecProbe[]): DraftInput {
  const { nonce, plan } = recordedSnapshotPlan(name);
  const sections = parseFrames(recordedSnapshot(name), nonce);
  const grown = withDraftItems(normalizePlan(plan), sections);
  const facts = assembleFacts({ sections, plan: grown, raw: '', gatheredAt: '2026-12-03T07:29:00.000Z' });
  const observation = draftObservations(sections).get(daemon);
  assert.ok(observation, `no draft section for ${daemon} in ${name}`);
  return { name: daemon, host: HOST, facts, observation, ...(specs ? { specs } : {}) };
}

function confdSpec(): SpecProbe {
  const parsed = parseSpec(readFileSync(new URL('draft/lab-confd-spec.yml', RECORDED_DIR), 'utf8'));
  assert.ok(parsed.ok);
  return {
    port: 9486,
    found: { path: '/1.1/api/api.yml', doc: parsed.doc },
    tried: [
      { path: '/api/api.yml', outcome: '404' },
      { path: '/0.1/api/api.yml', outcome: '404' },
      { path: '/0.2/api/api.yml', outcome: '404' },
      { path: '/1.0/api/api.yml', outcome: '404' },
    ],
  };
}

function withChecks(draft: Draft, facts: HostFacts): Draft {
  return { ...draft, notes: [...draft.notes, ...checkNotes(draft.entry, facts, HOST)] };
}

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

void test('the drafted YAML is a catalog file loadCatalog accepts, notes as comments above their fields', () => {
  const input = recordedInput('lab-draft-confd', 'wazo-confd', [confdSpec()]);
  const text = draftYaml(withChecks(draftEntry(input), input.facts), {
    host: HOST,
    gatheredAt: input.facts.gatheredAt,
  });
  const dir = mkdtempSync(join(tmpdir(), 'wla-draft-'));
  try {
    const file = join(dir, 'newd.yml');
    writeFileSync(file, text);
    const loaded = findService(loadCatalog(file), 'wazo-confd');
    assert.deepEqual(loaded, draftEntry(input).entry);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const lines = text.split('\n');
  const at = (prefix: string): number => lines.findIndex((l) => l.startsWith(prefix));
  assert.deepEqual(lines.slice(3, 6), ['version: 1', 'extends: default', 'services:']);
  assert.equal(lines[at('    # not observed: optional') + 1], '    extraConfigPaths: []');
  assert.equal(
    lines[at('      # seen: served on') + 1],
    "      spec: { path: /1.1/api/api.yml, format: swagger-2.0, infoVersion: '1.1', basePath: /1.1 }",
  );
  assert.equal(lines.filter((l) => l.includes('# breaks')).length, 0);
});

void test('a value that already breaks an item is marked with the check message', () => {
  const input = recordedInput('lab-draft-confd', 'wazo-confd', [confdSpec()]);
  const draft = draftEntry(input);
  const broken = {
    ...draft.entry,
    supervision: 'monit' as const,
    ports: [{ port: 8080, address: '127.0.0.1', protocol: 'tcp' as const }],
  };
  const notes = checkNotes(broken, input.facts, HOST);
  assert.deepEqual(notes, [
    {
      field: 'supervision',
      kind: 'breaks',
      text: "NSC-08: wazo-confd on 127.0.0.1: NSC-08 monit: expected Process 'wazo-confd' monitored, found no such check",
    },
    {
      field: 'ports',
      kind: 'breaks',
      text: PORTS_MESSAGE,
    },
  ]);
  const lines = draftYaml({ entry: broken, notes }, { host: HOST, gatheredAt: input.facts.gatheredAt }).split(
    '\n',
  );
  const supervision = lines.indexOf('    supervision: monit');
  assert.equal(
    lines[supervision - 1],
    "    # breaks NSC-08: wazo-confd on 127.0.0.1: NSC-08 monit: expected Process 'wazo-confd' monitored, found no such check",
  );
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

void test('wazo-sysconfd (root, FastAPI) follows the shipped entry: no home or shell, info.version null', () => {
  const doc = { openapi: '3.0.2', info: { title: 'wazo-sysconfd', version: '0.1.0' }, paths: {} };
  const specs = [{ port: 8668, found: { path: '/api/api.yml', doc }, tried: [] }];
  const input = recordedInput('lab-draft-sysconfd', 'wazo-sysconfd', specs);
  const draft = withChecks(draftEntry(input), input.facts);
  const shipped = findService(loadCatalog(DEFAULT_CATALOG_FILE), 'wazo-sysconfd');
  assert.deepEqual(
    { ...observableFields(draft.entry), backup: 'partial' },
    observableFields(shipped),
    'only backup differs: the shipped entry counts its extraConfigPaths',
  );
  assert.deepEqual(
    draft.notes.filter((n) => ['home', 'shell', 'http.spec'].includes(n.field)).map((n) => n.text),
    [
      "root's home (/root) is the system's: null, and NSC-03 does not apply",
      "root's shell (/bin/bash) is the system's: null, and NSC-02 does not apply",
      'served on 127.0.0.1:8668/api/api.yml; info.version 0.1.0 left null: it follows each release',
    ],
  );
  assert.deepEqual(
    draft.notes.filter((n) => n.kind === 'breaks').map((n) => `${n.field} ${n.text}`),
    [
      'user NSC-01: wazo-sysconfd on 127.0.0.1: NSC-01 process 60: expected a user other than root, found root (uid 0)',
      'configPaths NSC-14: wazo-sysconfd on 127.0.0.1: NSC-14 config path /etc/wazo-sysconfd/config.yml: expected ' +
        "covered by wazo-backup's data list, found no entry covering it; config path /etc/wazo-sysconfd/conf.d/: " +
        "expected covered by wazo-backup's data list, found no entry covering it",
    ],
  );
  assert.equal(draft.entry.backup, 'none');
  assert.deepEqual(Object.keys(draft.entry.checklist.notApplicable), [
    'NSC-02',
    'NSC-03',
    'NSC-05',
    'NSC-06',
    'NSC-16',
    'NSC-19',
  ]);
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
