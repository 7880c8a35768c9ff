// toJUnit: suites per host/daemon, outcomes CI servers understand, valid against fixtures/junit.xsd whatever the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ReportRow } from './collect.ts';
import { toJUnit } from './junit.ts';
import type { RunMeta } from './meta.ts';

const XSD = fileURLToPath(new URL('../../fixtures/junit.xsd', import.meta.url));

const META: RunMeta = {
  host: 'staging-1',
  runnerVersion: '0.1.0',
  catalogVersion: '2025.01',
  startedAt: '2026-11-28T02:00:00.000Z',
  durationMs: 4200,
  profile: 'daily',
  insecure: false,
  acceptNewHostKey: true,
  httpsRoute: 'ssh',
};

function row(partial: Partial<ReportRow> & Pick<ReportRow, 'service' | 'item' | 'status'>): ReportRow {
  return {
    host: 'staging-1',
    message: `${partial.service} on staging-1: ${partial.item} ${partial.status}`,
    evidence: [],
    scenario: `${partial.service}: a check`,
    uri: 'features/x.feature',
    tags: [`@${partial.item}`],
    scenarioStatus: 'PASSED',
    durationMs: 250,
    ...partial,
  };
}

/** Runs xmllint against the schema; its verdict and messages. */
function validate(xml: string): { ok: boolean; output: string } {
  const run = spawnSync('xmllint', ['--noout', '--schema', XSD, '-'], {
    input: xml,
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (run.error) assert.fail(`xmllint could not run (${run.error.message}): apt-get install libxml2-utils`);
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

void test('each outcome becomes the JUnit element CI servers read, in one suite per host/daemon', () => {
  const xml = toJUnit(
    [
      row({ service: 'wazo-confd', item: 'NSC-01', status: 'failed', evidence: ['User=root', 'uid=0'] }),
      row({
        service: 'wazo-auth',
        item: 'NSC-08',
        status: 'waived',
        message: 'monit removed until 2026-12-31',
      }),
      row({ service: 'wazo-auth', item: 'NSC-01', status: 'passed', evidence: ['User=wazo-auth'] }),
      row({
        service: 'wazo-confd',
        item: 'NSC-16',
        status: 'not-applicable',
        message: 'not applicable: no consul',
      }),
      row({
        service: 'wazo-confd',
        item: 'NSC-04',
        status: 'not-checked',
        errorCode: 'TIMED_OUT',
        message: 'no answer in 30000 ms',
      }),
    ],
    META,
  );
  const properties = [
    '    <properties>',
    '      <property name="host" value="staging-1"/>',
    '      <property name="runner.version" value="0.1.0"/>',
    '      <property name="catalog.version" value="2025.01"/>',
    '      <property name="profile" value="daily"/>',
    '      <property name="started.at" value="2026-11-28T02:00:00.000Z"/>',
    '      <property name="insecure" value="false"/>',
    '      <property name="accept-new-host-key" value="true"/>',
    '      <property name="https.route" value="ssh"/>',
    '    </properties>',
  ];
  const expected = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<testsuites name="wazo-live-acceptance staging-1" tests="5" failures="1" errors="1" skipped="2" time="1.250" timestamp="2026-11-28T02:00:00">',
    '  <testsuite name="staging-1/wazo-auth" tests="2" failures="0" errors="0" skipped="1" time="0.500" timestamp="2026-11-28T02:00:00" hostname="staging-1">',
    ...properties,
    '    <testcase name="NSC-01 wazo-auth: a check" classname="staging-1.wazo-auth" time="0.250">',
    '      <system-out>User=wazo-auth</system-out>',
    '    </testcase>',
    '    <testcase name="NSC-08 wazo-auth: a check" classname="staging-1.wazo-auth" time="0.250">',
    '      <skipped message="waived: monit removed until 2026-12-31"/>',
    '    </testcase>',
    '  </testsuite>',
    '  <testsuite name="staging-1/wazo-confd" tests="3" failures="1" errors="1" skipped="1" time="0.750" timestamp="2026-11-28T02:00:00" hostname="staging-1">',
    ...properties,
    '    <testcase name="NSC-01 wazo-confd: a check" classname="staging-1.wazo-confd" time="0.250">',
    '      <failure message="wazo-confd on staging-1: NSC-01 failed" type="CHECK_FAILED">User=root',
    'uid=0</failure>',
    '    </testcase>',
    '    <testcase name="NSC-04 wazo-confd: a check" classname="staging-1.wazo-confd" time="0.250">',
    '      <error message="no answer in 30000 ms" type="TIMED_OUT"></error>',
    '    </testcase>',
    '    <testcase name="NSC-16 wazo-confd: a check" classname="staging-1.wazo-confd" time="0.250">',
    '      <skipped message="not applicable: no consul"/>',
    '    </testcase>',
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
  assert.equal(xml, expected);
  assert.deepEqual(validate(xml), { ok: true, output: '- validates\n' });
});

void test('hostile text is escaped and still validates: markup, entities, ]]>, quotes, control characters', () => {
  const hostile = 'found <root> & "x" \'y\' ]]> <![CDATA[ \u0007\u001b[31m \u0000 \uD800 tab\tnew\nline';
  const xml = toJUnit(
    [
      row({
        host: 'h"&<1>',
        service: 'wazo-<b>',
        item: 'NSC-01',
        status: 'failed',
        message: hostile,
        evidence: [hostile],
      }),
      row({ service: 'wazo-<b>', item: 'NSC-02', status: 'not-checked', errorCode: 'A&B', message: hostile }),
      row({ service: 'wazo-<b>', item: 'NSC-03', status: 'waived', message: hostile, scenario: hostile }),
    ],
    { ...META, host: 'h"&<1>', profile: hostile },
  );
  assert.ok(!xml.includes('<root>'), 'raw markup from the message reached the XML');
  assert.ok(!xml.includes(']]>'), 'a raw ]]> reached the XML');
  assert.ok(!xml.includes('\u0007') && !xml.includes('\u0000') && !xml.includes('\u001b'));
  assert.ok(
    xml.includes(
      'message="found &lt;root&gt; &amp; &quot;x&quot; &apos;y&apos; ]]&gt; &lt;![CDATA[ \\x07\\x1b[31m \\x00 \\ud800 tab&#9;new&#10;line"',
    ),
  );
  assert.ok(xml.includes('<testsuite name="h&quot;&amp;&lt;1&gt;/wazo-&lt;b&gt;"'));
  assert.ok(xml.includes('<error message="found'), 'the not-checked case lost its error element');
  assert.ok(xml.includes('type="A&amp;B"'));
  const { ok, output } = validate(xml);
  assert.ok(ok, output);
});

void test('an empty run is a valid, empty testsuites document', () => {
  const xml = toJUnit([], META);
  assert.equal(
    xml,
    '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="wazo-live-acceptance staging-1" tests="0" failures="0" errors="0" skipped="0" time="0.000" timestamp="2026-11-28T02:00:00">\n</testsuites>\n',
  );
  assert.equal(validate(xml).ok, true);
});

void test('the schema check can fail: a testcase without a name or a negative count is rejected', () => {
  const broken =
    '<?xml version="1.0"?><testsuites><testsuite name="s" tests="-1"><testcase classname="c"/></testsuite></testsuites>';
  const { ok, output } = validate(broken);
  assert.equal(ok, false);
  assert.match(output, /'tests': '-1' is not a valid value/);
  assert.match(output, /The attribute 'name' is required but missing/);
});
