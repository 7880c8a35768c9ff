// Turns a raw check result into the final one by applying waivers, and loads the waiver file.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { ValidateFunction } from 'ajv';
import { compileSchema, schemaProblems } from '../catalog/schema-problems.ts';
import { CatalogError } from '../errors.ts';
import type { CheckResult } from '../result.ts';

export interface Waiver {
  hostPattern: string;
  service: string;
  item: string;
  justification: string;
  /** YYYY-MM-DD, inclusive. */
  expires: string;
}

const SCHEMA_URL = new URL('../../fixtures/waivers.schema.json', import.meta.url);
let compiled: ValidateFunction | undefined;

/** A failure matched by a live waiver becomes 'waived'; an expired one stays failed and says so. */
export function settle(result: CheckResult, waivers: readonly Waiver[], now: Date): CheckResult {
  if (result.status !== 'failed') return result;
  const matching = waivers.filter((w) => waiverMatches(w, result));
  if (matching.length === 0) return result;
  const today = now.toISOString().slice(0, 10);
  const live = matching.find((w) => w.expires >= today);
  if (live) {
    const message = `waived: ${live.justification} (until ${live.expires})`;
    return {
      ...result,
      status: 'waived',
      message,
      evidence: [`waived failure: ${result.message}`, ...result.evidence],
    };
  }
  const last = matching.reduce((a, b) => (b.expires > a.expires ? b : a));
  const message = `${result.message} (a waiver expired on ${last.expires}: ${last.justification})`;
  return { ...result, message };
}

export function waiverMatches(
  waiver: Waiver,
  result: Pick<CheckResult, 'host' | 'service' | 'item'>,
): boolean {
  return (
    globMatches(waiver.hostPattern, result.host, true) &&
    globMatches(waiver.service, result.service, false) &&
    globMatches(waiver.item, result.item, false)
  );
}

/** Waivers that matched no failed or waived result of the run: the fault is fixed, or the waiver is wrong. */
export function unusedWaivers(waivers: readonly Waiver[], results: readonly CheckResult[]): Waiver[] {
  const relevant = results.filter((r) => r.status === 'failed' || r.status === 'waived');
  return waivers.filter((w) => !relevant.some((r) => waiverMatches(w, r)));
}

/** Reads and validates a waiver file (a YAML list); any problem throws CatalogError naming the entry and field. */
export function loadWaivers(file: string): Waiver[] {
  const data = readWaiverYaml(file);
  const validate = (compiled ??= compileSchema(SCHEMA_URL));
  const problems = validate(data)
    ? dateProblems(data as RawWaiver[])
    : schemaProblems(validate.errors ?? [], 'waivers', labeler(data));
  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    throw new CatalogError(`waivers ${file} are invalid (${count}):\n  ${problems.join('\n  ')}`);
  }
  return (data as RawWaiver[]).map(({ host, ...rest }) => ({ hostPattern: host, ...rest }));
}

interface RawWaiver {
  host: string;
  service: string;
  item: string;
  justification: string;
  expires: string;
}

function readWaiverYaml(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new CatalogError(
      `waivers ${file} cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'error'})`,
      { cause },
    );
  }
  try {
    return parse(text, { uniqueKeys: true }) ?? [];
  } catch (cause) {
    const first = ((cause as Error).message.split('\n')[0] ?? '').trim();
    throw new CatalogError(`waivers ${file} are not valid YAML: ${first}`, { cause });
  }
}

function labeler(data: unknown): (parts: readonly string[]) => string {
  return (parts) => {
    if (parts.length !== 1 || !Array.isArray(data)) return '';
    const entry = data[Number(parts[0])] as Partial<RawWaiver> | undefined;
    return typeof entry?.service === 'string' && typeof entry.item === 'string'
      ? ` (${entry.service} ${entry.item})`
      : '';
  };
}

function dateProblems(waivers: readonly RawWaiver[]): string[] {
  return waivers.flatMap((w, i) => {
    const date = new Date(`${w.expires}T00:00:00Z`);
    if (!Number.isNaN(date.getTime()) && date.toISOString().startsWith(w.expires)) return [];
    return [
      `[${i}] (${w.service} ${w.item}).expires: "${w.expires}" is not allowed: a date that exists in the calendar`,
    ];
  });
}

function globMatches(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}
