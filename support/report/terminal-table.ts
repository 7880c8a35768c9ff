// The compact daemons x items table printed at the end of a run: one letter a cell, legend, counts, problems.
import type { ReportRow } from './collect.ts';
import { buildGrid, countStatuses, STATUS_LABEL, verdictOf } from './grid.ts';
import type { CellStatus, Grid, GridRow, StatusCounts, Verdict } from './grid.ts';
import { formatDuration, formatStart, httpsRouteText, weakeningsOf } from './meta.ts';
import type { RunMeta } from './meta.ts';
import { showUnprintable } from './xml.ts';

export interface TableOptions {
  /** ANSI colours; off when the output is not a TTY or NO_COLOR is set. */
  color: boolean;
  /** Columns available; the item columns wrap into several blocks past it. */
  width: number;
}

export const TABLE_SYMBOL: Record<CellStatus, string> = {
  passed: 'P',
  failed: 'F',
  waived: 'W',
  'not-applicable': 'n',
  'not-checked': 'E',
  'not-run': '.',
};

const ANSI: Record<CellStatus | Verdict | 'warning', string> = {
  passed: '32',
  failed: '1;31',
  waived: '33',
  'not-applicable': '2',
  'not-checked': '1;35',
  'not-run': '2',
  empty: '1;35',
  warning: '1;33',
};

const VERDICT_LINE: Record<Verdict, string> = {
  passed: 'PASSED',
  failed: 'FAILED',
  'not-checked': 'INCOMPLETE',
  empty: 'NO CHECK RAN',
};

const MAX_LABEL = 24;

export function toTerminalTable(rows: readonly ReportRow[], meta: RunMeta, options: TableOptions): string {
  const paint = (code: string, text: string): string =>
    options.color ? `\u001b[${code}m${text}\u001b[0m` : text;
  const grid = buildGrid(rows);
  const counts = countStatuses(rows);
  const verdict = verdictOf(counts);
  const lines = [
    headerLine(meta),
    ...weakeningsOf(meta).map((w) => paint(ANSI.warning, `WARNING ${w.flag}: ${w.warning}`)),
    '',
    ...tableLines(grid, options.width, paint),
    '',
    legendLine(paint),
    countsLine(counts),
    paint(ANSI[verdict], verdictText(verdict, counts)),
    ...problemLines(rows, paint),
  ];
  return lines.join('\n') + '\n';
}

function headerLine(meta: RunMeta): string {
  return [
    `wazo-live-acceptance ${meta.runnerVersion}`,
    `host ${meta.host}`,
    `profile ${meta.profile}`,
    `https ${httpsRouteText(meta.httpsRoute)}`,
    `catalog ${meta.catalogVersion}`,
    `started ${formatStart(meta.startedAt)}`,
    formatDuration(meta.durationMs),
  ].join(' | ');
}

type Paint = (code: string, text: string) => string;

function tableLines(grid: Grid, width: number, paint: Paint): string[] {
  if (grid.rows.length === 0) return ['(no scenario ran: nothing was checked)'];
  const labelWidth = Math.min(MAX_LABEL, Math.max(6, ...grid.rows.map((row) => row.label.length)));
  const columns = grid.items.map((item, index) => ({ index, label: columnLabel(item) }));
  const lines: string[] = [];
  for (const block of blocks(columns, Math.max(1, width - labelWidth - 1))) {
    if (lines.length > 0) lines.push('');
    const prefix = block.some((c) => grid.items[c.index]?.startsWith('NSC-')) ? 'NSC' : '';
    lines.push(pad(prefix, labelWidth) + block.map((c) => ` ${c.label}`).join(''));
    for (const row of grid.rows) lines.push(rowLine(row, block, labelWidth, paint));
  }
  return lines;
}

function rowLine(row: GridRow, block: readonly Column[], labelWidth: number, paint: Paint): string {
  const cells = block.map((column) => {
    const status = row.cells[column.index]?.status ?? 'not-run';
    const symbol = TABLE_SYMBOL[status].padStart(column.label.length);
    return ` ${paint(ANSI[status], symbol)}`;
  });
  return pad(truncate(terminalSafe(row.label), labelWidth), labelWidth) + cells.join('');
}

interface Column {
  index: number;
  label: string;
}

/** Splits the columns into blocks that each fit the room left after the daemon names. */
function blocks(columns: readonly Column[], room: number): Column[][] {
  const result: Column[][] = [];
  let current: Column[] = [];
  let used = 0;
  for (const column of columns) {
    const needed = column.label.length + 1;
    if (current.length > 0 && used + needed > room) {
      result.push(current);
      current = [];
      used = 0;
    }
    current.push(column);
    used += needed;
  }
  if (current.length > 0) result.push(current);
  return result;
}

function columnLabel(item: string): string {
  return item.startsWith('NSC-') ? item.slice(4) : item;
}

function legendLine(paint: Paint): string {
  const entries = (Object.keys(TABLE_SYMBOL) as CellStatus[]).map(
    (status) => `${paint(ANSI[status], TABLE_SYMBOL[status])} ${STATUS_LABEL[status]}`,
  );
  return `Legend: ${entries.join('  ')}`;
}

export const COUNT_WORDS: Record<keyof StatusCounts, string> = {
  passed: 'passed',
  failed: 'failed',
  waived: 'waived',
  'not-applicable': 'not applicable',
  'not-checked': 'could not be checked',
};

export function countsLine(counts: StatusCounts): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const parts = (Object.keys(COUNT_WORDS) as (keyof StatusCounts)[]).map(
    (status) => `${counts[status]} ${COUNT_WORDS[status]}`,
  );
  return `${total} ${total === 1 ? 'check' : 'checks'}: ${parts.join(', ')}`;
}

function verdictText(verdict: Verdict, counts: StatusCounts): string {
  const notChecked = counts['not-checked'];
  const unchecked =
    notChecked > 0 ? ` - ${notChecked} ${notChecked === 1 ? 'check' : 'checks'} could not be run` : '';
  return `${VERDICT_LINE[verdict]}${unchecked}`;
}

/** One line per failed or unchecked check, so the terminal alone says what broke where. */
function problemLines(rows: readonly ReportRow[], paint: Paint): string[] {
  return rows
    .filter((row) => row.status === 'failed' || row.status === 'not-checked')
    .sort((a, b) => a.service.localeCompare(b.service) || a.item.localeCompare(b.item))
    .map((row) => {
      const code = row.errorCode && row.status === 'not-checked' ? ` [${row.errorCode}]` : '';
      const text = `${TABLE_SYMBOL[row.status]} ${row.service} ${row.item}${code}: ${row.message}`;
      return paint(ANSI[row.status], terminalSafe(text));
    });
}

/** Host-supplied text must not move the cursor or recolour the terminal (ESC, CSI, CR, newlines). */
function terminalSafe(text: string): string {
  return showUnprintable(text).replace(/[\t\n\r\u007f-\u009f]/g, (char) => {
    return `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

function pad(text: string, width: number): string {
  return text.padEnd(width);
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}~`;
}
