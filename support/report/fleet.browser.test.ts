// The fleet overview in a real Chromium: red cell naming the daemon, reason row, pair together, one new failure, links.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Locator } from 'playwright-core';
import { writeFleetReports } from './fleet.ts';
import type { CheckStatus } from '../result.ts';
import { parseNdjson } from './messages.ts';
import type { MessageEnvelope } from './messages.ts';
import { MessageBuilder, result } from './testing/message-builder.ts';
import { runOf, writeFleetDir } from './testing/fleet-builder.ts';
import type { HostSpec } from './testing/fleet-builder.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../reports/test-artifacts/', import.meta.url));
const RECORDED = fileURLToPath(new URL('../../fixtures/report/run.ndjson', import.meta.url));
const RED = 'rgb(198, 40, 40)';
const HOSTILE = '<script>window.__owned = 1</script><img src=x onerror="window.__owned = 2">';
const REASON = 'permission denied (publickey) for wazo@10.0.0.9';

let browser: Browser | undefined;
const workDir = mkdtempSync(join(tmpdir(), 'wla-fleet-browser-'));

before(
  async () => {
    if (!existsSync(CHROMIUM))
      assert.fail(`Chromium is missing at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      timeout: 30_000,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
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

/** The recorded lab run (wazo-confd fails NSC-01) now; with `fixed`, the same host all green. */
function fleetHosts(fixed: boolean): HostSpec[] {
  return [
    {
      record: { name: 'green-1', labels: { site: 'paris' } },
      envelopes: runOf('green-1', ['wazo-auth', 'wazo-confd']),
    },
    {
      record: { name: 'lab-1', labels: { owner: HOSTILE }, exitCode: fixed ? 0 : 1 },
      envelopes: fixed ? recordedButFixed() : parseNdjson(readFileSync(RECORDED, 'utf8'), RECORDED),
    },
    { record: { name: 'pbx-b', role: 'slave', pair: 'ha-1' }, envelopes: runOf('pbx-b', ['wazo-auth']) },
    { record: { name: 'solo-2' }, envelopes: runOf('solo-2', ['wazo-auth']) },
    { record: { name: 'pbx-a', role: 'master', pair: 'ha-1' }, envelopes: runOf('pbx-a', ['wazo-auth']) },
    {
      record: {
        name: 'down-1',
        outcome: 'unreachable',
        reason: REASON,
        errorCode: 'AUTH_FAILED',
        exitCode: 2,
      },
    },
  ];
}

/** The recorded run's outcomes, wazo-confd NSC-01 passing: what lab-1 gave the night before. */
function recordedButFixed(): MessageEnvelope[] {
  const outcomes: [string, string, CheckStatus][] = [
    ['wazo-auth', 'NSC-01', 'passed'],
    ['wazo-confd', 'NSC-01', 'passed'],
    ['wazo-auth', 'NSC-08', 'waived'],
    ['wazo-confd', 'NSC-08', 'not-applicable'],
    ['wazo-dird', 'NSC-04', 'not-checked'],
    ['wazo-dird', 'NSC-05', 'not-checked'],
    ['wazo-dird', 'NSC-17', 'not-checked'],
  ];
  const builder = new MessageBuilder();
  for (const [service, item, status] of outcomes)
    builder.scenario({
      name: `${service}: check ${item}`,
      tags: [`@${item}`],
      results: [result({ host: 'lab-1', service, item, status })],
    });
  return builder.envelopes();
}

declare const getComputedStyle: (element: unknown) => { backgroundColor: string };
declare const window: { __owned?: number };

async function backgroundOf(locator: Locator): Promise<string> {
  return locator.evaluate((element) => getComputedStyle(element).backgroundColor);
}

void test(
  'the fleet overview: failing cell red and named, reason row, pair together, one new failure, links, no script',
  { timeout: 120_000 },
  async () => {
    assert.ok(browser, 'the browser did not start');
    const previous = join(workDir, 'previous');
    const current = join(workDir, 'current');
    await writeFleetDir(previous, fleetHosts(true), { startedAt: '2026-11-27T02:00:00.000Z' });
    await writeFleetDir(current, fleetHosts(false));
    await writeFleetReports(current, { compareWith: previous, table: { color: false, width: 120 } });
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    page.setDefaultTimeout(10_000);
    const scripts: string[] = [];
    page.on('console', (message) => scripts.push(message.text()));
    await page.goto(pathToFileURL(join(current, 'matrix.html')).href);

    const failing = page.locator('tr[data-host="lab-1"] td[data-item="NSC-01"]');
    assert.equal(await failing.getAttribute('data-status'), 'failed');
    assert.equal(await backgroundOf(failing), RED);
    assert.equal(
      await failing.locator('a').getAttribute('title'),
      'NSC-01 on lab-1: FAIL on 1 of 2 daemons: wazo-confd',
    );
    const green = page.locator('tr[data-host="green-1"] td[data-item="NSC-01"]');
    assert.equal(await green.getAttribute('data-status'), 'passed');
    assert.notEqual(await backgroundOf(green), RED, 'a passing cell is red too');
    assert.equal(
      await page.locator('td.cell[data-status="failed"]').count(),
      1,
      'only one cell should be red',
    );

    const reason = page.locator('tr[data-host="down-1"] td.reason');
    assert.equal(await reason.textContent(), `unreachable [AUTH_FAILED]: ${REASON}`);
    assert.equal(
      await page.locator('tr[data-host="down-1"] td.cell').count(),
      0,
      'an unreachable host has cells',
    );

    const order = await page
      .locator('tr[data-host]')
      .evaluateAll((rows) =>
        rows.map((row) => (row as unknown as { dataset: { host: string } }).dataset.host),
      );
    assert.deepEqual(order, ['green-1', 'lab-1', 'pbx-a', 'pbx-b', 'solo-2', 'down-1']);
    const pair = page.locator('tbody.pair[data-pair="ha-1"]');
    assert.deepEqual(await pair.locator('tr[data-host]').evaluateAll((rows) => rows.length), 2);
    assert.equal(
      await pair.locator('tr.pair-head').textContent(),
      'HA pair ha-1: pbx-a (master) + pbx-b (slave)',
    );

    const newFailures = page.locator('table[data-changes="new-failures"] tbody tr');
    assert.equal(await newFailures.count(), 1, 'exactly one new failure');
    assert.deepEqual(await newFailures.first().locator('td').allTextContents(), [
      'lab-1',
      'wazo-confd',
      'NSC-01',
      'passed → failed',
      'wazo-confd on lab-1: NSC-01 user: expected wazo-confd, found root <b>&amp;</b>',
    ]);
    assert.equal(await page.locator('h3#new-failures').textContent(), 'New failures (1)');
    assert.equal(await page.locator('h3#fixed').textContent(), 'Fixed (0)');
    const changesBox = await page.locator('section.changes').boundingBox();
    const tableBox = await page.locator('table.fleet').boundingBox();
    assert.ok(changesBox && tableBox && changesBox.y < tableBox.y, 'the changes do not come first');

    assert.equal(await page.evaluate(() => window.__owned), undefined, 'a hostile label ran');
    assert.ok(
      ((await page.locator('tr[data-host="lab-1"] td.labels').textContent()) ?? '').includes('<script>'),
    );
    assert.deepEqual(scripts, []);
    mkdirSync(ARTIFACTS, { recursive: true });
    const screenshot = join(ARTIFACTS, 'fleet-overview.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    const png = readFileSync(screenshot);
    assert.ok(statSync(screenshot).size > 1000, 'the screenshot is empty');
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'not a PNG');

    await page.locator('tr[data-host="lab-1"] a.host-link').click();
    await page.waitForURL(/\/hosts\/lab-1\/matrix\.html$/);
    assert.equal(await page.title(), '✗ FAILED - Wazo checklist on lab-1.example.net');
    assert.equal(
      await page.locator('td[data-service="wazo-confd"][data-item="NSC-01"]').getAttribute('data-status'),
      'failed',
    );
    await page.close();
  },
);
