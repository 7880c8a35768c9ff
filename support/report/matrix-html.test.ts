// toMatrixHtml as text: self-contained, escaped, every cell tagged, banners that never let a bad run look green.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckResult } from '../result.ts';
import { collectResults } from './collect.ts';
import { toMatrixHtml } from './matrix-html.ts';
import { MessageBuilder, result } from './testing/message-builder.ts';
import type { RunMeta } from './meta.ts';

const META: RunMeta = {
  host: 'staging-1',
  runnerVersion: '0.1.0',
  catalogVersion: '2025.01',
  startedAt: '2026-11-28T02:00:00.000Z',
  durationMs: 4200,
  profile: 'daily',
  insecure: false,
  acceptNewHostKey: false,
  httpsRoute: 'direct',
};

const HOSTILE = '<script>document.title="owned"</script><img src=x onerror=alert(1)> & "quoted" \'single\'';

function render(results: CheckResult[], meta: RunMeta = META, withoutResult = 0): string {
  const builder = new MessageBuilder();
  for (const r of results)
    builder.scenario({ name: `${r.service}: check`, tags: [`@${r.item}`], results: [r] });
  for (let i = 0; i < withoutResult; i += 1)
    builder.scenario({ name: `wazo-dird: check ${i}`, tags: ['@NSC-09'] });
  return toMatrixHtml(collectResults(builder.envelopes()), meta);
}

function cellTag(html: string, service: string, item: string): string {
  const match = new RegExp(`<td [^>]*data-service="${service}" data-item="${item}"[^>]*>`).exec(html);
  assert.ok(match, `no cell for ${service} ${item}`);
  return match[0];
}

