// The fleet's JUnit XML: one testsuite per host and daemon, and one per host that could not be checked.
import type { ReportRow } from './collect.ts';
import { wasReached } from './fleet-record.ts';
import type { FleetHostResults, FleetResults } from './fleet-record.ts';
import { countStatuses } from './grid.ts';
import { attrs, junitTimestamp, seconds, testcaseXml } from './junit.ts';
import { xmlText } from './xml.ts';

export function toFleetJUnit(fleet: FleetResults): string {
  const suites = fleet.hosts.flatMap(hostSuites);
  const total = (key: keyof Suite) => suites.reduce((sum, suite) => sum + (suite[key] as number), 0);
  const name = `wazo-live-acceptance fleet${fleet.record.inventory ? ` ${fleet.record.inventory}` : ''}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${attrs({
      name,
      tests: total('tests'),
      failures: total('failures'),
      errors: total('errors'),
      skipped: total('skipped'),
      time: seconds(total('ms')),
      timestamp: junitTimestamp(fleet.record.startedAt),
    })}>`,
    ...suites.map((suite) => suite.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

interface Suite {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  ms: number;
  xml: string;
}

function hostSuites(host: FleetHostResults): Suite[] {
  const { record } = host;
  if (!wasReached(host)) return [unreachedSuite(host)];
  const byDaemon = new Map<string, ReportRow[]>();
  const sorted = [...host.rows].sort(
    (a, b) =>
      a.service.localeCompare(b.service) ||
      a.item.localeCompare(b.item) ||
      a.scenario.localeCompare(b.scenario),
  );
  for (const row of sorted) byDaemon.set(row.service, [...(byDaemon.get(row.service) ?? []), row]);
  return [...byDaemon.entries()].map(([daemon, rows]) => {
    const counts = countStatuses(rows);
    const ms = rows.reduce((sum, row) => sum + row.durationMs, 0);
    const suite = {
      tests: rows.length,
      failures: counts.failed,
      errors: counts['not-checked'],
      skipped: counts.waived + counts['not-applicable'],
      ms,
    };
    const head = `  <testsuite ${attrs({
      name: `${record.name} / ${daemon}`,
      ...suite,
      ms: undefined,
      time: seconds(ms),
      timestamp: junitTimestamp(record.startedAt),
      hostname: record.host,
    })}>`;
    const cases = rows.map((row) => testcaseXml(row, `${record.name}.${daemon}`));
    return { ...suite, xml: [head, propertiesXml(host), ...cases, '  </testsuite>'].join('\n') };
  });
}

function unreachedSuite(host: FleetHostResults): Suite {
  const { record } = host;
  const reason = record.reason ?? `the host was ${record.outcome} before it was checked`;
  const head = `  <testsuite ${attrs({
    name: record.name,
    tests: 1,
    failures: 0,
    errors: 1,
    skipped: 0,
    time: seconds(0),
    timestamp: junitTimestamp(record.startedAt),
    hostname: record.host,
  })}>`;
  const error = `      <error ${attrs({
    message: `${record.outcome}: ${reason}`,
    type: record.errorCode ?? record.outcome.toUpperCase(),
  })}>${xmlText(reason)}</error>`;
  const testcase = [
    `    <testcase ${attrs({ name: 'connect', classname: record.name, time: '0.000' })}>`,
    error,
    '    </testcase>',
  ];
  return {
    tests: 1,
    failures: 0,
    errors: 1,
    skipped: 0,
    ms: 0,
    xml: [head, propertiesXml(host), ...testcase, '  </testsuite>'].join('\n'),
  };
}

function propertiesXml(host: FleetHostResults): string {
  const { record, meta } = host;
  const properties: [string, string][] = [
    ['host', record.host],
    ['role', record.role],
    ...(record.pair !== undefined ? [['pair', record.pair] as [string, string]] : []),
    ['profile', record.profile],
    ['groups', record.groups.join(',')],
    ['outcome', record.outcome],
    ...(meta
      ? ([
          ['runner.version', meta.runnerVersion],
          ['catalog.version', meta.catalogVersion],
        ] as [string, string][])
      : []),
    ...Object.entries(record.labels).map(([key, value]): [string, string] => [`label.${key}`, value]),
  ];
  const lines = properties.map(([name, value]) => `      <property ${attrs({ name, value })}/>`);
  return ['    <properties>', ...lines, '    </properties>'].join('\n');
}
