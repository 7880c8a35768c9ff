// The fleet record (DIR/fleet.json): which hosts a fleet run covered, how each ended, and the fleet's exit code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, EXIT_CHECK_FAILED, EXIT_NOT_CHECKED, EXIT_PASSED } from '../errors.ts';
import type { ReportRow } from './collect.ts';
import type { RunMeta } from './meta.ts';
import type { HostRole } from '../config/inventory.ts';

export const FLEET_FILE = 'fleet.json';
export const HOSTS_DIR = 'hosts';
/** What --compare-with adds to a fleet directory: the changes since the previous run (fleet-compare.ts). */
export const CHANGES_FILE = 'changes.json';
/** A host's own run files, as cli/reports.ts writes them (MESSAGES_FILE, META_FILE); fleet.test.ts holds them equal. */
export const HOST_RUN_FILES = { messages: 'run.ndjson', meta: 'run-meta.json' } as const;

/** unreachable: the connection/auth/sudo preflight failed; interrupted: Ctrl-C before it finished or started. */
export type HostOutcome = 'checked' | 'unreachable' | 'interrupted';

export interface FleetHostRecord {
  name: string;
  host: string;
  role: HostRole;
  pair?: string;
  groups: string[];
  labels: Record<string, string>;
  profile: string;
  outcome: HostOutcome;
  /** One line, for unreachable/interrupted (already free of secrets). */
  reason?: string;
  /** e.g. HOST_UNREACHABLE, AUTH_FAILED, HOST_KEY_REJECTED, SUDO_REFUSED, TIMED_OUT. */
  errorCode?: string;
  /** What a single-host run would have exited with (0/1/2). */
  exitCode: number;
  startedAt: string;
  finishedAt: string;
}

export interface FleetRecord {
  version: 1;
  startedAt: string;
  finishedAt: string;
  /** The inventory file's base name. */
  inventory?: string;
  shard?: { index: number; count: number };
  /** In inventory order. */
  hosts: FleetHostRecord[];
}

/** One host of a loaded fleet: its record, the rows of its run.ndjson (none when it was never checked), its run-meta. */
export interface FleetHostResults {
  record: FleetHostRecord;
  rows: ReportRow[];
  meta?: RunMeta;
}

export interface FleetResults {
  record: FleetRecord;
  hosts: FleetHostResults[];
}

const OUTCOMES: readonly HostOutcome[] = ['checked', 'unreachable', 'interrupted'];
const ROLES: readonly HostRole[] = ['standalone', 'master', 'slave'];

/** 0 when every host's run would have exited 0, 2 when no host was checked at all, else 1. */
export function fleetExitCode(record: Pick<FleetRecord, 'hosts'>): number {
  if (!record.hosts.some((host) => host.outcome === 'checked')) return EXIT_NOT_CHECKED;
  return record.hosts.every((host) => host.exitCode === EXIT_PASSED) ? EXIT_PASSED : EXIT_CHECK_FAILED;
}

/** A host whose checks ran, fully or in part (an interrupted run may have some); else it has no results at all. */
export function wasReached(host: FleetHostResults): boolean {
  return host.record.outcome === 'checked' || host.rows.length > 0;
}

/** The directory of one host's own reports inside a fleet directory. */
export function hostDir(dir: string, name: string): string {
  return join(dir, HOSTS_DIR, name);
}

/** Reads and validates DIR/fleet.json; a ConfigError names the file and what is wrong in it. */
export function readFleetRecord(dir: string): FleetRecord {
  const path = join(dir, FLEET_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new ConfigError(`cannot read the fleet record ${path}: ${code} (is ${dir} a fleet --report-dir?)`, {
      cause: err,
    });
  }
  return parseFleetRecord(text, path);
}

