// toFleetJUnit: a suite per host and daemon with the host's labels, one `connect` error per unreached host; valid XSD.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CheckStatus } from '../result.ts';
import type { ReportRow } from './collect.ts';
import { toFleetJUnit } from './fleet-junit.ts';
import type { FleetHostResults, FleetResults } from './fleet-record.ts';
import { hostRecord } from './testing/fleet-builder.ts';

const XSD = fileURLToPath(new URL('../../fixtures/junit.xsd', import.meta.url));

function validate(xml: string): { ok: boolean; output: string } {
  const run = spawnSync('xmllint', ['--noout', '--schema', XSD, '-'], {
    input: xml,
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (run.error) assert.fail(`xmllint could not run (${run.error.message}): apt-get install libxml2-utils`);
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

function row(
  service: string,
  item: string,
  status: CheckStatus,
  message = `${service} ${item} ${status}`,
): ReportRow {
  return {
    host: '10.0.0.1',
    service,
    item,
    status,
    message,
    evidence: status === 'failed' ? ['User=root'] : [],
    scenario: `${service}: a check`,
    uri: 'features/x.feature',
    tags: [],
    scenarioStatus: 'PASSED',
    durationMs: 500,
  };
}

function fleetOf(hosts: FleetHostResults[]): FleetResults {
  return {
    record: {
      version: 1,
      startedAt: '2026-11-28T02:00:00.000Z',
      finishedAt: '2026-11-28T02:05:00.000Z',
      inventory: 'fleet.yml',
      hosts: hosts.map((h) => h.record),
    },
    hosts,
  };
}

void test('one suite per host and daemon, labels as properties, and one connect error per unreachable host', () => {
  const xml = toFleetJUnit(
    fleetOf([
      {
        record: hostRecord({
          name: 'pbx-a',
          host: '10.0.0.1',
          role: 'master',
          pair: 'ha-1',
          labels: { site: 'paris' },
        }),
        rows: [row('wazo-confd', 'NSC-01', 'failed', 'confd is root'), row('wazo-auth', 'NSC-01', 'passed')],
      },
      {
        record: hostRecord({
          name: 'pbx-b',
          host: '10.0.0.2',
          outcome: 'unreachable',
          reason: 'connect ECONNREFUSED 10.0.0.2:22',
          errorCode: 'HOST_UNREACHABLE',
          exitCode: 2,
        }),
        rows: [],
      },
    ]),
  );
  const props = (host: string, extra: string[]) => [
    '    <properties>',
    `      <property name="host" value="${host}"/>`,
    ...extra,
    '    </properties>',
  ];
  assert.equal(
    xml,
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites name="wazo-live-acceptance fleet fleet.yml" tests="3" failures="1" errors="1" skipped="0" time="1.000" timestamp="2026-11-28T02:00:00">',
      '  <testsuite name="pbx-a / wazo-auth" tests="1" failures="0" errors="0" skipped="0" time="0.500" timestamp="2026-11-28T02:00:00" hostname="10.0.0.1">',
      ...props('10.0.0.1', [
        '      <property name="role" value="master"/>',
        '      <property name="pair" value="ha-1"/>',
        '      <property name="profile" value="daily"/>',
        '      <property name="groups" value=""/>',
        '      <property name="outcome" value="checked"/>',
        '      <property name="label.site" value="paris"/>',
      ]),
      '    <testcase name="NSC-01 wazo-auth: a check" classname="pbx-a.wazo-auth" time="0.500"/>',
      '  </testsuite>',
      '  <testsuite name="pbx-a / wazo-confd" tests="1" failures="1" errors="0" skipped="0" time="0.500" timestamp="2026-11-28T02:00:00" hostname="10.0.0.1">',
      ...props('10.0.0.1', [
        '      <property name="role" value="master"/>',
        '      <property name="pair" value="ha-1"/>',
        '      <property name="profile" value="daily"/>',
        '      <property name="groups" value=""/>',
        '      <property name="outcome" value="checked"/>',
        '      <property name="label.site" value="paris"/>',
      ]),
      '    <testcase name="NSC-01 wazo-confd: a check" classname="pbx-a.wazo-confd" time="0.500">',
      '      <failure message="confd is root" type="CHECK_FAILED">User=root</failure>',
      '    </testcase>',
      '  </testsuite>',
      '  <testsuite name="pbx-b" tests="1" failures="0" errors="1" skipped="0" time="0.000" timestamp="2026-11-28T02:00:00" hostname="10.0.0.2">',
      ...props('10.0.0.2', [
        '      <property name="role" value="standalone"/>',
        '      <property name="profile" value="daily"/>',
        '      <property name="groups" value=""/>',
        '      <property name="outcome" value="unreachable"/>',
      ]),
      '    <testcase name="connect" classname="pbx-b" time="0.000">',
      '      <error message="unreachable: connect ECONNREFUSED 10.0.0.2:22" type="HOST_UNREACHABLE">connect ECONNREFUSED 10.0.0.2:22</error>',
      '    </testcase>',
      '  </testsuite>',
      '</testsuites>',
      '',
    ].join('\n'),
  );
  assert.deepEqual(validate(xml), { ok: true, output: '- validates\n' });
});

void test('hostile host names, labels and reasons are escaped and the document still validates', () => {
  const hostile = 'x"&<script>alert(1)</script> ]]> \u0007\u001b[31m';
  const xml = toFleetJUnit(
    fleetOf([
      {
        record: hostRecord({ name: `pbx ${hostile}`, labels: { [`k${hostile}`]: hostile } }),
        rows: [row('wazo-<b>', 'NSC-01', 'not-checked', hostile)],
      },
      {
        record: hostRecord({ name: `down ${hostile}`, outcome: 'interrupted', reason: hostile, exitCode: 2 }),
        rows: [],
      },
    ]),
  );
  assert.ok(
    !xml.includes('<script>') && !xml.includes(']]>') && !xml.includes('\u0007'),
    'raw hostile text in the XML',
  );
  assert.ok(
    xml.includes(
      '<testsuite name="pbx x&quot;&amp;&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; \\x07\\x1b[31m / wazo-&lt;b&gt;"',
    ),
  );
  assert.ok(xml.includes('type="INTERRUPTED"'), 'an interrupted host without a code is typed by its outcome');
  const { ok, output } = validate(xml);
  assert.ok(ok, output);
});

void test('a fleet with no host is a valid, empty document', () => {
  const xml = toFleetJUnit(fleetOf([]));
  assert.match(
    xml,
    /<testsuites name="wazo-live-acceptance fleet fleet.yml" tests="0" failures="0" errors="0"/,
  );
  assert.equal(validate(xml).ok, true);
});
