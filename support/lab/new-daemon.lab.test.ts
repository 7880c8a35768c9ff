// Lab proof that the catalog drives the checklist: wazo-newd, a daemon none of the shipped entries names (new-daemon
// variant), is checked item by item through `--catalog fixtures/test-catalogs/new-daemon.yml`, each newd-* mutation
// turns exactly its items red, and without the extension the CATALOG scenario names the daemon it does not know.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'yaml';
import type { CheckResult, CheckStatus } from '../result.ts';
import { runCli } from '../cli/testing/run-cli.ts';
import { startLab } from './lab.ts';
import type { Lab } from './lab.ts';
import { REPO_ROOT } from './paths.ts';

const EXTENSION = resolve(REPO_ROOT, 'fixtures/test-catalogs/new-daemon.yml');
const DEFAULT_CATALOG = resolve(REPO_ROOT, 'fixtures/services.yml');
const SERVICE = 'wazo-newd';
const RUN_TIMEOUT_MS = 120_000;
const H = `${SERVICE} on 127.0.0.1:`;

/**
 * The daily-profile checks of wazo-newd that pass on the clean variant, by item (NSC-13/15 are @online, not daily).
 * NSC-19 has two: the spec's GET routes through nginx, and the catalog's http.routes entry.
 */
const PASSING = [
  'NSC-01',
  'NSC-02',
  'NSC-03',
  'NSC-04',
  'NSC-08',
  'NSC-09',
  'NSC-10',
  'NSC-14',
  'NSC-17',
  'NSC-18',
  'NSC-19 spec routes',
  'NSC-19 GET /api/newd/1.0/status',
  'NSC-19-NGINX',
  'NSC-20',
  'NSC-21',
];
/** The catalog's not-applicable items that the daily profile reports. */
const NOT_APPLICABLE = ['NSC-05', 'NSC-06', 'NSC-07', 'NSC-16'];

/** fixtures/lab/mutations/<name>.sh in the order applied (they accumulate), and the failures each adds by check. */
const MUTATIONS: readonly { name: string; fails: (httpsPort: number) => Record<string, string> }[] = [
  {
    name: 'newd-runs-as-root',
    fails: () => ({
      'NSC-01': `${H} NSC-01 process <pid>: expected a user other than root, found root (uid 0)`,
    }),
  },
  {
    name: 'newd-login-shell',
    fails: () => ({
      'NSC-02': `${H} NSC-02 shell: expected /usr/sbin/nologin or /bin/false, found /bin/bash`,
    }),
  },
  {
    name: 'newd-log-owned-by-root',
    fails: () => ({
      'NSC-04': `${H} NSC-04 log file /var/log/wazo-newd.log: expected writable by wazo-newd, found root:root 0644`,
    }),
  },
  {
    // Without the location the spec is not served through nginx (NSC-18) and the API does not answer (NSC-19).
    name: 'newd-nginx-unlinked',
    fails: (httpsPort) => ({
      'NSC-18': `${H} NSC-18 spec at https://127.0.0.1:${httpsPort}/api/newd/1.0/api/api.yml: expected 200, found 404`,
      'NSC-19 spec routes': `${H} NSC-19 GET /api/newd/ through the web server: expected an answer from wazo-newd, found 404`,
      'NSC-19 GET /api/newd/1.0/status': `${H} NSC-19 GET /api/newd/1.0/status through the web server: expected an answer, found 404`,
      'NSC-19-NGINX': `${H} NSC-19-NGINX nginx location /api/newd/: expected enabled (https-enabled/wazo-newd), found not enabled`,
    }),
  },
  {
    // "unit file present and enabled" is part of NSC-09 too (fresh install), so both items see it.
    name: 'newd-disabled',
    fails: () => ({
      'NSC-09': `${H} NSC-09 unit wazo-newd.service: expected enabled, found disabled`,
      'NSC-10':
        `${H} NSC-10 unit wazo-newd.service: expected enabled, found disabled; ` +
        'unit wazo-newd.service WantedBy=: expected multi-user.target, found nothing',
    }),
  },
];

const OUTCOME: Record<CheckStatus, string> = {
  passed: 'pass',
  failed: 'fail',
  'not-applicable': 'n/a',
  'not-checked': 'not-checked',
  waived: 'waived',
};

