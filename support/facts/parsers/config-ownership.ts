// Parses the config-ownership section: "D\tDIR" and "F\tPATH" listing lines, then `dpkg-query -S` owner lines.
import { RemoteCommandFailed } from '../../errors.ts';
import type { OwnedDirListing, OwnedEntry } from '../types.ts';
import { numberedLines, unparsable } from './parse-error.ts';

const NO_PATH = /^dpkg-query: no path found matching pattern (.+)$/;
const DIVERSION = /^diversion by (\S+) (from|to): (\/.*)$/;
const OWNERS = /^([a-z0-9][a-z0-9+.:-]*(?:, [a-z0-9][a-z0-9+.:-]*)*): (\/.*)$/;

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
  let current: OwnedDirListing | undefined;
  for (const { line, lineNo } of numberedLines(out.stdout)) {
    if (line.startsWith('D\t')) {
      current = listings.get(line.slice(2));
      if (!current) throw unparsable('config-ownership', line, lineNo);
      current.exists = true;
    } else if (line.startsWith('F\t') && current && isDirectEntry(current.dir, line.slice(2))) {
      const entry: OwnedEntry = { path: line.slice(2), owners: [] };
      current.entries.push(entry);
      entries.set(entry.path, entry);
    } else if (!readDpkgLine(line, entries)) {
      throw unparsable('config-ownership', line, lineNo);
    }
  }
  checkStderr(out, entries);
  for (const listing of listings.values()) listing.entries.sort((a, b) => compare(a.path, b.path));
  return [...listings.values()];
}

/** An owner or diversion line; lines about paths that were not listed (a glob character matched more) are skipped. */
function readDpkgLine(line: string, entries: Map<string, OwnedEntry>): boolean {
  const diversion = DIVERSION.exec(line);
  if (diversion) {
    const entry = entries.get(diversion[3] as string);
    if (entry && diversion[2] === 'to') entry.divertedBy = diversion[1];
    return true;
  }
  const owned = OWNERS.exec(line);
  if (!owned) return false;
  const entry = entries.get(owned[2] as string);
  if (entry)
    entry.owners = [...new Set([...entry.owners, ...(owned[1] as string).split(', ')])].sort(compare);
  return true;
}

function checkStderr(out: ConfigOwnershipOutput, entries: Map<string, OwnedEntry>): void {
  const lines = numberedLines(out.stderr).map(({ line }) => line);
  const other = lines.find((line) => !NO_PATH.test(line));
  const said = other ?? lines[0] ?? 'no output';
  if (other !== undefined || (out.rc !== 0 && out.rc !== 1) || (out.rc === 1 && lines.length === 0)) {
    throw new RemoteCommandFailed(`config-ownership exited with ${out.rc}: ${said.slice(0, 300)}`);
  }
  for (const line of lines) {
    const path = NO_PATH.exec(line)?.[1] as string;
    const entry = entries.get(path);
    if (entry && entry.owners.length > 0) {
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
