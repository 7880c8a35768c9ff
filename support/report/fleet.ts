// A fleet directory's reports: loads fleet.json and each host's run, writes junit.xml, matrix.html, changes.json.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../errors.ts';
import { collectResults } from './collect.ts';
import type { ReportRow } from './collect.ts';
import { compareFleets, HOST_LEVEL } from './fleet-compare.ts';
import type { FleetChange, FleetComparison } from './fleet-compare.ts';
import { checkTotals, groupsOf, hostTotals, tallyText, toFleetHtml } from './fleet-html.ts';
import { toFleetJUnit } from './fleet-junit.ts';
import { CHANGES_FILE, HOST_RUN_FILES, hostDir, readFleetRecord, wasReached } from './fleet-record.ts';
import type { FleetHostRecord, FleetHostResults, FleetResults } from './fleet-record.ts';
import { countStatuses, verdictOf } from './grid.ts';
import { parseNdjson } from './messages.ts';
import { buildRunMeta, formatDuration, formatStart } from './meta.ts';
import { parseRunMetaFile } from './run-meta-file.ts';
import type { TableOptions } from './terminal-table.ts';
import { REPORT_FILES } from './write.ts';
import { showUnprintable } from './xml.ts';

export interface FleetReportOptions {
  /** A previous fleet directory: adds changes.json and the "Changed since the last run" section. */
  compareWith?: string;
  table: TableOptions;
}

/** The fleet record and, per host, the rows of its run.ndjson (none for a host never reached) and its run-meta. */
export async function loadFleet(dir: string): Promise<FleetResults> {
  const record = readFleetRecord(dir);
  // One host at a time: a host's messages (about 2 MB of JSON for the daily profile) are parsed, reduced to its
  // rows and dropped before the next is read; reading them all at once held every host's messages together.
  const hosts: FleetHostResults[] = [];
  for (const host of record.hosts) hosts.push(await loadHost(dir, host));
  return { record, hosts };
}

async function loadHost(dir: string, record: FleetHostRecord): Promise<FleetHostResults> {
  const messagesPath = join(hostDir(dir, record.name), HOST_RUN_FILES.messages);
  const messages = await readIfPresent(messagesPath);
  if (messages === undefined) {
    if (record.outcome === 'checked')
      throw new ConfigError(
        `cannot read ${messagesPath}: ENOENT, yet the fleet record says ${record.name} was checked`,
      );
    return { record, rows: [] };
  }
  const envelopes = parseNdjson(messages, messagesPath);
  const rows = collectResults(envelopes, { host: record.host });
  const metaPath = join(hostDir(dir, record.name), HOST_RUN_FILES.meta);
  const metaText = await readIfPresent(metaPath);
  const fromFile = metaText === undefined ? {} : parseRunMetaFile(metaText, metaPath);
  const meta = buildRunMeta(envelopes, {
    ...fromFile,
    host: fromFile.host ?? record.host,
    profile: fromFile.profile ?? record.profile,
  });
  return { record, rows, meta };
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new ConfigError(`cannot read ${path}: ${code ?? String(err)}`, { cause: err });
  }
}

/**
 * Writes DIR/junit.xml, DIR/matrix.html and, with compareWith, DIR/changes.json (each replaced whole), and
 * returns the terminal summary: a line per host, the totals, then the changes with the new failures first.
 */
export async function writeFleetReports(dir: string, options: FleetReportOptions): Promise<string> {
  const fleet = await loadFleet(dir);
  const changes =
    options.compareWith === undefined
      ? undefined
      : compareFleets(await loadFleet(options.compareWith), fleet);
  await replaceFile(join(dir, REPORT_FILES.junit), toFleetJUnit(fleet));
  await replaceFile(join(dir, REPORT_FILES.matrix), toFleetHtml(fleet, changes));
  if (changes) await replaceFile(join(dir, CHANGES_FILE), `${JSON.stringify(changes, null, 2)}\n`);
  return fleetSummary(fleet, changes, options.table);
}

async function replaceFile(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content, 'utf8');
  await rename(temporary, path);
}

const ANSI = { bad: '1;31', unchecked: '1;35', good: '32', note: '1;33' } as const;
const WORST_SHOWN = 3;

type Paint = (code: string, text: string) => string;

/** The fleet's terminal summary (plain text unless options.color); hosts as the overview orders them. */
export function fleetSummary(
  fleet: FleetResults,
  changes: FleetComparison | undefined,
  options: TableOptions,
): string {
  const paint: Paint = (code, text) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const { record } = fleet;
  const duration = Date.parse(record.finishedAt) - Date.parse(record.startedAt);
  const header = [
    'wazo-live-acceptance fleet',
    ...(record.inventory ? [`inventory ${record.inventory}`] : []),
    `started ${formatStart(record.startedAt)}`,
    Number.isNaN(duration) ? 'duration unknown' : formatDuration(Math.max(0, duration)),
  ].join(' | ');
  const nameWidth = Math.min(24, Math.max(4, ...fleet.hosts.map((h) => safe(h.record.name).length)));
  const roleWidth = Math.max(10, ...fleet.hosts.map((h) => roleText(h.record).length));
  const counts = countStatuses(fleet.hosts.flatMap((host) => host.rows));
  const unreached = fleet.hosts.some((host) => !wasReached(host));
  const lines = [
    safe(header),
    '',
    ...groupsOf(fleet.hosts)
      .flat()
      .map((host) => hostLine(host, nameWidth, roleWidth, options.width, paint)),
    '',
    `Totals: ${hostTotals(fleet)} | ${checkTotals(counts)}`,
    verdictLine(counts, unreached, paint),
    ...(changes ? changeLines(changes, paint) : []),
  ];
  return `${lines.join('\n')}\n`;
}

