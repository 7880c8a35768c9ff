// Lab proof of `catalog draft` through the real CLI: wazo-confd drafted on the default lab matches the shipped entry
// on every observable field; a daemon the lab lacks exits 3; on the new-daemon variant the drafted wazo-newd, used as
// the catalog, passes every applicable item of the daily checklist.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DEFAULT_CATALOG_FILE, PACKAGE_ROOT } from '../config/defaults.ts';
import { runCli } from '../cli/testing/run-cli.ts';
import { startLab } from '../lab/lab.ts';
import type { Lab } from '../lab/lab.ts';
import { runCliProcess } from '../proofs/cli-process.ts';
import { loadCatalog } from './load.ts';
import { applicability, findService } from './lookup.ts';
import { observableFields } from './testing/draft-observable.ts';

const DRAFT_TIMEOUT_MS = 60_000;
const RUN_TIMEOUT_MS = 180_000;
const NEW_DAEMON_CATALOG = join(PACKAGE_ROOT, 'fixtures', 'test-catalogs', 'new-daemon.yml');

let lab: Lab | undefined;
let work = '';

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'wla-draft-lab-'));
  lab = await startLab({ dir: join(work, 'lab') });
});

after(async () => {
  await lab?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** `catalog draft --service NAME` against the lab; the YAML it printed is kept in <work>/<name>.yml. */
async function draft(name: string) {
  const run = await runCliProcess(['catalog', 'draft', '--config', lab!.configFile, '--service', name], {
    cwd: work,
    timeoutMs: DRAFT_TIMEOUT_MS,
  });
  const file = join(work, `${name}.yml`);
  writeFileSync(file, run.stdout);
  return { ...run, file };
}

void test('on the default lab, wazo-confd drafted through the CLI matches the shipped entry', async (t) => {
  const run = await draft('wazo-confd');
  t.diagnostic(`catalog draft wazo-confd: ${Math.round(run.wallMs)} ms`);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(
    run.stderr,
    'wazo-live-acceptance: 127.0.0.1: drafted wazo-confd: 7 fields not observed, 0 values breaking a checklist ' +
      'item, 0 checks that could not look (1 exec channel, 5 HTTP requests)\n',
  );
  const drafted = findService(loadCatalog(run.file), 'wazo-confd');
  const shipped = findService(loadCatalog(DEFAULT_CATALOG_FILE), 'wazo-confd');
  assert.deepEqual(observableFields(drafted), observableFields(shipped));
});

/** What differs for the other shipped daemons, and why: backup counts extraConfigPaths, which no host shows. */
const KNOWN_DIFFERENCES = [
  'wazo-sysconfd backup: drafted "none", shipped "partial"',
  'wazo-provd backup: drafted "none", shipped "partial"',
];

void test(
  'every shipped daemon drafted on the default lab matches its entry but for backup coverage of extra paths',
  {
    timeout: 18 * DRAFT_TIMEOUT_MS,
  },
  async (t) => {
    const differences: string[] = [];
    for (const shipped of loadCatalog(DEFAULT_CATALOG_FILE).services) {
      const run = await draft(shipped.name);
      assert.equal(run.code, 0, `${shipped.name}: ${run.stderr}`);
      t.diagnostic(run.stderr.trim());
      const drafted = observableFields(findService(loadCatalog(run.file), shipped.name)) as Record<
        string,
        unknown
      >;
      const expected = observableFields(shipped) as Record<string, unknown>;
      for (const [field, value] of Object.entries(expected)) {
        const found = JSON.stringify(drafted[field]);
        if (found !== JSON.stringify(value))
          differences.push(`${shipped.name} ${field}: drafted ${found}, shipped ${JSON.stringify(value)}`);
      }
    }
    assert.deepEqual(differences, KNOWN_DIFFERENCES);
  },
);

void test('a daemon the lab does not have exits 3 and names what was looked for', async () => {
  const run = await draft('wazo-newd');
  assert.deepEqual(
    { code: run.code, stdout: run.stdout, stderr: run.stderr },
    {
      code: 3,
      stdout: '',
      stderr:
        'wazo-live-acceptance: wazo-newd is not on 127.0.0.1: looked for the unit wazo-newd.service ' +
        '(LoadState=not-found), the package wazo-newd (unknown to dpkg) and /etc/wazo-newd/ (absent)\n',
    },
  );
});

void test(
  'on the new-daemon variant, the drafted wazo-newd is the catalog and every applicable daily item passes',
  { timeout: DRAFT_TIMEOUT_MS + RUN_TIMEOUT_MS + 300_000 },
  async (t) => {
    await lab!.applyVariant('new-daemon');
    const run = await draft('wazo-newd');
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stdout, /# breaks/, run.stdout);
    const drafted = findService(loadCatalog(run.file), 'wazo-newd');
    const written = findService(loadCatalog(NEW_DAEMON_CATALOG), 'wazo-newd');
    assert.deepEqual(observableFields(drafted), observableFields(written));

    const daily = await runCli(
      ['--config', lab!.configFile, '--catalog', run.file, '--service', 'wazo-newd', '--profile', 'daily'],
      RUN_TIMEOUT_MS,
    );
    t.diagnostic(`daily run with the drafted catalog: ${daily.durationMs} ms`);
    const mine = daily.results.filter((r) => r.service === 'wazo-newd');
    const lines = mine.map((r) => `${r.item} ${r.status}: ${r.message}`);
    for (const line of lines) t.diagnostic(line);
    const applicable = mine.filter((r) => r.status !== 'not-applicable');
    assert.ok(applicable.length >= 12, lines.join('\n'));
    assert.deepEqual(
      applicable.filter((r) => r.status !== 'passed').map((r) => `${r.item} ${r.status}: ${r.message}`),
      [],
      daily.output.slice(-3000),
    );
    for (const result of mine.filter((r) => r.status === 'not-applicable')) {
      const verdict = applicability(drafted, result.item);
      assert.equal(result.message, `not applicable: ${verdict.applies ? '(it applies)' : verdict.reason}`);
    }
    assert.equal(daily.exitCode, 0, daily.output.slice(-3000));
  },
);
