// Parses `getent group` lines (name:x:gid:member,member).
import type { GroupEntry } from '../types.ts';
import { numberedLines, toInt, unparsable } from './parse-error.ts';

export function parseGroups(text: string): Map<string, GroupEntry> {
  const entries = new Map<string, GroupEntry>();
  for (const { line, lineNo } of numberedLines(text)) {
    const fields = line.split(':');
    const [name, , gidText, members] = fields;
    const gid = toInt(gidText);
    if (fields.length !== 4 || !name || gid === undefined) throw unparsable('group', line, lineNo);
    entries.set(name, { name, gid, members: members ? members.split(',').filter((m) => m !== '') : [] });
  }
  return entries;
}

/** Parses `id -G` output: the gids of one user, separated by spaces. */
export function parseIdGroups(text: string): number[] {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  const gids = words.map((w) => toInt(w));
  if (words.length === 0 || gids.some((g) => g === undefined)) throw unparsable('id -G', text, 1);
  return gids as number[];
}
