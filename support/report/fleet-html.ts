// The fleet overview: one self-contained, script-free HTML page, hosts x checklist items, worst outcome per cell.
import type { ReportRow } from './collect.ts';
import { HOST_LEVEL } from './fleet-compare.ts';
import type { FleetChange, FleetComparison } from './fleet-compare.ts';
import type { FleetHostResults, FleetResults } from './fleet-record.ts';
import { HOSTS_DIR, wasReached } from './fleet-record.ts';
import { CHECKLIST_ITEMS, countStatuses, STATUS_LABEL, verdictOf } from './grid.ts';
import type { StatusCounts, Verdict } from './grid.ts';
import { CELL_SYMBOL, esc, pageHead } from './matrix-html.ts';
import { MATRIX_CSS } from './matrix-style.ts';
import { formatDuration, formatStart } from './meta.ts';
import type { CheckStatus } from '../result.ts';

const SEVERITY: readonly CheckStatus[] = ['failed', 'not-checked', 'waived', 'passed', 'not-applicable'];

const VERDICT_TEXT: Record<Verdict, string> = {
  passed: '✓ PASSED',
  failed: '✗ FAILED',
  'not-checked': '? INCOMPLETE',
  empty: '? NO CHECK RAN',
};

const FLEET_CSS = `
.matrix tbody.pair { border: 3px solid #1565c0; }
.matrix tr.pair-head th { background: #e3ecf8; color: #0d3c78; font-size: .8rem; text-align: left; padding: .2rem .6rem; }
.matrix td.role, .matrix td.labels, .matrix td.tally { font-size: .78rem; padding: .2rem .5rem; text-align: left; white-space: nowrap; }
.matrix .host-addr, .matrix .outcome-note { display: block; font-weight: 400; font-size: .75rem; color: #555; }
.label { display: inline-block; background: #eef; border-radius: 3px; padding: 0 .3rem; margin: .05rem .15rem .05rem 0; }
td.reason { background: #e65100; color: #fff; font-weight: 700; text-align: left; padding: .25rem .6rem; }
.cell .count { font-size: .7rem; font-weight: 400; }
.changes { border: 2px solid #c62828; border-radius: 4px; padding: .6rem 1rem; margin: 1rem 0; }
.changes h3 { font-size: 1rem; margin: .8rem 0 .3rem; }
.changes table { border-collapse: collapse; font-size: .88rem; }
.changes th, .changes td { border: 1px solid #c8c8c8; padding: .2rem .5rem; text-align: left; vertical-align: top; }
.changes .none { color: #555; margin: .2rem 0; }
`;

export function toFleetHtml(fleet: FleetResults, changes?: FleetComparison): string {
  const rows = fleet.hosts.flatMap((host) => host.rows);
  const counts = countStatuses(rows);
  const unreached = fleet.hosts.filter((host) => !wasReached(host)).length;
  const verdict = fleetVerdict(counts, unreached);
  const items = itemsOf(rows);
  const hostCount = `${fleet.hosts.length} ${fleet.hosts.length === 1 ? 'host' : 'hosts'}`;
  return `${pageHead(`${VERDICT_TEXT[verdict]} - Wazo checklist on ${hostCount}`, `${MATRIX_CSS}${FLEET_CSS}`)}
<body>
<header>
<h1>Wazo new-service checklist on ${esc(hostCount)}${fleet.record.inventory ? ` of ${esc(fleet.record.inventory)}` : ''}</h1>
<p class="verdict verdict-${verdict}" data-verdict="${verdict}">${esc(`${VERDICT_TEXT[verdict]}: ${hostTotals(fleet)}; ${checkTotals(counts)}`)}</p>
${metaHtml(fleet)}
</header>
<main>
${changes ? changesHtml(changes) : ''}
${tableHtml(fleet, items)}
${legendHtml()}
</main>
</body>
</html>
`;
}

