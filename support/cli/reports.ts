// The CLI's end of a run: the report formats it defaults to, the run's metadata, and the files it writes.
import { mkdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { RunnerConfig } from '../config/types.ts';
import type { MessageEnvelope } from '../report/messages.ts';
import { buildRunMeta } from '../report/meta.ts';
import type { RunMeta } from '../report/meta.ts';
import type { ReportFormat } from '../report/write.ts';
import { writeReports } from '../report/write.ts';
import type { RunOptions } from './args.ts';

/** The raw message stream, so `npm run report` can rebuild every report of the run. */
export const MESSAGES_FILE = 'run.ndjson';
/** What the stream does not say (host, profile, weakened verifications), for `npm run report --meta`. */
export const META_FILE = 'run-meta.json';

export interface Terminal {
  isTTY: boolean;
  color: boolean;
  columns: number;
}

/** The terminal behind a stream: colour only on a TTY with NO_COLOR unset (https://no-color.org). */
export function terminalOf(stream: unknown, env: NodeJS.ProcessEnv): Terminal {
  const tty = stream as { isTTY?: boolean; columns?: number };
  const isTTY = tty.isTTY === true;
  return { isTTY, color: isTTY && !env.NO_COLOR, columns: tty.columns ?? 100 };
}

/** Explicit --report wins; else all three into --report-dir, else the table on a terminal only. */
export function reportFormats(run: RunOptions, terminal: Terminal): ReportFormat[] {
  if (run.reports !== undefined) return run.reports;
  if (run.reportDir !== undefined) return ['junit', 'matrix', 'table'];
  return terminal.isTTY ? ['table'] : [];
}

/** The run's metadata from the configuration; times come from cucumber's own messages. */
export function runMetaOf(
  envelopes: readonly MessageEnvelope[],
  config: RunnerConfig,
  profile: string,
): RunMeta {
  return buildRunMeta(envelopes, {
    host: config.host,
    profile,
    catalogVersion: catalogVersionOf(config.catalogFile),
    insecure: config.https.insecure,
    acceptNewHostKey: config.ssh.acceptNewHostKey,
    httpsRoute: config.https.route,
  });
}

/** "services.yml v1"; 'unknown' when the file has no version (it was validated before the run). */
export function catalogVersionOf(file: string): string {
  try {
    const data = parse(readFileSync(file, 'utf8')) as { version?: unknown } | null;
    const name = file.split('/').pop() ?? file;
    const version = data?.version;
    return typeof version === 'number' || typeof version === 'string' ? `${name} v${version}` : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Writes the report files (with run.ndjson and run-meta.json when there is a directory); returns the table. */
export async function writeRunReports(
  envelopes: readonly MessageEnvelope[],
  meta: RunMeta,
  run: RunOptions,
  terminal: Terminal,
): Promise<string> {
  const formats = reportFormats(run, terminal);
  const dir = run.reportDir;
  if (dir !== undefined) {
    await mkdir(dir, { recursive: true });
    const lines = envelopes.map((envelope) => `${JSON.stringify(envelope)}\n`).join('');
    await writeFile(join(dir, MESSAGES_FILE), lines, 'utf8');
    await writeFile(join(dir, META_FILE), `${JSON.stringify(meta, null, 2)}\n`, 'utf8');
  }
  const table = { color: terminal.color, width: terminal.columns };
  return writeReports(envelopes, meta, { dir: dir ?? '.', formats, table });
}
