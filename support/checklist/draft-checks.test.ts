// catalog draft with the checklist's fact checks: a drafted entry whose values break an item carries the check's
// message above the field (also for the real findings of the recorded wazo-sysconfd), and still loads as a catalog.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Draft } from '../catalog/draft.ts';
import { draftEntry } from '../catalog/draft.ts';
import { draftYaml } from '../catalog/draft-yaml.ts';
import { loadCatalog } from '../catalog/load.ts';
import { findService } from '../catalog/lookup.ts';
import { confdSpec, HOST, recordedInput } from '../catalog/testing/draft-input.ts';
import { observableFields } from '../catalog/testing/draft-observable.ts';
import { DEFAULT_CATALOG_FILE } from '../config/defaults.ts';
import type { HostFacts } from '../facts/types.ts';
import { checkNotes } from './draft-checks.ts';

const PORTS_MESSAGE =
  'NSC-17: wazo-confd on 127.0.0.1: NSC-17 port 8080: expected not a usual test port ' +
  '(3000, 4200, 5000, 5173, 8000, 8008, 8080, 8081, 8443, 8888, 9000), found 8080; ' +
  'port tcp 127.0.0.1:8080: expected a listener of wazo-confd (MainPID 52), found none; ' +
  'ss attributes to wazo-confd: tcp 127.0.0.1:9486; ' +
  "undeclared listener tcp 127.0.0.1:9486: expected only the catalog's ports (tcp 127.0.0.1:8080)";

function withChecks(draft: Draft, facts: HostFacts): Draft {
  return { ...draft, notes: [...draft.notes, ...checkNotes(draft.entry, facts, HOST)] };
}

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
