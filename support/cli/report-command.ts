// `wazo-live-acceptance report --messages FILE`: builds the reports of a saved run again; `report --merge`: of shards.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, EXIT_PASSED } from '../errors.ts';
import { collectResults } from '../report/collect.ts';
import { parseNdjson } from '../report/messages.ts';
import { buildRunMeta, runSucceededOf } from '../report/meta.ts';
import { parseRunMetaFile } from '../report/run-meta-file.ts';
import { writeFleetReports } from '../report/fleet.ts';
import { mergeFleetDirs } from '../report/fleet-merge.ts';
import { CHANGES_FILE, FLEET_FILE, fleetExitCode } from '../report/fleet-record.ts';
import { REPORT_FILES, REPORT_FORMATS, writeReports } from '../report/write.ts';
import type { ReportFormat } from '../report/write.ts';
import { REPORT_OPTIONS, reportHelp, wantsHelp } from './command-help.ts';
import type { CliIo } from './main.ts';
import { terminalOf } from './reports.ts';
import { exitCodeFor } from './run-outcome.ts';

const OPTION_TYPES = {
  messages: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
  meta: { type: 'string' },
  host: { type: 'string' },
  profile: { type: 'string' },
  'catalog-version': { type: 'string' },
  insecure: { type: 'boolean' },
  'accept-new-host-key': { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  merge: { type: 'string', multiple: true },
  'report-dir': { type: 'string' },
  'compare-with': { type: 'string' },
} as const;

/** The options that belong to rebuilding one run, refused next to --merge. */
const SINGLE_RUN_OPTIONS = [
  'messages',
  'meta',
  'out',
  'format',
  'host',
  'profile',
  'catalog-version',
  'insecure',
  'accept-new-host-key',
] as const;

/** Exit code as the runner's for that run; a ConfigError (exit 2) for bad options or unreadable files. */
export async function reportCommand(argv: readonly string[], io: CliIo): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout.write(reportHelp());
    return EXIT_PASSED;
  }
  const { values, positionals } = parseReportArgs(argv);
  if (values.merge !== undefined) return mergeCommand(values, [...values.merge, ...positionals], io);
  if (positionals.length > 0) throw unexpected(positionals[0] ?? '');
  if (values['report-dir'] !== undefined || values['compare-with'] !== undefined)
    throw new ConfigError(
      '--report-dir and --compare-with belong to --merge DIR...; a single run takes --out DIR',
    );
  if (!values.messages)
    throw new ConfigError('--messages FILE is required (a cucumber --format message:FILE output)');
  const messagesFile = resolve(io.cwd, values.messages);
  const envelopes = parseNdjson(await readText(messagesFile, 'messages'), values.messages);
  const fromFile = values.meta
    ? parseRunMetaFile(await readText(resolve(io.cwd, values.meta), 'meta'), values.meta)
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
  const formats = parseFormats(values.format ?? REPORT_FORMATS.join(','));
  const terminal = terminalOf(io.stdout, io.env);
  const color = values['no-color'] ? false : (values.color ?? terminal.color);
  const dir = resolve(io.cwd, values.out ?? 'reports');
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
    return parseArgs({ args: [...argv], options: OPTION_TYPES, strict: true, allowPositionals: true });
  } catch (error) {
    // node's own words ("Unknown option '--bogus'"), up to its advice about positionals, which does not apply.
    const words = error instanceof Error ? (error.message.split('. ')[0] ?? error.message) : String(error);
    throw optionError(words.charAt(0).toLowerCase() + words.slice(1), error);
  }
}

/** Positionals are only the further directories of --merge; elsewhere, as node's own parser words it. */
function unexpected(argument: string): ConfigError {
  return optionError(`unexpected argument '${argument}'`);
}

function optionError(message: string, cause?: unknown): ConfigError {
  const allowed = REPORT_OPTIONS.map((option) => option.name).join(', ');
  return new ConfigError(`${message}; the options of report are ${allowed}`, { cause });
}

type ReportValues = ReturnType<typeof parseReportArgs>['values'];

/** Merges the shard directories into --report-dir OUT and writes the fleet's reports there; the fleet's exit code. */
async function mergeCommand(values: ReportValues, dirs: readonly string[], io: CliIo): Promise<number> {
  const refused = SINGLE_RUN_OPTIONS.filter((name) => values[name] !== undefined).map((name) => `--${name}`);
  if (refused.length > 0)
    throw new ConfigError(
      `--merge takes --report-dir, --compare-with and --color/--no-color, not ${refused.join(', ')}`,
    );
  if (values['report-dir'] === undefined)
    throw new ConfigError('--merge DIR... needs --report-dir OUT: where to write the merged fleet');
  const out = resolve(io.cwd, values['report-dir']);
  const record = await mergeFleetDirs(
    dirs.map((dir) => resolve(io.cwd, dir)),
    out,
  );
  const terminal = terminalOf(io.stdout, io.env);
  const color = values['no-color'] ? false : (values.color ?? terminal.color);
  const compareWith = values['compare-with'];
  const summary = await writeFleetReports(out, {
    ...(compareWith === undefined ? {} : { compareWith: resolve(io.cwd, compareWith) }),
    table: { color, width: terminal.columns },
  });
  io.stdout.write(summary);
  const written = [
    FLEET_FILE,
    REPORT_FILES.junit,
    REPORT_FILES.matrix,
    ...(compareWith ? [CHANGES_FILE] : []),
  ];
  for (const file of written) io.stdout.write(`wrote ${join(out, file)}\n`);
  return fleetExitCode(record);
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
