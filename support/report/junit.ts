// JUnit XML for CI servers: one testsuite per host/daemon so Jenkins or GitLab names what broke where.
import type { ReportRow } from './collect.ts';
import { countStatuses } from './grid.ts';
import type { RunMeta } from './meta.ts';
import { xmlAttr, xmlText } from './xml.ts';

export function toJUnit(rows: readonly ReportRow[], meta: RunMeta): string {
  const suites = groupBySuite(rows);
  const counts = countStatuses(rows);
  const time = seconds(rows.reduce((total, row) => total + row.durationMs, 0));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${attrs({
      name: `wazo-live-acceptance ${meta.host}`,
      tests: rows.length,
      failures: counts.failed,
      errors: counts['not-checked'],
      skipped: counts.waived + counts['not-applicable'],
      time,
      timestamp: junitTimestamp(meta.startedAt),
    })}>`,
    ...[...suites.entries()].map(([name, suiteRows]) => suiteXml(name, suiteRows, meta)),
    '</testsuites>',
    '',
  ];
  return lines.join('\n');
}

function groupBySuite(rows: readonly ReportRow[]): Map<string, ReportRow[]> {
  const suites = new Map<string, ReportRow[]>();
  const sorted = [...rows].sort(
    (a, b) =>
      a.host.localeCompare(b.host) ||
      a.service.localeCompare(b.service) ||
      a.item.localeCompare(b.item) ||
      a.scenario.localeCompare(b.scenario),
  );
  for (const row of sorted) {
    const name = `${row.host}/${row.service}`;
    suites.set(name, [...(suites.get(name) ?? []), row]);
  }
  return suites;
}

function suiteXml(name: string, rows: readonly ReportRow[], meta: RunMeta): string {
  const counts = countStatuses(rows);
  const first = rows[0];
  const head = `  <testsuite ${attrs({
    name,
    tests: rows.length,
    failures: counts.failed,
    errors: counts['not-checked'],
    skipped: counts.waived + counts['not-applicable'],
    time: seconds(rows.reduce((total, row) => total + row.durationMs, 0)),
    timestamp: junitTimestamp(meta.startedAt),
    hostname: first?.host ?? meta.host,
  })}>`;
  return [head, propertiesXml(meta), ...rows.map((row) => testcaseXml(row)), '  </testsuite>'].join('\n');
}

function propertiesXml(meta: RunMeta): string {
  const properties: Record<string, string> = {
    host: meta.host,
    'runner.version': meta.runnerVersion,
    'catalog.version': meta.catalogVersion,
    profile: meta.profile,
    'started.at': meta.startedAt,
    insecure: String(meta.insecure),
    'accept-new-host-key': String(meta.acceptNewHostKey),
    'https.route': meta.httpsRoute,
  };
  const lines = Object.entries(properties).map(
    ([name, value]) => `      <property ${attrs({ name, value })}/>`,
  );
  return ['    <properties>', ...lines, '    </properties>'].join('\n');
}

/** One check as a testcase; the classname defaults to "<host>.<daemon>" (a fleet report puts the host's name). */
export function testcaseXml(row: ReportRow, classname = `${row.host}.${row.service}`): string {
  const head = `    <testcase ${attrs({
    name: `${row.item} ${row.scenario}`,
    classname,
    time: seconds(row.durationMs),
  })}`;
  const body = outcomeXml(row);
  return body === '' ? `${head}/>` : `${head}>\n${body}\n    </testcase>`;
}

function outcomeXml(row: ReportRow): string {
  const evidence = xmlText(row.evidence.join('\n'));
  const systemOut = row.evidence.length > 0 ? `\n      <system-out>${evidence}</system-out>` : '';
  switch (row.status) {
    case 'passed':
      return systemOut.slice(1);
    case 'failed':
      return `      <failure ${attrs({ message: row.message, type: 'CHECK_FAILED' })}>${evidence}</failure>`;
    case 'not-checked':
      return `      <error ${attrs({ message: row.message, type: row.errorCode ?? 'NOT_CHECKED' })}>${evidence}</error>`;
    case 'waived':
      return `      <skipped ${attrs({ message: prefixed('waived', row.message) })}/>${systemOut}`;
    case 'not-applicable':
      return `      <skipped ${attrs({ message: prefixed('not applicable', row.message) })}/>${systemOut}`;
  }
}

/** "waived: <why>" once, whether or not the check's message already starts so. */
export function prefixed(prefix: string, message: string): string {
  return message.toLowerCase().startsWith(`${prefix}:`) ? message : `${prefix}: ${message}`;
}

/** XML attributes, escaped; an undefined value leaves its attribute out. */
export function attrs(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => `${name}="${xmlAttr(String(value))}"`)
    .join(' ');
}

export function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** Ant's format (no zone, no fraction), which strict JUnit consumers require; the value is UTC. */
export function junitTimestamp(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '1970-01-01T00:00:00' : date.toISOString().slice(0, 19);
}
