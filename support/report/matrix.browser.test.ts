// The matrix page in a real Chromium: the failing cell is red and named, a click shows its evidence, no script runs.
// WLA_MATRIX_MESSAGES=<run.ndjson> renders that run (e.g. a lab run with a mutation) instead of the recorded one.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Locator, Page } from 'playwright-core';
import { collectResults } from './collect.ts';
import type { ReportRow } from './collect.ts';
import { toMatrixHtml } from './matrix-html.ts';
import { MessageBuilder, result } from './testing/message-builder.ts';
import { parseNdjson } from './messages.ts';
import type { RunMeta } from './meta.ts';
import { showUnprintable } from './xml.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../reports/test-artifacts/', import.meta.url));
const RECORDED = fileURLToPath(new URL('../../fixtures/report/run.ndjson', import.meta.url));
const RED = 'rgb(198, 40, 40)';
const HOSTILE =
  'found root <script>window.__owned = 1; document.title = "owned"</script><img src=x onerror="window.__owned = 2">';

const META: RunMeta = {
  host: 'staging-1',
  runnerVersion: '0.1.0',
  catalogVersion: '2025.01',
  startedAt: '2026-11-28T02:00:00.000Z',
  durationMs: 83_500,
  profile: 'daily',
  insecure: true,
  acceptNewHostKey: false,
  httpsRoute: 'direct',
};

let browser: Browser | undefined;
const workDir = mkdtempSync(join(tmpdir(), 'wla-matrix-'));

