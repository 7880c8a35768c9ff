// Writes the chosen reports of one run into a directory and hands back the terminal table.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { collectResults } from './collect.ts';
import { toJUnit } from './junit.ts';
import { toMatrixHtml } from './matrix-html.ts';
import type { MessageEnvelope } from './messages.ts';
import type { RunMeta } from './meta.ts';
import { toTerminalTable } from './terminal-table.ts';
import type { TableOptions } from './terminal-table.ts';

export type ReportFormat = 'junit' | 'matrix' | 'table';

export const REPORT_FORMATS: readonly ReportFormat[] = ['junit', 'matrix', 'table'];

export const REPORT_FILES = { junit: 'junit.xml', matrix: 'matrix.html' } as const;

export interface WriteOptions {
  dir: string;
  formats: readonly ReportFormat[];
  /** How to draw the table; default plain ASCII, 100 columns. */
  table?: TableOptions;
}

/**
 * Writes junit.xml and/or matrix.html into `dir` (created if needed; each file replaced whole, so a
 * reader never sees half a report) and returns the terminal table, or '' when 'table' is not asked for.
 */
export async function writeReports(
  envelopes: readonly MessageEnvelope[],
  meta: RunMeta,
  options: WriteOptions,
): Promise<string> {
  const rows = collectResults(envelopes, { host: meta.host });
  const wanted = new Set(options.formats);
  if (wanted.has('junit') || wanted.has('matrix')) await mkdir(options.dir, { recursive: true });
  if (wanted.has('junit')) await replaceFile(join(options.dir, REPORT_FILES.junit), toJUnit(rows, meta));
  if (wanted.has('matrix'))
    await replaceFile(join(options.dir, REPORT_FILES.matrix), toMatrixHtml(rows, meta));
  return wanted.has('table')
    ? toTerminalTable(rows, meta, options.table ?? { color: false, width: 100 })
    : '';
}

async function replaceFile(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content, 'utf8');
  await rename(temporary, path);
}
