// Expands a feature template over the catalog: an Examples table with a header of catalog columns and no rows gets
// one row per daemon (and per route, for the `route` column), so feature files never list daemon names.
import { CatalogError } from '../errors.ts';
import type { Catalog, ServiceEntry } from './types.ts';

/** The columns the catalog can fill, and the rows each daemon gives for them. */
const CATALOG_COLUMNS: Readonly<Record<string, (service: ServiceEntry) => Record<string, string>[]>> = {
  service: (service) => [{ service: service.name }],
  'service,route': (service) =>
    (service.http?.routes ?? []).map((route) => ({ service: service.name, route })),
};

const EXAMPLES = /^\s*Examples:/;
const TABLE_ROW = /^(\s*)\|(.*)\|\s*$/;

/**
 * The template with every empty catalog Examples table filled, rows in catalog order. Other tables are left as
 * they are; an empty table whose header is not a known column set is an error (it would silently plan nothing).
 */
export function expandTemplate(template: string, catalog: Catalog, uri: string): string {
  const lines = template.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as string;
    out.push(line);
    if (!EXAMPLES.test(line)) continue;
    const header = nextRow(lines, i + 1);
    if (header === undefined) continue;
    for (let j = i + 1; j < header.index; j += 1) out.push(lines[j] as string);
    i = header.index;
    if (nextRow(lines, header.index + 1, true) !== undefined) {
      out.push(lines[header.index] as string);
      continue;
    }
    const key = header.cells.join(',');
    const rowsOf = CATALOG_COLUMNS[key];
    if (!rowsOf) {
      const known = Object.keys(CATALOG_COLUMNS).map((k) => `| ${k.split(',').join(' | ')} |`);
      throw new CatalogError(
        `${uri}:${header.index + 1}: an Examples table without rows must have a header the catalog fills ` +
          `(${known.join(' or ')}), found | ${header.cells.join(' | ')} |`,
      );
    }
    const rows = catalog.services.flatMap(rowsOf);
    const named = Object.fromEntries(header.cells.map((column) => [column, column]));
    out.push(...formatRows(header.indent, header.cells, [named, ...rows]));
  }
  return out.join('\n');
}

/** The next table row at or after `from`, skipping blank lines and comments (or none: stopAtOther for the body). */
function nextRow(
  lines: readonly string[],
  from: number,
  stopAtOther = false,
): { index: number; indent: string; cells: string[] } | undefined {
  for (let index = from; index < lines.length; index += 1) {
    const line = lines[index] as string;
    const row = TABLE_ROW.exec(line);
    if (row)
      return { index, indent: row[1] as string, cells: (row[2] as string).split('|').map((c) => c.trim()) };
    if (stopAtOther || (line.trim() !== '' && !line.trim().startsWith('#'))) return undefined;
  }
  return undefined;
}

function formatRows(
  indent: string,
  columns: readonly string[],
  rows: readonly Record<string, string>[],
): string[] {
  const widths = columns.map((column) =>
    Math.max(column.length, ...rows.map((row) => cell(row, column).length)),
  );
  return rows.map(
    (row) =>
      `${indent}| ${columns.map((column, k) => cell(row, column).padEnd(widths[k] ?? 0)).join(' | ')} |`,
  );
}

/** A Gherkin table cell: `|` and `\` escaped, as the Gherkin grammar reads them back. */
function cell(row: Record<string, string>, column: string): string {
  return (row[column] ?? '').replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, '\\n');
}

/** The directory name prefix of an expanded tree (support/catalog/feature-files.ts writes them). */
export const EXPANDED_PREFIX = 'expanded-';

/** "…/expanded-0123456789abcdef/features/x.feature" -> "features/x.feature": reports name the template. */
export function templateUri(uri: string): string {
  return uri.replace(/^(?:.*[/\\])?expanded-[0-9a-f]{16}[/\\]/, '').replace(/\\/g, '/');
}