void test('the page loads nothing from outside: no URL, no external script, style or font', () => {
  const html = render([result({ service: 'wazo-auth', item: 'NSC-01', status: 'passed' })]);
  assert.doesNotMatch(html, /https?:\/\//);
  assert.doesNotMatch(html, /(src|href)="(?!#)/);
  assert.doesNotMatch(html, /<link|@import|url\(/);
  assert.match(
    html,
    /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/,
  );
});

void test('every daemon x item cell carries its service, item and status, with all 21 checklist columns', () => {
  const html = render([
    result({ service: 'wazo-auth', item: 'NSC-01', status: 'passed' }),
    result({ service: 'wazo-auth', item: 'NSC-08', status: 'waived' }),
    result({ service: 'wazo-confd', item: 'NSC-01', status: 'failed' }),
    result({ service: 'wazo-confd', item: 'CATALOG', status: 'not-applicable' }),
  ]);
  assert.equal(
    cellTag(html, 'wazo-confd', 'NSC-01'),
    '<td class="cell st-failed" data-host="staging-1" data-service="wazo-confd" data-item="NSC-01" data-status="failed">',
  );
  assert.match(cellTag(html, 'wazo-auth', 'NSC-08'), /data-status="waived"/);
  assert.match(cellTag(html, 'wazo-auth', 'NSC-21'), /data-status="not-run"/);
  assert.match(cellTag(html, 'wazo-confd', 'CATALOG'), /data-status="not-applicable"/);
  assert.equal(html.match(/<td class="cell/g)?.length, 2 * 22);
  assert.match(
    html,
    /<th scope="col" title="NSC-21: The dependencies are Debian packages; requirements pinned to Debian versions">NSC<br>21<\/th>/,
  );
});

void test('a cell shows the worst of its checks, so one failure is never hidden by a pass', () => {
  const html = render([
    result({ service: 'wazo-auth', item: 'NSC-04', status: 'passed' }),
    result({
      service: 'wazo-auth',
      item: 'NSC-04',
      status: 'failed',
      message: 'log file: expected writable',
    }),
  ]);
  assert.match(cellTag(html, 'wazo-auth', 'NSC-04'), /data-status="failed"/);
  assert.ok(html.includes('log file: expected writable'));
});

void test('hostile messages and evidence are escaped: no markup of theirs reaches the page', () => {
  const html = render([
    result({
      service: 'wazo-auth',
      item: 'NSC-01',
      status: 'failed',
      message: HOSTILE,
      evidence: [HOSTILE, 'bell \u0007'],
    }),
  ]);
  assert.ok(!html.includes('<script>'), 'a <script> from a message reached the page');
  assert.ok(!html.includes('<img'), 'an <img> from a message reached the page');
  assert.ok(
    html.includes(
      '&lt;script&gt;document.title=&quot;owned&quot;&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot; &#39;single&#39;',
    ),
  );
  assert.ok(html.includes('bell \\x07'));
});

void test('a passing run says PASSED and shows that host key and TLS were verified', () => {
  const html = render([result({ service: 'wazo-auth', item: 'NSC-01', status: 'passed' })]);
  assert.match(
    html,
    /<p class="verdict verdict-passed" data-verdict="passed">✓ PASSED: 1 check: 1 passed<\/p>/,
  );
  assert.ok(html.includes('<dt>Verification</dt><dd>host key and TLS certificates verified</dd>'));
  assert.ok(html.includes('<dt>HTTPS route</dt><dd>direct from the runner</dd>'));
  assert.doesNotMatch(html, /class="banner/);
});

void test('unchecked items turn the verdict and add the "could not be run" banner, even with all else passed', () => {
  const html = render([result({ service: 'wazo-auth', item: 'NSC-01', status: 'passed' })], META, 2);
  assert.match(html, /data-verdict="not-checked">\? INCOMPLETE: 3 checks: 1 passed, 2 could not be checked</);
  assert.ok(
    html.includes(
      '<p class="banner banner-not-checked" role="alert">? 2 checks could not be run: this run does not show that the host is fine</p>',
    ),
  );
  assert.doesNotMatch(html, /class="verdict verdict-passed"/);
});

void test('an empty run is not green', () => {
  const html = toMatrixHtml([], META);
  assert.match(html, /data-verdict="empty">\? NO CHECK RAN: 0 checks</);
  assert.ok(html.includes('No scenario ran: nothing was checked.'));
});

void test('the header names the run and warns about every weakened verification', () => {
  const html = render([result({ service: 'wazo-auth', item: 'NSC-01', status: 'passed' })], {
    ...META,
    insecure: true,
    acceptNewHostKey: true,
  });
  for (const field of [
    '<dt>Host</dt><dd>staging-1</dd>',
    '<dt>Runner version</dt><dd>0.1.0</dd>',
    '<dt>Catalog version</dt><dd>2025.01</dd>',
    '<dt>Started</dt><dd>2026-11-28 02:00:00 UTC</dd>',
    '<dt>Duration</dt><dd>4.2 s</dd>',
    '<dt>Profile</dt><dd>daily</dd>',
    '<dt>Verification</dt><dd>WEAKENED: --insecure --accept-new-host-key</dd>',
  ]) {
    assert.ok(html.includes(field), `missing ${field}`);
  }
  assert.ok(
    html.includes(
      '<p class="banner banner-weakened" role="alert">⚠ --insecure was in force: TLS certificates were NOT verified: the HTTPS results may come from another machine</p>',
    ),
  );
  assert.ok(
    html.includes('⚠ --accept-new-host-key was in force: an unknown SSH host key was trusted on first use'),
  );
});

void test('several hosts in one run are told apart in the row labels', () => {
  const html = render([
    result({ host: 'a-1', service: 'wazo-auth', item: 'NSC-01', status: 'passed' }),
    result({ host: 'b-2', service: 'wazo-auth', item: 'NSC-01', status: 'failed' }),
  ]);
  assert.ok(html.includes('<th scope="row">a-1/wazo-auth</th>'));
  assert.ok(html.includes('<th scope="row">b-2/wazo-auth</th>'));
});
