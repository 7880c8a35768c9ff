// Parses `getent passwd` lines (name:x:uid:gid:gecos:home:shell).
import type { PasswdEntry } from '../types.ts';
import { numberedLines, toInt, unparsable } from './parse-error.ts';

export function parsePasswd(text: string): Map<string, PasswdEntry> {
  const entries = new Map<string, PasswdEntry>();
  for (const { line, lineNo } of numberedLines(text)) {
    const fields = line.split(':');
    const [name, , uidText, gidText, gecos, home, shell] = fields;
    const uid = toInt(uidText);
    const gid = toInt(gidText);
    if (fields.length !== 7 || !name || uid === undefined || gid === undefined) {
      throw unparsable('passwd', line, lineNo);
    }
    entries.set(name, { name, uid, gid, gecos: gecos ?? '', home: home ?? '', shell: shell ?? '' });
  }
  return entries;
}
