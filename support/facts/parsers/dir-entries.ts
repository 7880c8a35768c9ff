// Parses the snapshot's directory listings: "NAME\tok|dangling\tSYMLINK-TARGET" lines.
import { numberedLines, unparsable } from './parse-error.ts';

export interface DirEntry {
  name: string;
  /** False for a symlink whose target does not exist. */
  resolves: boolean;
  target?: string;
}

export function parseDirEntries(text: string): DirEntry[] {
  return numberedLines(text).map(({ line, lineNo }) => {
    const fields = line.split('\t');
    const [name, state, target] = fields;
    if (fields.length !== 3 || !name || (state !== 'ok' && state !== 'dangling')) {
      throw unparsable('directory listing', line, lineNo);
    }
    const entry: DirEntry = { name, resolves: state === 'ok' };
    if (target) entry.target = target;
    return entry;
  });
}
