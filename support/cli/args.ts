// Parses the command line into run options and a configuration layer; any mistake is a ConfigError.
import { resolve } from 'node:path';
import type { ConfigLayer } from '../config/layer.ts';
import { setPath } from '../config/layer.ts';
import { CONSUL_TOKEN_ENV, PASSPHRASE_ENV } from '../config/defaults.ts';
import { coerce } from '../config/env.ts';
import { HOST_AND_INVENTORY } from '../config/inventory.ts';
import { ConfigError } from '../errors.ts';
import type { ReportFormat } from '../report/write.ts';
import { REPORT_FORMATS } from '../report/write.ts';
import type { OptionSpec, Profile } from './options.ts';
import {
  MAX_HOSTS_PARALLEL,
  OPTIONS,
  PROFILES,
  REMOVED_OPTIONS,
  SECRET_FLAGS,
  SHORT_ALIASES,
} from './options.ts';

export interface RunOptions {
  profile: Profile;
  /** --profile was on the command line: it beats an inventory's per-host profile. */
  profileGiven: boolean;
  tags?: string;
  formats: string[];
  dryRun: boolean;
  listServices: boolean;
  printConfig: boolean;
  help: boolean;
  version: boolean;
  configFlag?: string;
  /** Absolute; absent: no report file is written. */
  reportDir?: string;
  /** Absent: the default, decided at run time (it depends on stdout being a terminal). */
  reports?: ReportFormat[];
  /** --inventory, absolute: a fleet run of the hosts it lists. */
  inventoryFile?: string;
  /** --host given more than once, in order: a fleet run of these hosts (the flag layer then has no host). */
  hosts?: string[];
  /** Fleet runs: which hosts, by name or group (see limitHosts). */
  limit?: string;
  /** Fleet runs: hosts checked at once. */
  hostsParallel?: number;
  /** Fleet runs: I/N or auto/N, parsed by support/config/shard.ts. */
  shard?: string;
  /** Fleet runs: an earlier fleet run's report directory, absolute. */
  compareWith?: string;
}

export interface ParsedArgs {
  run: RunOptions;
  /** Configuration keys set by flags (highest precedence). */
  flags: ConfigLayer;
}

export function parseArgs(argv: readonly string[], cwd: string): ParsedArgs {
  const values = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [rawName, inline] = splitArg(arg);
    const spec = findOption(rawName);
    let value = inline;
    if (spec.value === undefined) {
      if (inline !== undefined) throw new ConfigError(`${spec.name} takes no value`);
    } else if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) {
        throw new ConfigError(`${spec.name} needs a value: ${spec.value}`);
      }
      i++;
    }
    const list = values.get(spec.name) ?? [];
    if (list.length > 0 && !spec.multiple) throw new ConfigError(`${spec.name} is given more than once`);
    values.set(spec.name, [...list, value ?? 'true']);
  }
  return { run: runOptions(values, cwd), flags: flagLayer(values, cwd) };
}

function splitArg(arg: string): [string, string | undefined] {
  if (!arg.startsWith('-')) {
    throw new ConfigError(
      `unexpected argument ${JSON.stringify(arg)}: every option starts with -- (see --help)`,
    );
  }
  const eq = arg.indexOf('=');
  return eq === -1 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}

function findOption(rawName: string): OptionSpec {
  const name = SHORT_ALIASES[rawName] ?? rawName;
  const spec = OPTIONS.find((option) => option.name === name);
  if (spec) return spec;
  const removed = REMOVED_OPTIONS[name];
  if (removed !== undefined) throw new ConfigError(`${name} was removed: ${removed}`);
  if (SECRET_FLAGS.has(name)) {
    throw new ConfigError(
      `${name} does not exist: secrets are read only from the environment (${PASSPHRASE_ENV}, ${CONSUL_TOKEN_ENV})`,
    );
  }
  const allowed = OPTIONS.map((option) => option.name).join(', ');
  throw new ConfigError(`unknown option ${name}; allowed options: ${allowed}`);
}

function runOptions(values: Map<string, string[]>, cwd: string): RunOptions {
  const one = (name: string): string | undefined => values.get(name)?.[0];
  const has = (name: string): boolean => values.has(name);
  const run: RunOptions = {
    profile: profileOf(one('--profile')),
    profileGiven: has('--profile'),
    formats: values.get('--format') ?? [],
    dryRun: has('--dry-run'),
    listServices: has('--list-services'),
    printConfig: has('--print-config'),
    help: has('--help'),
    version: has('--version'),
  };
  const tags = one('--tags');
  const configFlag = one('--config');
  if (tags !== undefined) run.tags = tags;
  if (configFlag !== undefined) run.configFlag = configFlag;
  const reportDir = one('--report-dir');
  const reports = one('--report');
  if (reportDir !== undefined) run.reportDir = resolve(cwd, reportDir);
  if (reports !== undefined) run.reports = reportFormatsOf(reports, reportDir !== undefined);
  return Object.assign(run, fleetOptions(values, cwd));
}

