// Parses the snapshot's one stat of every path: "S\t%F\t%U\t%G\t%u\t%g\t%a\t%s\t%n" lines,
// "L\tPATH" + target lines for symlinks, and stat's complaints on stderr for paths it could not stat.
import type { FileStat } from '../types.ts';
import { unparsable } from './parse-error.ts';

const TYPES: Record<string, FileStat['type']> = {
  'regular file': 'file',
  'regular empty file': 'file',
  directory: 'directory',
  'symbolic link': 'symlink',
  socket: 'socket',
  fifo: 'fifo',
};

/** stat's own words for "there is nothing at this path" (ENOENT, ENOTDIR). */
const ABSENT = /^(No such file or directory|Not a directory)$/;
const COMPLAINT = /^stat: cannot stat(?:x)? ('.*'|".*"): ([^:]+)$/;

/** A path's stat, or why it could not be had (e.g. "Permission denied"). */
export type StatOutcome = FileStat | { path: string; error: string };

function statLine(line: string, lineNo: number): FileStat {
  const fields = line.split('\t');
  const [, typeText = '', owner, group, uidText, gidText, modeText = '', sizeText] = fields;
  const path = fields.slice(8).join('\t');
  const numbers = [uidText, gidText, sizeText].map((v) => (v && /^\d+$/.test(v) ? Number(v) : undefined));
  const [uid, gid, size] = numbers;
  if (
    fields.length < 9 ||
    uid === undefined ||
    gid === undefined ||
    size === undefined ||
    !/^[0-7]+$/.test(modeText)
  ) {
    throw unparsable('stat', line, lineNo);
  }
  const type = TYPES[typeText] ?? 'other';
  return { path, exists: true, type, owner, group, uid, gid, mode: modeText.padStart(4, '0'), size };
}

/** Undoes coreutils' shell-style quoting of a path in its messages: 'a b', "it's", 'it'\''s'. */
function unquote(quoted: string): string {
  const inner = quoted.slice(1, -1);
  return quoted.startsWith('"') ? inner.replace(/\\(["\\$`])/g, '$1') : inner.replace(/'\\''/g, "'");
}

export function parseStats(
  paths: readonly string[],
  stdout: string,
  stderr: string,
): Map<string, StatOutcome> {
  const outcomes = new Map<string, StatOutcome>();
  const lines = stdout.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (line.startsWith('S\t')) {
      const stat = statLine(line, i + 1);
      outcomes.set(stat.path, stat);
    } else if (line.startsWith('L\t')) {
      const stat = outcomes.get(line.slice(2));
      if (stat && 'exists' in stat) stat.target = lines[i + 1] ?? '';
      i += 1;
    } else if (line !== '') throw unparsable('stat', line, i + 1);
  }
  for (const line of stderr.split('\n')) {
    const m = COMPLAINT.exec(line);
    if (!m) continue;
    const path = unquote(m[1] ?? '');
    const why = m[2] ?? '';
    outcomes.set(path, ABSENT.test(why) ? { path, exists: false } : { path, error: `stat ${path}: ${why}` });
  }
  for (const path of paths) {
    if (!outcomes.has(path))
      outcomes.set(path, { path, error: `stat ${path}: no answer (${stderr.trim() || 'no output'})` });
  }
  return outcomes;
}
