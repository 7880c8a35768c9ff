// Parses the config-ownership section: "D\tDIR" and "F\tPATH" listing lines, `dpkg-query -S` owner lines, then
// "P\tPACKAGE\tSTATE" lines (`dpkg-query -W` of the owners).
import { RemoteCommandFailed } from '../../errors.ts';
import type { OwnedDirListing, OwnedEntry } from '../types.ts';
import { numberedLines, unparsable } from './parse-error.ts';

const NO_PATH = /^dpkg-query: no path found matching pattern (.+)$/;
const DIVERSION = /^diversion by (\S+) (from|to): (\/.*)$/;
const OWNERS = /^([a-z0-9][a-z0-9+.:-]*(?:, [a-z0-9][a-z0-9+.:-]*)*): (\/.*)$/;
const PACKAGE = /^[a-z0-9][a-z0-9+.:-]*$/;

export interface ConfigOwnershipOutput {
  stdout: string;
  stderr: string;
  rc: number;
}

/**
 * One listing per planned directory, in plan order, entries sorted by path. Exit status 1 with only "no path found"
 * lines on stderr is dpkg-query's answer for unowned paths, not a failure; anything else on stderr is.
 */
export function parseConfigOwnership(dirs: readonly string[], out: ConfigOwnershipOutput): OwnedDirListing[] {
  const listings = new Map(dirs.map((dir) => [dir, { dir, exists: false, entries: [] as OwnedEntry[] }]));
  const entries = new Map<string, OwnedEntry>();
  const owners = new Map<string, Set<string>>();
  const states = new Map<string, string>();
  let current: OwnedDirListing | undefined;
  for (const { line, lineNo } of numberedLines(out.stdout)) {
    const [kind, first = '', second, ...rest] = line.split('\t');
    if (kind === 'D' && second === undefined) {
      current = listings.get(first);
      if (!current) throw unparsable('config-ownership', line, lineNo);
      current.exists = true;
    } else if (kind === 'F' && current && isDirectEntry(current.dir, line.slice(2))) {
      const entry: OwnedEntry = { path: line.slice(2), owners: [] };
      current.entries.push(entry);
      entries.set(entry.path, entry);
    } else if (kind === 'P' && PACKAGE.test(first) && second !== undefined && rest.length === 0) {
      states.set(first, second.trim());
    } else if (!readDpkgLine(line, entries, owners)) {
      throw unparsable('config-ownership', line, lineNo);
    }
  }
  checkStderr(out, entries, owners);
  for (const [path, names] of owners) {
    const entry = entries.get(path) as OwnedEntry;
    entry.owners = [...names].sort(compare).map((name) => ({ name, state: states.get(name) ?? '' }));
  }
  for (const listing of listings.values()) listing.entries.sort((a, b) => compare(a.path, b.path));
  return [...listings.values()];
}

/** An owner or diversion line; lines about paths that were not listed (a glob character matched more) are skipped. */
function readDpkgLine(
  line: string,
  entries: Map<string, OwnedEntry>,
  owners: Map<string, Set<string>>,
): boolean {
  const diversion = DIVERSION.exec(line);
  if (diversion) {
    const entry = entries.get(diversion[3] as string);
    if (entry && diversion[2] === 'to') entry.divertedBy = diversion[1];
    return true;
  }
  const owned = OWNERS.exec(line);
  if (!owned) return false;
  const path = owned[2] as string;
  if (!entries.has(path)) return true;
  const names = owners.get(path) ?? new Set<string>();
  for (const name of (owned[1] as string).split(', ')) names.add(name);
  owners.set(path, names);
  return true;
}

function checkStderr(
  out: ConfigOwnershipOutput,
  entries: Map<string, OwnedEntry>,
  owners: Map<string, Set<string>>,
): void {
  const lines = numberedLines(out.stderr).map(({ line }) => line);
  const other = lines.find((line) => !NO_PATH.test(line));
  const said = other ?? lines[0] ?? 'no output';
  if (other !== undefined || (out.rc !== 0 && out.rc !== 1) || (out.rc === 1 && lines.length === 0)) {
    throw new RemoteCommandFailed(`config-ownership exited with ${out.rc}: ${said.slice(0, 300)}`);
  }
  for (const line of lines) {
    const path = NO_PATH.exec(line)?.[1] as string;
    if (entries.has(path) && owners.has(path)) {
      throw new RemoteCommandFailed(`config-ownership: ${path} is both owned and not found by dpkg-query`);
    }
  }
}

function isDirectEntry(dir: string, path: string): boolean {
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  return path.startsWith(prefix) && path.length > prefix.length && !path.slice(prefix.length).includes('/');
}

/** Byte order, as `LC_ALL=C sort` would: results are compared exactly, so their order must not depend on a locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