/** Validates the text of a fleet.json; `source` names it in errors. */
export function parseFleetRecord(text: string, source: string): FleetRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${source}: expected a JSON fleet record, found invalid JSON`, { cause: err });
  }
  const problem = (where: string, expected: string, found: unknown): never => {
    throw new ConfigError(`${source}: ${where}: expected ${expected}, found ${describe(found)}`);
  };
  const top = asObject(value) ?? problem('the record', 'an object', value);
  if (top.version !== 1) problem('version', '1', top.version);
  const hosts = Array.isArray(top.hosts) ? (top.hosts as unknown[]) : problem('hosts', 'an array', top.hosts);
  const record: FleetRecord = {
    version: 1,
    startedAt: isoTime(top.startedAt) ?? problem('startedAt', 'an ISO time', top.startedAt),
    finishedAt: isoTime(top.finishedAt) ?? problem('finishedAt', 'an ISO time', top.finishedAt),
    hosts: hosts.map((host, index) => parseHost(host, `hosts[${index}]`, problem)),
  };
  if (top.inventory !== undefined)
    record.inventory =
      typeof top.inventory === 'string' ? top.inventory : problem('inventory', 'a string', top.inventory);
  if (top.shard !== undefined) record.shard = parseShard(top.shard, problem);
  const seen = new Set<string>();
  record.hosts.forEach((host, index) => {
    if (seen.has(host.name)) problem(`hosts[${index}].name`, 'a name no other host has', host.name);
    seen.add(host.name);
  });
  return record;
}

type Problem = (where: string, expected: string, found: unknown) => never;

function parseHost(value: unknown, where: string, problem: Problem): FleetHostRecord {
  const host = asObject(value) ?? problem(where, 'an object', value);
  const text = (key: string): string =>
    typeof host[key] === 'string' && host[key] !== ''
      ? host[key]
      : problem(`${where}.${key}`, 'a non-empty string', host[key]);
  const name = text('name');
  // The name becomes the directory hosts/<name>/: nothing that could leave or hide in it.
  if (!/^[^/\\\0]+$/.test(name) || name === '.' || name === '..')
    problem(`${where}.name`, 'a name usable as a directory (no "/", "\\", NUL, not "." or "..")', name);
  const record: FleetHostRecord = {
    name,
    host: text('host'),
    role: oneOf(host.role, ROLES) ?? problem(`${where}.role`, `one of ${ROLES.join(', ')}`, host.role),
    groups: stringArray(host.groups) ?? problem(`${where}.groups`, 'an array of strings', host.groups),
    labels: stringRecord(host.labels) ?? problem(`${where}.labels`, 'an object of strings', host.labels),
    profile: text('profile'),
    outcome:
      oneOf(host.outcome, OUTCOMES) ??
      problem(`${where}.outcome`, `one of ${OUTCOMES.join(', ')}`, host.outcome),
    exitCode: [0, 1, 2].includes(host.exitCode as number)
      ? (host.exitCode as number)
      : problem(`${where}.exitCode`, '0, 1 or 2', host.exitCode),
    startedAt: isoTime(host.startedAt) ?? problem(`${where}.startedAt`, 'an ISO time', host.startedAt),
    finishedAt: isoTime(host.finishedAt) ?? problem(`${where}.finishedAt`, 'an ISO time', host.finishedAt),
  };
  for (const key of ['pair', 'reason', 'errorCode'] as const) {
    if (host[key] !== undefined) record[key] = text(key);
  }
  return record;
}

function parseShard(value: unknown, problem: Problem): { index: number; count: number } {
  const shard = asObject(value);
  const count = shard?.count;
  const index = shard?.index;
  if (
    typeof count !== 'number' ||
    typeof index !== 'number' ||
    !Number.isInteger(count) ||
    !Number.isInteger(index) ||
    count < 1 ||
    index < 1 ||
    index > count
  )
    return problem('shard', '{ index, count } with 1 <= index <= count', value);
  return { index, count };
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return allowed.find((candidate) => candidate === value);
}

function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  const object = asObject(value);
  return object && Object.values(object).every((v) => typeof v === 'string')
    ? (object as Record<string, string>)
    : undefined;
}

function isoTime(value: unknown): string | undefined {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
