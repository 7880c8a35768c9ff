// The checklist matrix: one self-contained HTML page, daemons x items, a click on a cell shows its evidence.
import type { ReportRow } from './collect.ts';
import { buildGrid, CHECKLIST_ITEMS, countStatuses, STATUS_LABEL, verdictOf } from './grid.ts';
import type { Cell, CellStatus, Grid, StatusCounts, Verdict } from './grid.ts';
import { prefixed } from './junit.ts';
import { COUNT_WORDS } from './terminal-table.ts';
import { formatDuration, formatStart, httpsRouteText, weakeningsOf } from './meta.ts';
import type { RunMeta } from './meta.ts';
import { MATRIX_CSS } from './matrix-style.ts';
import { showUnprintable } from './xml.ts';

export const CELL_SYMBOL: Record<CellStatus, string> = {
  passed: '✓',
  failed: '✗',
  waived: 'W',
  'not-applicable': 'n/a',
  'not-checked': '?',
  'not-run': '·',
};

const VERDICT_TEXT: Record<Verdict, string> = {
  passed: '✓ PASSED',
  failed: '✗ FAILED',
  'not-checked': '? INCOMPLETE',
  empty: '? NO CHECK RAN',
};

export function toMatrixHtml(rows: readonly ReportRow[], meta: RunMeta): string {
  const grid = buildGrid(rows);
  const counts = countStatuses(rows);
  const verdict = verdictOf(counts);
  return `${pageHead(`${VERDICT_TEXT[verdict]} - Wazo checklist on ${meta.host}`, MATRIX_CSS)}
<body>
<header>
<h1>Wazo new-service checklist on ${esc(meta.host)}</h1>
<p class="verdict verdict-${verdict}" data-verdict="${verdict}">${esc(VERDICT_TEXT[verdict])}: ${esc(summary(counts))}</p>
${bannersHtml(meta, counts)}
${metaHtml(meta)}
</header>
<main>
${matrixHtml(grid)}
${legendHtml()}
${detailsHtml(grid)}
</main>
</body>
</html>
`;
}

function summary(counts: StatusCounts): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const parts = (Object.keys(counts) as (keyof StatusCounts)[])
    .filter((status) => counts[status] > 0)
    .map((status) => `${counts[status]} ${COUNT_WORDS[status]}`);
  return `${total} ${total === 1 ? 'check' : 'checks'}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

function bannersHtml(meta: RunMeta, counts: StatusCounts): string {
  const banners = weakeningsOf(meta).map(
    (w) =>
      `<p class="banner banner-weakened" role="alert">⚠ ${esc(w.flag)} was in force: ${esc(w.warning)}</p>`,
  );
  const notChecked = counts['not-checked'];
  if (notChecked > 0) {
    const text = `${notChecked} ${notChecked === 1 ? 'check' : 'checks'} could not be run: this run does not show that the host is fine`;
    banners.push(`<p class="banner banner-not-checked" role="alert">? ${esc(text)}</p>`);
  }
  return banners.join('\n');
}

function metaHtml(meta: RunMeta): string {
  const weakenings = weakeningsOf(meta);
  const fields: [string, string][] = [
    ['Host', meta.host],
    ['Runner version', meta.runnerVersion],
    ['Catalog version', meta.catalogVersion],
    ['Started', formatStart(meta.startedAt)],
    ['Duration', formatDuration(meta.durationMs)],
    ['Profile', meta.profile],
    ['HTTPS route', httpsRouteText(meta.httpsRoute)],
    [
      'Verification',
      weakenings.length === 0
        ? 'host key and TLS certificates verified'
        : `WEAKENED: ${weakenings.map((w) => w.flag).join(' ')}`,
    ],
  ];
  const items = fields.map(([name, value]) => `<div><dt>${esc(name)}</dt><dd>${esc(value)}</dd></div>`);
  return `<dl class="meta">${items.join('')}</dl>`;
}

function matrixHtml(grid: Grid): string {
  const titles = new Map(CHECKLIST_ITEMS.map((item) => [item.id, item.title]));
  const head = grid.items.map((id) => {
    const title = titles.get(id) ?? id;
    const label = id.startsWith('NSC-') ? `NSC<br>${esc(id.slice(4))}` : esc(id);
    return `<th scope="col" title="${esc(`${id}: ${title}`)}">${label}</th>`;
  });
  const body = grid.rows.map(
    (row, r) =>
      `<tr><th scope="row">${esc(row.label)}</th>${row.cells.map((cell, c) => cellHtml(cell, r, c)).join('')}</tr>`,
  );
  const empty = grid.rows.length === 0 ? '<p class="empty">No scenario ran: nothing was checked.</p>' : '';
  return `<table class="matrix" id="matrix">