function hostLine(
  host: FleetHostResults,
  nameWidth: number,
  roleWidth: number,
  width: number,
  paint: Paint,
): string {
  const { record } = host;
  const name = fit(safe(record.name), nameWidth).padEnd(nameWidth);
  const role = roleText(record).padEnd(roleWidth);
  const outcome = record.outcome.padEnd(11);
  const left = `${name} ${role} ${outcome} `;
  const outcomeCode = record.outcome === 'checked' ? ANSI.good : ANSI.unchecked;
  if (!wasReached(host)) {
    const code = record.errorCode ? `[${record.errorCode}] ` : '';
    const reason = fit(safe(`${code}${record.reason ?? 'no reason recorded'}`), width - left.length);
    return `${name} ${role} ${paint(outcomeCode, outcome)} ${reason}`;
  }
  const counts = countStatuses(host.rows);
  const worst = worstItems(host.rows);
  const tail = fit(safe(`${tallyText(counts)}${worst ? ` | ${worst}` : ''}`), width - left.length);
  const painted = record.outcome === 'checked' ? outcome : paint(outcomeCode, outcome);
  return `${name} ${role} ${painted} ${counts.failed > 0 ? paint(ANSI.bad, tail) : tail}`;
}

function roleText(record: FleetHostRecord): string {
  return record.pair === undefined ? record.role : `${record.role} of ${safe(record.pair)}`;
}

/** "F NSC-01 wazo-confd, E NSC-04 wazo-dird +2 more": failures first, then what could not be checked. */
function worstItems(rows: readonly ReportRow[]): string {
  const bad = rows
    .filter((row) => row.status === 'failed' || row.status === 'not-checked')
    .sort(
      (a, b) =>
        Number(a.status !== 'failed') - Number(b.status !== 'failed') ||
        a.item.localeCompare(b.item) ||
        a.service.localeCompare(b.service),
    );
  const byItem = new Map<string, { letter: string; daemons: string[] }>();
  for (const row of bad) {
    const key = `${row.status === 'failed' ? 'F' : 'E'} ${row.item}`;
    const entry = byItem.get(key) ?? { letter: key, daemons: [] };
    if (!entry.daemons.includes(row.service)) entry.daemons.push(row.service);
    byItem.set(key, entry);
  }
  const entries = [...byItem.values()].map((e) => `${e.letter} ${e.daemons.join(',')}`);
  const more = entries.length > WORST_SHOWN ? ` +${entries.length - WORST_SHOWN} more` : '';
  return entries.slice(0, WORST_SHOWN).join(', ') + more;
}

function verdictLine(counts: ReturnType<typeof countStatuses>, unreached: boolean, paint: Paint): string {
  const verdict = verdictOf(counts);
  if (verdict === 'failed') return paint(ANSI.bad, 'FAILED');
  if (verdict === 'not-checked' || unreached)
    return paint(ANSI.unchecked, 'INCOMPLETE - some checks or hosts could not be checked');
  return verdict === 'empty' ? paint(ANSI.unchecked, 'NO CHECK RAN') : paint(ANSI.good, 'PASSED');
}

function changeLines(changes: FleetComparison, paint: Paint): string[] {
  const { newFailures, fixed, stillFailing, addedHosts, removedHosts } = changes;
  const hosts = [
    ...(addedHosts.length > 0 ? [`hosts added: ${addedHosts.join(', ')}`] : []),
    ...(removedHosts.length > 0 ? [`hosts removed: ${removedHosts.join(', ')}`] : []),
  ];
  return [
    '',
    `Changed since the last run (started ${formatStart(changes.previous.startedAt)}): ` +
      `${newFailures.length} new ${newFailures.length === 1 ? 'failure' : 'failures'}, ${fixed.length} fixed, ` +
      `${stillFailing.length} still failing`,
    ...newFailures.map((change) => paint(ANSI.bad, `NEW   ${changeText(change)}`)),
    ...fixed.map((change) => paint(ANSI.good, `FIXED ${changeText(change)}`)),
    ...hosts.map(safe),
  ];
}

function changeText(change: FleetChange): string {
  const daemon = change.daemon === HOST_LEVEL.daemon ? '(the host)' : change.daemon;
  return safe(`${change.host} ${daemon} ${change.item}: ${change.message}`);
}

/** Host-supplied text must not move the cursor or recolour the terminal (ESC, CSI, CR, newlines). */
function safe(text: string): string {
  return showUnprintable(text).replace(
    /[\t\n\r\u007f-\u009f]/g,
    (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

function fit(text: string, width: number): string {
  const room = Math.max(10, width);
  return text.length <= room ? text : `${text.slice(0, room - 1)}~`;
}
