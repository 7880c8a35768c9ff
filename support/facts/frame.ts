// Splits the snapshot's framed output into sections, refusing anything truncated, garbled or foreign.
import { RemoteCommandFailed } from '../errors.ts';

/** One section of the snapshot: a command's output on the host, with its exit status. */
export interface RawSection {
  section: string;
  key: string;
  stdout: string;
  stderr: string;
  rc: number;
}

export const FRAME_MARK = '@@WLA:';

/** `sections.get(section)?.get(key)`; keys are in the order the host printed them. */
export type Sections = Map<string, Map<string, RawSection>>;

interface Open {
  section: string;
  key: string;
  stdout: string[];
  stderr: string[];
  line: number;
}

export function sectionLabel(section: string, key: string): string {
  return key === '-' ? section : `${section}:${key}`;
}

function garbled(what: string): RemoteCommandFailed {
  return new RemoteCommandFailed(`fact snapshot output is garbled: ${what}`);
}

function openFrame(rest: string, lineNo: number, open: Open | undefined): Open {
  const [section, ...keyParts] = rest.split(':');
  if (open) {
    throw garbled(
      `section "${sectionLabel(open.section, open.key)}" (line ${open.line}) has no END before line ${lineNo}`,
    );
  }
  return { section: section ?? '', key: keyParts.join(':'), stdout: [], stderr: [], line: lineNo };
}

function closeFrame(rest: string, lineNo: number, open: Open | undefined): RawSection {
  const match = /^(.*):rc=(\d+)$/.exec(rest);
  const expected = open ? `${open.section}:${open.key}` : undefined;
  if (!open || !match || match[1] !== expected) {
    throw garbled(`line ${lineNo} closes "${rest}" but the open section is ${expected ?? 'none'}`);
  }
  return {
    section: open.section,
    key: open.key,
    stdout: open.stdout.join('\n'),
    stderr: open.stderr.join('\n'),
    rc: Number(match[2]),
  };
}

function store(sections: Sections, raw: RawSection, lineNo: number): void {
  const byKey = sections.get(raw.section) ?? new Map<string, RawSection>();
  if (byKey.has(raw.key)) {
    throw garbled(`section "${sectionLabel(raw.section, raw.key)}" appears twice (again at line ${lineNo})`);
  }
  byKey.set(raw.key, raw);
  sections.set(raw.section, byKey);
}

function bodyLine(open: Open, line: string, lineNo: number): void {
  if (line.startsWith('|')) open.stdout.push(line.slice(1));
  else if (line.startsWith('!')) open.stderr.push(line.slice(1));
  else {
    throw garbled(
      `line ${lineNo} in section "${sectionLabel(open.section, open.key)}" has no body prefix: ${JSON.stringify(line.slice(0, 80))}`,
    );
  }
}

/**
 * Parses the framed output of snapshot.sh. Lines outside any section that are not frames (a login
 * banner, a shell profile's echo) are ignored; everything else must be exactly as the script prints it.
 */
export function parseFrames(output: string, nonce: string): Sections {
  const sections: Sections = new Map();
  const own = `${FRAME_MARK}${nonce}:`;
  let open: Open | undefined;
  let done = false;
  let last: RawSection | undefined;
  const lines = output.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    if (done) throw garbled(`line ${lineNo} follows the DONE line`);
    if (line.startsWith(FRAME_MARK)) {
      if (!line.startsWith(own)) throw garbled(`line ${lineNo} is a frame of another run (nonce mismatch)`);
      const rest = line.slice(own.length);
      if (rest.startsWith('BEGIN:')) open = openFrame(rest.slice(6), lineNo, open);
      else if (rest.startsWith('END:')) {
        last = closeFrame(rest.slice(4), lineNo, open);
        store(sections, last, lineNo);
        open = undefined;
      } else if (rest === 'DONE' && !open) done = true;
      else throw garbled(`line ${lineNo} is an unknown frame ${JSON.stringify(rest.slice(0, 80))}`);
    } else if (open) bodyLine(open, line, lineNo);
  });
  if (open) {
    throw new RemoteCommandFailed(
      `fact snapshot output is truncated: section "${sectionLabel(open.section, open.key)}" began at line ${open.line} and never ended`,
    );
  }
  if (!done) {
    const lastLabel = last ? `"${sectionLabel(last.section, last.key)}"` : 'none';
    throw new RemoteCommandFailed(
      `fact snapshot output is truncated: no DONE line (last complete section: ${lastLabel})`,
    );
  }
  return sections;
}
