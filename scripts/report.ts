// Builds the reports (junit.xml, matrix.html, terminal table) from a saved `--format message:FILE` run.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConfigError, EXIT_NOT_CHECKED } from '../support/errors.ts';
import { collectResults } from '../support/report/collect.ts';
import { exitCodeFor } from '../support/cli/run-outcome.ts';
import { parseNdjson } from '../support/report/messages.ts';
import { buildRunMeta, runSucceededOf } from '../support/report/meta.ts';
import type { RunMeta } from '../support/report/meta.ts';
import { REPORT_FILES, REPORT_FORMATS, writeReports } from '../support/report/write.ts';
import type { ReportFormat } from '../support/report/write.ts';

const USAGE = `usage: npm run report -- --messages run.ndjson [--out reports/] [--format junit,matrix,table]
  [--meta run-meta.json] [--host NAME] [--profile NAME] [--catalog-version V]
  [--insecure] [--accept-new-host-key] [--color|--no-color]
exit status, as the runner's for that run: 0 every check passed, was waived or not applicable; 1 a
check failed or could not be checked (or none ran); 2 the host was never checked (connection or
configuration), or bad arguments / unreadable messages file`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
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
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.messages)
    throw new ConfigError('--messages FILE is required (a cucumber --format message:FILE output)');
  const envelopes = parseNdjson(await readText(values.messages, 'messages'), values.messages);
  const fromFile = values.meta ? parseMetaFile(await readText(values.meta, 'meta'), values.meta) : {};
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
  const color = values['no-color']
    ? false
    : (values.color ?? (process.stdout.isTTY && !process.env.NO_COLOR));
  const table = await writeReports(envelopes, meta, {
    dir: values.out,
    formats,
    table: { color, width: process.stdout.columns ?? 100 },
  });
  process.stdout.write(table);
  for (const format of formats) {
    if (format !== 'table') process.stdout.write(`wrote ${values.out}/${REPORT_FILES[format]}\n`);
  }
  return exitCodeFor(rows, runSucceededOf(envelopes));
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigError(
      `cannot read the ${what} file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
      {
        cause: err,
      },
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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`report: ${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    process.exitCode = EXIT_NOT_CHECKED;
  },
);