before(
  async () => {
    if (!existsSync(CHROMIUM)) {
      assert.fail(`Chromium is missing at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      timeout: 30_000,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  },
  { timeout: 60_000 },
);

after(
  async () => {
    await browser?.close();
    rmSync(workDir, { recursive: true, force: true });
  },
  { timeout: 30_000 },
);

function constructedRun(): ReportRow[] {
  const envelopes = new MessageBuilder()
    .scenario({
      name: 'wazo-auth: the default user is not root',
      tags: ['@NSC-01', '@daily'],
      results: [result({ service: 'wazo-auth', item: 'NSC-01', status: 'passed' })],
    })
    .scenario({
      name: 'wazo-confd: the default user is not root',
      tags: ['@NSC-01', '@daily'],
      results: [
        result({
          service: 'wazo-confd',
          item: 'NSC-01',
          status: 'failed',
          message: `wazo-confd on staging-1: NSC-01 user: expected wazo-confd, ${HOSTILE}`,
          evidence: ['systemctl show: User=root', `MainPID uid: 0 ${HOSTILE}`],
        }),
      ],
    })
    .scenario({
      name: 'wazo-auth: the service is monitored by monit',
      tags: ['@NSC-08', '@daily'],
      results: [
        result({
          service: 'wazo-auth',
          item: 'NSC-08',
          status: 'waived',
          message: 'waived: OPS-42 until 2026-12-31',
        }),
      ],
    })
    .scenario({
      name: 'wazo-confd: the service is monitored by monit',
      tags: ['@NSC-08', '@daily'],
      results: [
        result({
          service: 'wazo-confd',
          item: 'NSC-08',
          status: 'not-applicable',
          message: 'supervised by systemd',
        }),
      ],
    })
    .scenario({
      name: 'wazo-dird: the user can write the default log file',
      tags: ['@NSC-04', '@daily'],
      steps: [
        {
          text: 'the service "wazo-dird" can write its log file',
          status: 'FAILED',
          exception: { type: 'TimedOut', message: 'fact snapshot: no answer in 30000 ms' },
        },
      ],
    })
    .envelopes();
  return collectResults(envelopes, { host: 'staging-1' });
}

async function open(rows: readonly ReportRow[], meta: RunMeta, name: string): Promise<Page> {
  assert.ok(browser, 'the browser did not start');
  const file = join(workDir, `${name}.html`);
  writeFileSync(file, toMatrixHtml(rows, meta));
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(10_000);
  await page.goto(pathToFileURL(file).href);
  return page;
}

function cellSelector(row: Pick<ReportRow, 'service' | 'item'>): string {
  return `td[data-service="${row.service}"][data-item="${row.item}"]`;
}

// Browser globals, typed here because the project compiles without the DOM library.
declare const getComputedStyle: (element: unknown) => { backgroundColor: string };
declare const window: { __owned?: number };

async function backgroundOf(locator: Locator): Promise<string> {
  return locator.evaluate((element) => getComputedStyle(element).backgroundColor);
}

/** The failing cell is red, says which daemon and item it is, and a click shows its message and evidence. */
async function checkFailingCell(page: Page, failed: ReportRow): Promise<void> {
  const cell = page.locator(cellSelector(failed));
  assert.equal(await cell.getAttribute('data-status'), 'failed');
  assert.equal(await backgroundOf(cell), RED);
  assert.equal(await cell.locator('a').getAttribute('aria-label'), `${failed.service} ${failed.item}: FAIL`);
  const rowHeader = cell.locator('xpath=../th');
  assert.equal(await rowHeader.textContent(), failed.service);
  await cell.locator('a').click();
  const panel = page.locator('article.detail:target');
  assert.equal(await panel.count(), 1, 'no detail panel shown after the click');
  assert.equal(await panel.getAttribute('data-service'), failed.service);
  assert.equal(await panel.getAttribute('data-item'), failed.item);
  assert.ok(await panel.isVisible());
  assert.equal(await panel.locator('.message').first().textContent(), showUnprintable(failed.message));
  assert.equal(
    await panel.locator('.evidence').first().textContent(),
    showUnprintable(failed.evidence.join('\n')) || '(no evidence recorded)',
  );
  assert.equal(
    await page.locator('article.detail:visible').count(),
    1,
    'more than one detail panel is visible',
  );
}

void test(
  'the failing cell is red and named, a click shows its evidence, and hostile text never runs',
  { timeout: 120_000 },
  async () => {
    const rows = constructedRun();
    const page = await open(rows, META, 'constructed');
    const failed = rows.find((row) => row.status === 'failed');
    assert.ok(failed);
    await checkFailingCell(page, failed);
    for (const [service, item, status] of [
      ['wazo-auth', 'NSC-08', 'waived'],
      ['wazo-confd', 'NSC-08', 'not-applicable'],
      ['wazo-dird', 'NSC-04', 'not-checked'],
      ['wazo-auth', 'NSC-01', 'passed'],
      ['wazo-auth', 'NSC-21', 'not-run'],
    ] as const) {
      const cell = page.locator(cellSelector({ service, item }));
      assert.equal(await cell.getAttribute('data-status'), status, `${service} ${item}`);
    }
    const colours: Record<string, string> = {};
    for (const status of ['passed', 'failed', 'waived', 'not-applicable', 'not-checked', 'not-run']) {
      colours[status] = await backgroundOf(page.locator(`td.cell[data-status="${status}"]`).first());
    }
    assert.equal(
      new Set(Object.values(colours)).size,
      6,
      `statuses share a colour: ${JSON.stringify(colours)}`,
    );
    assert.equal(
      await page.locator('.banner-not-checked').textContent(),
      '? 1 check could not be run: this run does not show that the host is fine',
    );
    assert.match((await page.locator('.banner-weakened').textContent()) ?? '', /--insecure was in force/);
    assert.equal(await page.title(), '✗ FAILED - Wazo checklist on staging-1');
    assert.equal(await page.evaluate(() => window.__owned), undefined);
    assert.ok(((await page.locator('.detail:target .message').textContent()) ?? '').includes('<script>'));
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'matrix.png'), fullPage: true });
    await page.close();
  },
);

void test(
  'a recorded run (or WLA_MATRIX_MESSAGES) renders with each failed cell red and clickable',
  { timeout: 120_000 },
  async () => {
    const source = process.env.WLA_MATRIX_MESSAGES ?? RECORDED;
    const rows = collectResults(parseNdjson(readFileSync(source, 'utf8'), source));
    const failed = rows.filter((row) => row.status === 'failed');
    assert.ok(failed.length > 0, `${source}: expected at least one failed check to look at, found none`);
    const page = await open(rows, { ...META, host: rows[0]?.host ?? META.host }, 'recorded');
    for (const row of failed) await checkFailingCell(page, row);
    assert.equal(await page.evaluate(() => window.__owned), undefined);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'matrix-recorded.png'), fullPage: true });
    await page.close();
  },
);
