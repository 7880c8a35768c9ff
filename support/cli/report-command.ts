// `wazo-live-acceptance report --messages FILE`: builds junit.xml, matrix.html and the table of a saved run again.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, EXIT_PASSED } from '../errors.ts';
import { collectResults } from '../report/collect.ts';
import { parseNdjson } from '../report/messages.ts';
import { buildRunMeta, runSucceededOf } from '../report/meta.ts';
import type { RunMeta } from '../report/meta.ts';
import { REPORT_FILES, REPORT_FORMATS, writeReports } from '../report/write.ts';
import type { ReportFormat } from '../report/write.ts';
import { REPORT_OPTIONS, reportHelp, wantsHelp } from './command-help.ts';
import type { CliIo } from './main.ts';
import { terminalOf } from './reports.ts';
import { exitCodeFor } from './run-outcome.ts';

const OPTION_TYPES = {
  messages: { type: 'string' },
  out: { type: 'string', default: 'reports' },
  format: { type: 'string', default: REPORT_FORMATS.join(',') },
  meta: { type: 'string' },
  host: { type: 'string' },
  profile: { type: 'string' },
  'catalog-version': { type: 'string' },
  insecure: { type: 'boolean' },
  'accept-new-host-key': { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
} as const;

/** Exit code as the runner's for that run; a ConfigError (exit 2) for bad options or unreadable files. */
export async function reportCommand(argv: readonly string[], io: CliIo): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout.write(reportHelp());
    return EXIT_PASSED;
  }
  const values = parseReportArgs(argv);
  if (!values.messages)
    throw new ConfigError('--messages FILE is required (a cucumber --format message:FILE output)');
  const messagesFile = resolve(io.cwd, values.messages);
  const envelopes = parseNdjson(await readText(messagesFile, 'messages'), values.messages);
  const fromFile = values.meta
    ? parseMetaFile(await readText(resolve(io.cwd, values.meta), 'meta'), values.meta)
    : {};
  const rows = collectResults(envelopes, values.host ? { host: values.host } : {});
  const meta = buildRunMeta(envelopes, {
    ...fromFile,
    host: values.host ?? fromFile.host ?? rows[0]?.host ?? 'unknown-host',
    profile: values.profile ?? fromFile.profile,
    catalogVersion: values['catalog-version'] ?? fromFile.catalogVersion,
    insecure: values.insecure ?? fromFile.insecure,
    acceptNewHostKey: values['accept-new-host-key'] ?? fromFile.acceptNewHostKey,
  });
  const formats = parseFormats(values.format);
  const terminal = terminalOf(io.stdout, io.env);
  const color = values['no-color'] ? false : (values.color ?? terminal.color);
  const dir = resolve(io.cwd, values.out);
  const table = await writeReports(envelopes, meta, {
    dir,
    formats,
    table: { color, width: terminal.columns },
  });
  io.stdout.write(table);
  for (const format of formats) {
    if (format !== 'table') io.stdout.write(`wrote ${join(dir, REPORT_FILES[format])}\n`);
  }
  return exitCodeFor(rows, runSucceededOf(envelopes));
}

function parseReportArgs(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTION_TYPES, strict: true }).values;
  } catch (error) {
    // node's own words ("Unknown option '--bogus'"), up to its advice about positionals, which does not apply.
    const words = error instanceof Error ? (error.message.split('. ')[0] ?? error.message) : String(error);
    const message = words.charAt(0).toLowerCase() + words.slice(1);
    const allowed = REPORT_OPTIONS.map((option) => option.name).join(', ');
    throw new ConfigError(`${message}; the options of report are ${allowed}`, { cause: error });
  }
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigError(
      `cannot read the ${what} file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
      { cause: err },
    );
  }
}

function parseMetaFile(text: string, path: string): Partial<RunMeta> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${path}: expected a JSON object of run metadata, found invalid JSON`, {
      cause: err,
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`${path}: expected a JSON object of run metadata, found ${text.slice(0, 40)}`);
  }
  const meta: Record<string, unknown> = {};
  for (const [key, type] of Object.entries(META_FIELDS)) {
    const field = (value as Record<string, unknown>)[key];
    if (field === undefined) continue;
    if (typeof field !== type)
      throw new ConfigError(`${path}: expected ${key} to be a ${type}, found ${typeof field}`);
    meta[key] = field;
  }
  return meta;
}

const META_FIELDS: Record<keyof RunMeta, 'string' | 'number' | 'boolean'> = {
  host: 'string',
  runnerVersion: 'string',
  catalogVersion: 'string',
  startedAt: 'string',
  durationMs: 'number',
  profile: 'string',
  insecure: 'boolean',
  acceptNewHostKey: 'boolean',
  httpsRoute: 'string',
};

function parseFormats(text: string): ReportFormat[] {
  const formats = text.split(',').map((f) => f.trim());
  const unknown = formats.filter((f) => !(REPORT_FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0) {
    throw new ConfigError(
      `--format: expected some of ${REPORT_FORMATS.join(',')}, found ${unknown.join(',')}`,
    );
  }
  return formats as ReportFormat[];
}
