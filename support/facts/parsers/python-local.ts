// Parses the python-local section: "D\tDIR" per /usr/local package directory, then "E\tNAME" per pip metadata entry.
import type { UsrLocalPythonDir } from '../types.ts';
import { numberedLines, unparsable } from './parse-error.ts';

const METADATA = /\.(dist|egg)-info$/;

export function parsePythonLocal(text: string): UsrLocalPythonDir[] {
  const dirs: UsrLocalPythonDir[] = [];
  for (const { line, lineNo } of numberedLines(text)) {
    const [kind, name, ...rest] = line.split('\t');
    const current = dirs.at(-1);
    if (rest.length === 0 && kind === 'D' && name?.startsWith('/usr/local/lib/python3')) {
      dirs.push({ dir: name, entries: [] });
    } else if (rest.length === 0 && kind === 'E' && name && METADATA.test(name) && current) {
      current.entries.push(name);
    } else {
      throw unparsable('python-local', line, lineNo);
    }
  }
  return dirs;
}