<thead><tr><th scope="col">Daemon</th>${head.join('')}</tr></thead>
<tbody>
${body.join('\n')}
</tbody>
</table>${empty}`;
}

function cellHtml(cell: Cell, r: number, c: number): string {
  const label = `${cell.service} ${cell.item}: ${STATUS_LABEL[cell.status]}`;
  const data = `data-host="${esc(cell.host)}" data-service="${esc(cell.service)}" data-item="${esc(cell.item)}" data-status="${cell.status}"`;
  const symbol = esc(CELL_SYMBOL[cell.status]);
  const inner =
    cell.status === 'not-run'
      ? `<span title="${esc(label)}">${symbol}</span>`
      : `<a href="#${detailId(r, c)}" title="${esc(label)}" aria-label="${esc(label)}">${symbol}</a>`;
  return `<td class="cell st-${cell.status}" ${data}>${inner}</td>`;
}

function legendHtml(): string {
  const entries = (Object.keys(STATUS_LABEL) as CellStatus[]).map(
    (status) =>
      `<li><span class="cell st-${status}">${esc(CELL_SYMBOL[status])}</span> ${esc(STATUS_LABEL[status])}</li>`,
  );
  return `<ul class="legend">${entries.join('')}</ul>
<p class="hint">Click a cell to see the message and the evidence the decision was made on.</p>`;
}

function detailsHtml(grid: Grid): string {
  const articles = grid.rows.flatMap((row, r) =>
    row.cells.flatMap((cell, c) => (cell.status === 'not-run' ? [] : [detailHtml(cell, r, c)])),
  );
  return `<section class="details" aria-label="Details of the selected cell">
${articles.join('\n')}
</section>`;
}

function detailHtml(cell: Cell, r: number, c: number): string {
  const title = CHECKLIST_ITEMS.find((item) => item.id === cell.item)?.title;
  const heading = `${cell.service} on ${cell.host}: ${cell.item}${title ? ` (${title})` : ''}`;
  const checks = cell.rows.map((row) => {
    const evidence = row.evidence.length > 0 ? row.evidence.join('\n') : '(no evidence recorded)';
    const code = row.errorCode ? ` <code>${esc(row.errorCode)}</code>` : '';
    return `<div class="check st-border-${row.status}">
<p class="status">${esc(STATUS_LABEL[row.status])}${code}</p>
<p class="message">${esc(displayMessage(row))}</p>
<p class="scenario">Scenario: ${esc(row.scenario)} <span class="where">(${esc(row.uri)}, ${esc(formatDuration(row.durationMs))})</span></p>
<pre class="evidence">${esc(evidence)}</pre>
</div>`;
  });
  return `<article class="detail" id="${detailId(r, c)}" data-service="${esc(cell.service)}" data-item="${esc(cell.item)}">
<h2>${esc(heading)}</h2>
${checks.join('\n')}
<p><a href="#matrix">Back to the matrix</a></p>
</article>`;
}

function displayMessage(row: ReportRow): string {
  if (row.status === 'waived') return prefixed('waived', row.message);
  if (row.status === 'not-applicable') return prefixed('not applicable', row.message);
  return row.message;
}

function detailId(r: number, c: number): string {
  return `detail-${r}-${c}`;
}

/** Escapes text for HTML content and quoted attributes alike. */
/**
 * The start of a report page up to </head>: self-contained, and a CSP that lets no script, image or request
 * through - only the inline style.
 */
export function pageHead(title: string, css: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(title)}</title>
<style>${css}</style>
</head>`;
}

export function esc(value: string): string {
  return showUnprintable(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