type FleetOptions = Pick<
  RunOptions,
  'inventoryFile' | 'hosts' | 'limit' | 'hostsParallel' | 'shard' | 'compareWith'
>;

/** --inventory, --host more than once, and the options that only a fleet run takes. */
function fleetOptions(values: Map<string, string[]>, cwd: string): FleetOptions {
  const one = (name: string): string | undefined => values.get(name)?.[0];
  const inventory = one('--inventory');
  const hosts = values.get('--host') ?? [];
  if (inventory !== undefined && hosts.length > 0) throw new ConfigError(HOST_AND_INVENTORY);
  const fleet: FleetOptions = {};
  if (inventory !== undefined) fleet.inventoryFile = resolve(cwd, inventory);
  if (hosts.length > 1) fleet.hosts = hosts;
  const limit = one('--limit');
  const hostsParallel = one('--hosts-parallel');
  const shard = one('--shard');
  const compareWith = one('--compare-with');
  if (limit !== undefined)
    fleet.limit = nonEmpty('--limit', limit, 'host names or groups, comma-separated globs');
  if (hostsParallel !== undefined) fleet.hostsParallel = hostsParallelOf(hostsParallel);
  if (shard !== undefined) fleet.shard = nonEmpty('--shard', shard, 'I/N or auto/N');
  if (compareWith !== undefined) {
    if (!values.has('--report-dir')) {
      throw new ConfigError(
        '--compare-with compares this run with an earlier one in the report directory: give --report-dir DIR as well',
      );
    }
    fleet.compareWith = resolve(cwd, compareWith);
  }
  const fleetOnly = ['--limit', '--hosts-parallel', '--shard', '--compare-with'].filter((name) =>
    values.has(name),
  );
  if (fleetOnly.length > 0 && fleet.inventoryFile === undefined && fleet.hosts === undefined) {
    throw new ConfigError(
      `${fleetOnly.join(', ')}: only in a fleet run, of the hosts of --inventory FILE or of --host given more than once`,
    );
  }
  return fleet;
}

function nonEmpty(name: string, value: string, what: string): string {
  if (value.trim() === '') throw new ConfigError(`${name}: ${JSON.stringify(value)} is not allowed: ${what}`);
  return value;
}

function hostsParallelOf(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= MAX_HOSTS_PARALLEL)) {
    throw new ConfigError(
      `--hosts-parallel: ${JSON.stringify(value)} is not allowed: an integer from 1 to ${MAX_HOSTS_PARALLEL}`,
    );
  }
  return n;
}

/** "junit,table" -> ['junit', 'table']; "none" -> []; files need a directory to go to. */
function reportFormatsOf(text: string, hasDir: boolean): ReportFormat[] {
  if (text === 'none') return [];
  const names = text.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(REPORT_FORMATS as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new ConfigError(
      `--report: ${JSON.stringify(text)} is not allowed: some of ${REPORT_FORMATS.join(',')}, or none`,
    );
  }
  const formats = [...new Set(names)] as ReportFormat[];
  const files = formats.filter((format) => format !== 'table');
  if (files.length > 0 && !hasDir) {
    throw new ConfigError(`--report ${files.join(',')} writes files: give --report-dir DIR as well`);
  }
  return formats;
}

function profileOf(value: string | undefined): Profile {
  if (value === undefined) return 'daily';
  const profile = PROFILES.find((name) => name === value);
  if (!profile) {
    throw new ConfigError(
      `--profile: ${JSON.stringify(value)} is not allowed: one of ${PROFILES.join(', ')}`,
    );
  }
  return profile;
}

function flagLayer(values: Map<string, string[]>, cwd: string): ConfigLayer {
  const data: Record<string, unknown> = {};
  const flagOf = new Map<string, string>();
  for (const spec of OPTIONS) {
    const given = values.get(spec.name);
    if (!given || !spec.path || !spec.kind) continue;
    // --host given more than once names the hosts of a fleet run (RunOptions.hosts), not one target.
    if (spec.kind !== 'list' && given.length > 1) continue;
    const value =
      spec.kind === 'list'
        ? given.flatMap((text) => coerce(text, 'list') as string[])
        : coerce(given[0] as string, spec.kind);
    setPath(data, spec.path, value);
    flagOf.set(spec.path, spec.name);
  }
  const originOf = (path: string): string =>
    `from ${flagOf.get(path.replace(/\[\d+\]$/, '')) ?? 'the command line'}`;
  return { data, originOf, baseDir: cwd };
}
