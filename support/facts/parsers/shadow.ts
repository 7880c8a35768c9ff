// Parses `getent shadow` lines; a password hash is replaced by '<hash>' (the script already did, this is the second guard).
import type { ShadowEntry } from '../types.ts';
import { numberedLines, unparsable } from './parse-error.ts';

export const HASH_MASK = '<hash>';

/** Keeps the lock prefix ('!'...) and the harmless values '*' and ''; anything else becomes '<hash>'. */
export function maskPassword(field: string): string {
  const lock = /^!*/.exec(field)?.[0] ?? '';
  const rest = field.slice(lock.length);
  return rest === '' || rest === '*' || rest === HASH_MASK ? field : `${lock}${HASH_MASK}`;
}

/** A shadow password field locks password login when it is empty of a usable hash or starts with '!'. */
export function isLocked(password: string): boolean {
  return password.startsWith('!') || password === '*';
}

export function parseShadow(text: string): Map<string, ShadowEntry> {
  const entries = new Map<string, ShadowEntry>();
  for (const { line, lineNo } of numberedLines(text)) {
    const [name, field] = line.split(':');
    if (!name || field === undefined) throw unparsable('shadow', maskLine(line), lineNo);
    const password = maskPassword(field);
    entries.set(name, { name, password, locked: isLocked(password) });
  }
  return entries;
}

/** The line with its password field masked, safe to show or keep. */
export function maskLine(line: string): string {
  const fields = line.split(':');
  if (fields.length > 1) fields[1] = maskPassword(fields[1] ?? '');
  return fields.join(':');
}