let lab: Lab | undefined;

before(async () => {
  lab = await startLab({ dir: `.lab/new-daemon-${process.pid}`, variant: 'new-daemon' });
});

after(async () => {
  await lab?.stop();
});

/** One line per result of wazo-newd and the catalog: passes by item, the others with their message (PIDs masked). */
function observed(results: readonly CheckResult[]): string[] {
  return results
    .filter((r) => r.service === SERVICE || r.service === 'catalog')
    .map((r) => {
      const line = `${r.service} ${r.item} ${OUTCOME[r.status]}`;
      return r.status === 'passed'
        ? line
        : `${line}: ${r.message.replace(/process \d+:/g, 'process <pid>:')}`;
    })
    .sort();
}

/** The lines of a run with the extension catalog, given the failures the applied mutations cause. */
function expected(failures: Record<string, string>): string[] {
  const reasons = catalogReasons();
  const lines = [
    'catalog CATALOG pass',
    ...PASSING.map((check) => {
      const item = check.split(' ')[0] as string;
      const failure = failures[check];
      return failure === undefined ? `${SERVICE} ${item} pass` : `${SERVICE} ${item} fail: ${failure}`;
    }),
    ...NOT_APPLICABLE.map(
      (item) => `${SERVICE} ${item} n/a: not applicable: ${reasons[item] ?? '(no reason)'}`,
    ),
  ];
  return lines.sort();
}

function catalogReasons(): Record<string, string> {
  const catalog = parse(readFileSync(EXTENSION, 'utf8')) as {
    services: { name: string; checklist: { notApplicable: Record<string, string> } }[];
  };
  const entry = catalog.services.find((s) => s.name === SERVICE);
  assert.ok(entry, `${EXTENSION} has no ${SERVICE} entry`);
  return entry.checklist.notApplicable;
}

function runWithExtension() {
  const args = [
    '--config',
    lab!.configFile,
    '--catalog',
    EXTENSION,
    '--service',
    SERVICE,
    '--profile',
    'daily',
  ];
  return runCli(args, RUN_TIMEOUT_MS);
}

void test(
  'without the extension, the CATALOG scenario fails naming wazo-newd',
  { timeout: RUN_TIMEOUT_MS + 10_000 },
  async (t) => {
    const run = await runCli(
      ['--config', lab!.configFile, '--profile', 'daily', '--tags', '@CATALOG'],
      RUN_TIMEOUT_MS,
    );
    t.diagnostic(`default catalog, @CATALOG: ${run.durationMs} ms`);
    assert.deepEqual(
      observed(run.results),
      [
        `catalog CATALOG fail: catalog on 127.0.0.1: CATALOG unit wazo-newd.service: expected in the catalog ${DEFAULT_CATALOG}, found a daemon the catalog does not name`,
      ],
      run.output.slice(-3000),
    );
    assert.equal(run.exitCode, 1, run.output.slice(-3000));
  },
);

void test(
  'with the extension, every applicable item passes for wazo-newd and the others say the catalog reason',
  { timeout: RUN_TIMEOUT_MS + 10_000 },
  async (t) => {
    const run = await runWithExtension();
    t.diagnostic(`clean variant: ${run.durationMs} ms`);
    assert.deepEqual(observed(run.results), expected({}), run.output.slice(-3000));
    assert.equal(run.exitCode, 0, run.output.slice(-3000));
  },
);

const failing: Record<string, string> = {};
for (const mutation of MUTATIONS) {
  void test(
    `${mutation.name} turns exactly its items red, with the exact messages`,
    { timeout: RUN_TIMEOUT_MS + 70_000 },
    async (t) => {
      const started = Date.now();
      await lab!.applyMutation(mutation.name);
      const applyMs = Date.now() - started;
      Object.assign(failing, mutation.fails(lab!.httpsPort));
      const run = await runWithExtension();
      t.diagnostic(`${mutation.name}: applied in ${applyMs} ms, run ${run.durationMs} ms`);
      assert.deepEqual(observed(run.results), expected(failing), run.output.slice(-3000));
      assert.equal(run.exitCode, 1, run.output.slice(-3000));
    },
  );
}
