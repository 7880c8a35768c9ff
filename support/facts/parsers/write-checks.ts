// Parses the snapshot's write checks for one user: "yes|no<TAB>PATH" lines (test -w run as that user).
import { numberedLines, unparsable } from './parse-error.ts';

export function parseWriteAnswers(text: string): Map<string, boolean> {
  const answers = new Map<string, boolean>();
  for (const { line, lineNo } of numberedLines(text)) {
    const tab = line.indexOf('\t');
    const said = line.slice(0, tab);
    if (tab < 0 || (said !== 'yes' && said !== 'no')) throw unparsable('write check', line, lineNo);
    answers.set(line.slice(tab + 1), said === 'yes');
  }
  return answers;
}