/** A fleet with a host that was never reached does not show that the fleet is fine. */
function fleetVerdict(counts: StatusCounts, unreached: number): Verdict {
  const verdict = verdictOf(counts);
  return unreached > 0 && (verdict === 'passed' || verdict === 'empty') ? 'not-checked' : verdict;
}

/** "5 hosts: 3 checked, 1 unreachable, 1 interrupted". */
export function hostTotals(fleet: FleetResults): string {
  const outcomes = ['checked', 'unreachable', 'interrupted'] as const;
  const parts = outcomes
    .map((outcome) => [outcome, fleet.hosts.filter((h) => h.record.outcome === outcome).length] as const)
    .filter(([, n]) => n > 0)
    .map(([outcome, n]) => `${n} ${outcome}`);
  const total = fleet.hosts.length;
  return `${total} ${total === 1 ? 'host' : 'hosts'}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

/** "40 checks: 30 passed, 2 failed, 4 n/a, 3 waived, 1 not checked". */
export function checkTotals(counts: StatusCounts): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return `${total} ${total === 1 ? 'check' : 'checks'}: ${tallyText(counts)}`;
}

/** The per-host tally: passed/failed/n-a/waived/not-checked. */
export function tallyText(counts: StatusCounts): string {
  return `${counts.passed} passed, ${counts.failed} failed, ${counts['not-applicable']} n/a, ${counts.waived} waived, ${counts['not-checked']} not checked`;
}

function metaHtml(fleet: FleetResults): string {
  const { record } = fleet;
  const duration = Date.parse(record.finishedAt) - Date.parse(record.startedAt);
  const fields: [string, string][] = [
    ...(record.inventory ? [['Inventory', record.inventory] as [string, string]] : []),
    ...(record.shard
      ? [['Shard', `${record.shard.index} of ${record.shard.count}`] as [string, string]]
      : []),
    ['Started', formatStart(record.startedAt)],
    ['Finished', formatStart(record.finishedAt)],
    ['Duration', Number.isNaN(duration) ? 'unknown' : formatDuration(Math.max(0, duration))],
  ];
  const items = fields.map(([name, value]) => `<div><dt>${esc(name)}</dt><dd>${esc(value)}</dd></div>`);
  return `<dl class="meta">${items.join('')}</dl>`;
}

function changesHtml(changes: FleetComparison): string {
  const hosts = [
    changes.addedHosts.length > 0 ? `Hosts added: ${changes.addedHosts.join(', ')}.` : '',
    changes.removedHosts.length > 0 ? `Hosts removed: ${changes.removedHosts.join(', ')}.` : '',
  ].filter((text) => text !== '');
  return `<section class="changes" id="changes" aria-label="Changed since the last run">
<h2>Changed since the last run</h2>
<p class="hint">Compared with the run started ${esc(formatStart(changes.previous.startedAt))}.</p>
<h3 id="new-failures">New failures (${changes.newFailures.length})</h3>
${changeTable(changes.newFailures, 'new-failures', 'No new failure.')}
<h3 id="fixed">Fixed (${changes.fixed.length})</h3>
${changeTable(changes.fixed, 'fixed', 'Nothing fixed.')}
<h3 id="still-failing">Still failing (${changes.stillFailing.length})</h3>
<details><summary>${changes.stillFailing.length} still failing: the list</summary>
${changeTable(changes.stillFailing, 'still-failing', 'Nothing still failing.')}
</details>
${hosts.map((text) => `<p>${esc(text)}</p>`).join('\n')}
</section>`;
}

function changeTable(list: readonly FleetChange[], kind: string, none: string): string {
  if (list.length === 0) return `<p class="none" data-changes="${kind}">${esc(none)}</p>`;
  const rows = list.map(
    (change) =>
      `<tr><td>${esc(change.host)}</td><td>${esc(change.daemon === HOST_LEVEL.daemon ? '(the host)' : change.daemon)}</td><td>${esc(change.item)}</td><td>${esc(`${change.before} → ${change.now}`)}</td><td>${esc(change.message)}</td></tr>`,
  );
  return `<table data-changes="${kind}">
<thead><tr><th>Host</th><th>Daemon</th><th>Item</th><th>Before → now</th><th>Message</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

function tableHtml(fleet: FleetResults, items: readonly string[]): string {
  const titles = new Map(CHECKLIST_ITEMS.map((item) => [item.id, item.title]));
  const head = items.map((id) => {
    const label = id.startsWith('NSC-') ? `NSC<br>${esc(id.slice(4))}` : esc(id);
    return `<th scope="col" title="${esc(`${id}: ${titles.get(id) ?? id}`)}">${label}</th>`;
  });
  const groups = groupsOf(fleet.hosts).map((group) => groupHtml(group, items));
  const empty = fleet.hosts.length === 0 ? '<p class="empty">The fleet record names no host.</p>' : '';
  return `<table class="matrix fleet" id="matrix">
<thead><tr><th scope="col">Host</th><th scope="col">Role</th><th scope="col">Labels</th>${head.join('')}<th scope="col">Checks</th></tr></thead>
${groups.join('\n')}
</table>${empty}`;
}

/** Hosts in inventory order, the members of an HA pair together at the first one's place: master, then slave. */
export function groupsOf(hosts: readonly FleetHostResults[]): FleetHostResults[][] {
  const groups: FleetHostResults[][] = [];
  const placed = new Set<string>();
  for (const host of hosts) {
    if (placed.has(host.record.name)) continue;
    const pair = host.record.pair;
    const members =
      pair === undefined
        ? [host]
        : hosts.filter((h) => h.record.pair === pair).sort((a, b) => roleRank(a) - roleRank(b));
    for (const member of members) placed.add(member.record.name);
    groups.push(members);
  }
  return groups;
}

function roleRank(host: FleetHostResults): number {
  return host.record.role === 'master' ? 0 : host.record.role === 'slave' ? 1 : 2;
}

function groupHtml(group: readonly FleetHostResults[], items: readonly string[]): string {
  const pair = group[0]?.record.pair;
  const rows = group.map((host) => hostRowHtml(host, items));
  if (pair === undefined) return `<tbody>\n${rows.join('\n')}\n</tbody>`;
  const members = group.map((h) => `${h.record.name} (${h.record.role})`).join(' + ');
  return `<tbody class="pair" data-pair="${esc(pair)}">
<tr class="pair-head"><th colspan="${items.length + 4}" scope="rowgroup">HA pair ${esc(pair)}: ${esc(members)}</th></tr>
${rows.join('\n')}
</tbody>`;
}

function hostRowHtml(host: FleetHostResults, items: readonly string[]): string {
  const { record } = host;
  const link = `${HOSTS_DIR}/${encodeURIComponent(record.name)}/matrix.html`;
  const name = wasReached(host)
    ? `<a class="host-link" href="${esc(link)}">${esc(record.name)}</a>`
    : `<span class="host-link">${esc(record.name)}</span>`;
  const note =
    // An unreached host says why across its row; one interrupted midway says it under its name.
    record.outcome === 'checked' || !wasReached(host)
      ? ''
      : `<span class="outcome-note">${esc(outcomeText(host))}</span>`;
  const role = record.pair === undefined ? record.role : `HA ${record.role} · ${record.pair}`;
  const labels = [
    ...record.groups.map((group) => `<span class="label group">${esc(group)}</span>`),
    ...Object.entries(record.labels).map(([k, v]) => `<span class="label">${esc(`${k}=${v}`)}</span>`),
  ].join(' ');
  const head = `<tr data-host="${esc(record.name)}" data-outcome="${record.outcome}"><th scope="row">${name}<span class="host-addr">${esc(record.host)}</span>${note}</th><td class="role">${esc(role)}</td><td class="labels">${labels}</td>`;
  if (!wasReached(host))
    return `${head}<td class="reason" colspan="${items.length + 1}">${esc(outcomeText(host))}</td></tr>`;
  const cells = items.map((item) => cellHtml(host, item, link));
  return `${head}${cells.join('')}<td class="tally">${esc(tallyText(countStatuses(host.rows)))}</td></tr>`;
}

/** "unreachable [AUTH_FAILED]: permission denied (publickey)". */
function outcomeText(host: FleetHostResults): string {
  const { record } = host;
  const code = record.errorCode ? ` [${record.errorCode}]` : '';
  const reason =
    record.reason ?? (record.outcome === 'interrupted' ? 'the run was stopped' : 'no reason recorded');
  return `${record.outcome}${code}: ${reason}`;
}

function cellHtml(host: FleetHostResults, item: string, link: string): string {
  const mine = host.rows.filter((row) => row.item === item);
  if (mine.length === 0)
    return `<td class="cell st-not-run" data-item="${esc(item)}" data-status="not-planned" title="${esc(`${item} on ${host.record.name}: not planned`)}"></td>`;
  const perDaemon = worstPerDaemon(mine);
  const status = SEVERITY.find((s) => [...perDaemon.values()].includes(s)) ?? 'passed';
  const label = `${item} on ${host.record.name}: ${daemonSummary(perDaemon)}`;
  const worstCount = [...perDaemon.values()].filter((s) => s === status).length;
  const count =
    status === 'failed' || status === 'not-checked' || status === 'waived'
      ? ` <span class="count">${worstCount}</span>`
      : '';
  return `<td class="cell st-${status}" data-item="${esc(item)}" data-status="${status}"><a href="${esc(link)}" title="${esc(label)}" aria-label="${esc(label)}">${esc(CELL_SYMBOL[status])}${count}</a></td>`;
}

function worstPerDaemon(rows: readonly ReportRow[]): Map<string, CheckStatus> {
  const worst = new Map<string, CheckStatus>();
  for (const row of rows) {
    const seen = worst.get(row.service);
    if (seen === undefined || SEVERITY.indexOf(row.status) < SEVERITY.indexOf(seen))
      worst.set(row.service, row.status);
  }
  return worst;
}

/** "FAIL on 1 of 3 daemons: wazo-confd; could not check on 1 of 3 daemons: wazo-dird", else "pass on 3 daemons". */
function daemonSummary(perDaemon: ReadonlyMap<string, CheckStatus>): string {
  const total = perDaemon.size;
  const of = (n: number) => `${n} of ${total} ${total === 1 ? 'daemon' : 'daemons'}`;
  const named = (['failed', 'not-checked', 'waived'] as const).flatMap((status) => {
    const daemons = [...perDaemon].filter(([, s]) => s === status).map(([daemon]) => daemon);
    return daemons.length === 0
      ? []
      : [`${STATUS_LABEL[status]} on ${of(daemons.length)}: ${daemons.join(', ')}`];
  });
  if (named.length > 0) return named.join('; ');
  const worst = SEVERITY.find((s) => [...perDaemon.values()].includes(s)) ?? 'passed';
  return `${STATUS_LABEL[worst]} on ${total} ${total === 1 ? 'daemon' : 'daemons'}`;
}

function legendHtml(): string {
  const entries = SEVERITY.map(
    (status) =>
      `<li><span class="cell st-${status}">${esc(CELL_SYMBOL[status])}</span> ${esc(STATUS_LABEL[status])}</li>`,
  );
  entries.push('<li><span class="cell st-not-run">&nbsp;</span> not planned</li>');
  return `<ul class="legend">${entries.join('')}</ul>
<p class="hint">Each cell is the worst outcome over the host's daemons for that item, with how many daemons had it; hover names them. A host's name and its cells open its own matrix, where a click shows the evidence.</p>`;
}

/** NSC-01..NSC-21 always, in order, then any other item present, sorted (as the single-host matrix). */
function itemsOf(rows: readonly ReportRow[]): string[] {
  const checklist = CHECKLIST_ITEMS.map((item) => item.id);
  const others = [...new Set(rows.map((row) => row.item))].filter((id) => !checklist.includes(id)).sort();
  return [...checklist, ...others];
}
