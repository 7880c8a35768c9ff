// Gathers HostFacts with one read-only script (snapshot.sh) over one exec channel, then parses it locally.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { RemoteCommandFailed, WlaError } from '../errors.ts';
import type { RemoteHost } from '../ssh/transport.ts';
import { assembleFacts } from './assemble.ts';
import type { AssembleInput } from './assemble.ts';
import { FRAME_MARK, parseFrames } from './frame.ts';
import { withDraftItems } from './parsers/draft.ts';
import { maskLine } from './parsers/shadow.ts';
import { normalizePlan, planArguments } from './plan-args.ts';
import type { GatherPlan, HostFacts } from './types.ts';

export const SNAPSHOT_SCRIPT = readFileSync(new URL('./snapshot.sh', import.meta.url), 'utf8');

/** Long enough for wazo-service status (bounded at 30 s on the host) plus every other section. */
export const DEFAULT_GATHER_TIMEOUT_MS = 90_000;

export interface GatherOptions {
  timeoutMs?: number;
  /** Frame nonce; random per run unless a test fixes it. */
  nonce?: string;
  /** The clock for gatheredAt (tests fix it). */
  now?: () => Date;
}

export function newNonce(): string {
  return randomBytes(12).toString('hex');
}

/** The argv that runs the snapshot: `sh -s -- NONCE ITEM...` (the transport adds `sudo -n` when configured). */
export function snapshotArgv(plan: GatherPlan, nonce: string): string[] {
  return ['sh', '-s', '--', nonce, ...planArguments(plan)];
}

/** Second guard after the script's own masking: no shadow password field but '*', '!...', '' or '<hash>'. */
export function redactRaw(raw: string, nonce: string): string {
  const begin = `${FRAME_MARK}${nonce}:BEGIN:shadow:`;
  let inShadow = false;
  return raw
    .split('\n')
    .map((line) => {
      if (line.startsWith(FRAME_MARK)) inShadow = line.startsWith(begin);
      else if (inShadow && line.startsWith('|')) return `|${maskLine(line.slice(1))}`;
      return line;
    })
    .join('\n');
}

function failedRun(host: RemoteHost, code: number | null, signal: string | undefined, stderr: string): Error {
  const how = code === null ? `was killed by ${signal ?? 'a signal'}` : `exited with ${code}`;
  const said = stderr.trim().split('\n').slice(-3).join(' | ').slice(0, 400) || 'no error output';
  return new RemoteCommandFailed(`fact snapshot on ${host.label} ${how}: ${said}`);
}

export async function gatherFacts(
  host: RemoteHost,
  plan: GatherPlan,
  options: GatherOptions = {},
): Promise<HostFacts> {
  return assembleFacts(await runSnapshot(host, plan, options));
}

/** Runs the script and frames its output; the plan returned includes what draft sections added (d: items). */
export async function runSnapshot(
  host: RemoteHost,
  plan: GatherPlan,
  options: GatherOptions = {},
): Promise<AssembleInput> {
  const nonce = options.nonce ?? newNonce();
  const normalized = normalizePlan(plan);
  const argv = snapshotArgv(normalized, nonce);
  const result = await host.exec(argv, {
    stdin: SNAPSHOT_SCRIPT,
    timeoutMs: options.timeoutMs ?? DEFAULT_GATHER_TIMEOUT_MS,
  });
  if (result.code !== 0) throw failedRun(host, result.code, result.signal, result.stderr);
  const raw = redactRaw(result.stdout, nonce);
  let sections;
  try {
    sections = parseFrames(raw, nonce);
  } catch (err) {
    if (!(err instanceof WlaError)) throw err;
    throw new RemoteCommandFailed(`${host.label}: ${err.message}`, { cause: err });
  }
  const gatheredAt = (options.now?.() ?? new Date()).toISOString();
  return { sections, plan: withDraftItems(normalized, sections), raw, gatheredAt };
}
