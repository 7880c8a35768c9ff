// The reports of a real CLI run on the lab: one mutation shows red in matrix.html, in valid JUnit and in the table.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { PACKAGE_ROOT } from '../config/defaults.ts';
import { startLab } from '../lab/lab.ts';
import type { Lab } from '../lab/lab.ts';

const BIN = join(PACKAGE_ROOT, 'support', 'cli', 'bin.mjs');
const XSD = join(PACKAGE_ROOT, 'fixtures', 'junit.xsd');
const ARTIFACTS = join(PACKAGE_ROOT, 'reports', 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUN_TIMEOUT_MS = 180_000;
const RED = 'rgb(198, 40, 40)';
const MUTATION = 'nsc04-amid-log-owned-by-root';
const AMID_NSC04 =
  'wazo-amid on 127.0.0.1: NSC-04 log file /var/log/wazo-amid.log: expected writable by wazo-amid, found root:root 0644';

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI as a user runs it (stdout a pipe, so no colour and no progress bar), with a hard timeout. */
function runCli(args: string[], cwd: string): Promise<CliRun> {
  const env = { PATH: process.env.PATH ?? '', HOME: cwd };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, timeout: RUN_TIMEOUT_MS });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** service -> item -> the table's one-letter cell, read back from the printed grid. */
function tableCells(table: string): Map<string, Map<string, string>> {
  const lines = table.split('\n');
  const header = lines.find((line) => line.startsWith('NSC '));
  assert.ok(header, `no grid header in the table:\n${table}`);
  const items = header.trim().split(/\s+/).slice(1);
  const cells = new Map<string, Map<string, string>>();
  for (const line of lines.slice(lines.indexOf(header) + 1)) {
    if (line.trim() === '') break;
    const [service, ...symbols] = line.trim().split(/\s+/);
    const row = new Map(
      items.map((item, i) => [/^\d+$/.test(item) ? `NSC-${item}` : item, symbols[i] ?? '']),
    );
    cells.set(service ?? '', row);
  }
  return cells;
}

function cell(table: string, service: string, item: string): string | undefined {
  return tableCells(table).get(service)?.get(item);
}

void describe('reports of a real run on the lab', () => {
  let lab: Lab;
  let work: string;
  let browser: Browser | undefined;

  before(
    async () => {
      work = mkdtempSync(join(tmpdir(), 'wla-report-lab-'));
      lab = await startLab({ dir: join(work, 'lab') });
      await lab.applyMutation(MUTATION);
    },
    { timeout: 600_000 },
  );

  after(
    async () => {
      await browser?.close();
      await lab?.stop();
      rmSync(work, { recursive: true, force: true });
    },
    { timeout: 60_000 },
  );

  void test(
    `${MUTATION}: red in matrix.html, a failure in valid JUnit, F in the table`,
    { timeout: 300_000 },
    async () => {
      const dir = join(work, 'reports');
      const run = await runCli(
        [
          ...['--config', lab.configFile, '--service', 'wazo-amid', '--service', 'wazo-auth'],
          // Host-wide nginx routes (asterisk's among them) run whatever --service says: keep one failure alone.
          ...['--tags', 'not @NSC-19', '--report-dir', dir],
        ],
        work,
      );
      assert.equal(run.code, 1, run.stderr);
      assert.equal(cell(run.stdout, 'wazo-amid', 'NSC-04'), 'F');
      assert.equal(cell(run.stdout, 'wazo-auth', 'NSC-04'), 'P');
      assert.ok(run.stdout.includes(`\nF wazo-amid NSC-04: ${AMID_NSC04}\n`), run.stdout);
      assert.ok(!run.stdout.includes('\u001b['), 'colour codes on a pipe');
      assert.match(run.stderr, /wazo-live-acceptance: 127\.0\.0\.1: \d+ passed, 1 failed, /);
      assert.ok(run.stderr.includes(`wazo-live-acceptance: 127.0.0.1: reports in ${dir}\n`));
      for (const file of ['junit.xml', 'matrix.html', 'run.ndjson', 'run-meta.json']) {
        assert.ok(existsSync(join(dir, file)), `${file} missing`);
      }

      const lint = spawnSync('xmllint', ['--noout', '--schema', XSD, join(dir, 'junit.xml')], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(lint.status, 0, lint.stderr);
      const junit = readFileSync(join(dir, 'junit.xml'), 'utf8');
      assert.match(
        junit,
        /<testsuite name="127\.0\.0\.1\/wazo-amid" [^>]*failures="1"[^>]*hostname="127\.0\.0\.1"/,
      );
      assert.ok(junit.includes(`<failure message="${AMID_NSC04}" type="CHECK_FAILED">`), junit);
      assert.equal(junit.match(/<failure /g)?.length, 1);

      assert.ok(existsSync(CHROMIUM), `Chromium is missing at ${CHROMIUM}: apt-get install -y chromium`);
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        timeout: 30_000,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'].concat(
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ),
      });
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      page.setDefaultTimeout(10_000);
      await page.goto(pathToFileURL(join(dir, 'matrix.html')).href);
      const failed = page.locator('td[data-status="failed"]');
      assert.equal(await failed.count(), 1);
      assert.equal(await failed.getAttribute('data-service'), 'wazo-amid');
      assert.equal(await failed.getAttribute('data-item'), 'NSC-04');
      assert.equal(await failed.evaluate((e) => getComputedStyle(e).backgroundColor), RED);
      assert.equal(await failed.locator('a').getAttribute('aria-label'), 'wazo-amid NSC-04: FAIL');
      await failed.locator('a').click();
      assert.equal(await page.locator('article.detail:target .message').first().textContent(), AMID_NSC04);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'matrix-lab-nsc04.png'), fullPage: true });
      await page.close();
    },
  );

  void test(
    'one failure, one waiver and one not-applicable item in the terminal table',
    { timeout: 300_000 },
    async () => {
      const waivers = join(work, 'waivers.yml');
      const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      writeFileSync(
        waivers,
        `- host: '127.0.0.1'\n  service: wazo-amid\n  item: NSC-04\n  justification: OPS-1 log ownership fixed in the next release\n  expires: '${expires}'\n`,
      );
      const run = await runCli(
        [
          '--config',
          lab.configFile,
          '--service',
          'wazo-amid',
          '--service',
          'wazo-sysconfd',
          '--tags',
          '@NSC-01 or @NSC-04 or @NSC-05',
          '--waivers',
          waivers,
          '--report',
          'table',
        ],
        work,
      );
      assert.equal(run.code, 1, run.stderr);
      assert.equal(cell(run.stdout, 'wazo-amid', 'NSC-04'), 'W');
      assert.equal(cell(run.stdout, 'wazo-sysconfd', 'NSC-01'), 'F');
      assert.equal(cell(run.stdout, 'wazo-sysconfd', 'NSC-05'), 'n');
      assert.equal(cell(run.stdout, 'wazo-amid', 'NSC-01'), 'P');
      assert.match(
        run.stdout,
        /\n\d+ checks: \d+ passed, 1 failed, 1 waived, \d+ not applicable, 0 could not be checked\n/,
      );
      assert.match(
        run.stdout,
        /\nF wazo-sysconfd NSC-01: wazo-sysconfd on 127\.0\.0\.1: NSC-01 process \d+: expected a user other than root, found root \(uid 0\)\n/,
      );
      assert.ok(!existsSync(join(work, 'junit.xml')), 'no --report-dir: no file written');
    },
  );
});

// A browser global, typed here because the project compiles without the DOM library.
declare const getComputedStyle: (element: unknown) => { backgroundColor: string };
