// Runs the real CLI against a host and collects the CheckResults it attached (for self-tests against the lab).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decodeResult } from '../run-outcome.ts';
import { spawnBounded } from '../../lab/spawn-bounded.ts';
import type { CheckResult } from '../../result.ts';
import { RESULT_MEDIA_TYPE } from '../../result.ts';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');

export interface CliRun {
  exitCode: number | null;
  results: CheckResult[];
  /** stdout and stderr, for assertion messages. */
  output: string;
  durationMs: number;
}

/** `node support/cli/bin.mjs ARGS --format message:<tmp>`, killed after timeoutMs. */
export async function runCli(args: readonly string[], timeoutMs: number): Promise<CliRun> {
  const dir = mkdtempSync(join(tmpdir(), 'wla-selftest-'));
  const messages = join(dir, 'messages.ndjson');
  const started = Date.now();
  try {
    const argv = ['support/cli/bin.mjs', ...args, '--format', `message:${messages}`];
    const { exitCode, output } = await spawnCli(argv, timeoutMs);
    return { exitCode, results: readResults(messages), output, durationMs: Date.now() - started };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function spawnCli(
  argv: string[],
  timeoutMs: number,
): Promise<{ exitCode: number | null; output: string }> {
  const run = await spawnBounded(process.execPath, argv, { what: 'the CLI run', timeoutMs, cwd: REPO_ROOT });
  return { exitCode: run.code, output: `${run.stdout}${run.stderr}` };
}

/** The CheckResult attachments of a cucumber message stream. */
export function readResults(messagesFile: string): CheckResult[] {
  const results: CheckResult[] = [];
  for (const line of readFileSync(messagesFile, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const envelope = JSON.parse(line) as {
      attachment?: { mediaType: string; body: string; contentEncoding: string };
    };
    const attachment = envelope.attachment;
    if (attachment?.mediaType === RESULT_MEDIA_TYPE)
      results.push(decodeResult(attachment.body, attachment.contentEncoding));
  }
  return results;
}
