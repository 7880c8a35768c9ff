// The error a parser throws when a section's text is not in the format it knows.
import { RemoteCommandFailed } from '../../errors.ts';

export function unparsable(what: string, line: string, lineNo: number): RemoteCommandFailed {
  return new RemoteCommandFailed(
    `${what}: cannot parse line ${lineNo}: ${JSON.stringify(line.slice(0, 120))}`,
  );
}

/** The non-empty lines of a command's output, with their 1-based numbers. */
export function numberedLines(text: string): { line: string; lineNo: number }[] {
  return text
    .split('\n')
    .map((line, index) => ({ line, lineNo: index + 1 }))
    .filter(({ line }) => line.trim() !== '');
}

export function toInt(value: string | undefined): number | undefined {
  return value !== undefined && /^-?\d+$/.test(value) ? Number(value) : undefined;
}
