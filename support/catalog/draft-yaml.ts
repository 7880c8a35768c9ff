// catalog draft: a drafted entry and its notes as a catalog file (`version: 1, extends: default`), each note a
// YAML comment above the field it is about.
import { stringify } from 'yaml';
import type { Draft, DraftNote, NoteKind } from './draft.ts';

const LABELS: Record<NoteKind, string> = {
  seen: 'seen',
  'not-observed': 'not observed',
  breaks: 'breaks',
  'not-checked': 'could not check',
};

/** Fields written as block mappings (one key a line) so that notes can sit above their inner keys. */
const BLOCK_FIELDS: ReadonlySet<string> = new Set(['http', 'checklist', 'checklist.notApplicable']);

export interface DraftHeader {
  host: string;
  /** ISO time of the snapshot. */
  gatheredAt: string;
}

export function draftYaml(draft: Draft, header: DraftHeader): string {
  const notes = attachNotes(draft);
  const lines = [
    `# Catalog entry for ${draft.entry.name}, drafted by \`wazo-live-acceptance catalog draft\` from what ${oneLine(header.host)}`,
    `# showed at ${header.gatheredAt} (read-only). Review each "not observed" and "breaks" comment, then use it with`,
    `# --catalog FILE --service ${draft.entry.name}.`,
    'version: 1',
    'extends: default',
    'services:',
    ...mapping(draft.entry as unknown as Record<string, unknown>, '', 4, notes, true),
  ];
  return `${lines.join('\n')}\n`;
}

/** Notes by field path; a note on a field that is not written (http.nginx when http is null) goes to its parent. */
function attachNotes(draft: Draft): Map<string, DraftNote[]> {
  const byField = new Map<string, DraftNote[]>();
  for (const note of draft.notes) {
    const field = writtenField(draft.entry as unknown as Record<string, unknown>, note.field);
    byField.set(field, [...(byField.get(field) ?? []), note]);
  }
  return byField;
}

function writtenField(entry: Record<string, unknown>, field: string): string {
  const [top, inner] = field.split('.');
  if (inner === undefined || top === undefined) return field;
  const parent = entry[top];
  return parent !== null && typeof parent === 'object' && inner in parent && BLOCK_FIELDS.has(top)
    ? field
    : top;
}

function mapping(
  value: Record<string, unknown>,
  path: string,
  indent: number,
  notes: Map<string, DraftNote[]>,
  listItem = false,
): string[] {
  const pad = ' '.repeat(indent);
  return Object.entries(value).flatMap(([key, inner], index) => {
    const field = path === '' ? key : `${path}.${key}`;
    const lead = listItem && index === 0 ? `${' '.repeat(indent - 2)}- ` : pad;
    const comments = (notes.get(field) ?? []).map((n) => `${pad}# ${label(n)} ${oneLine(n.text)}`);
    const name = /^[A-Za-z][A-Za-z0-9-]*$/.test(key) ? key : scalar(key);
    if (BLOCK_FIELDS.has(field) && inner !== null && typeof inner === 'object') {
      const body = mapping(inner as Record<string, unknown>, field, indent + 2, notes);
      return [...comments, `${lead}${name}:${body.length === 0 ? ' {}' : ''}`, ...body];
    }
    return [...comments, `${lead}${name}: ${flow(inner)}`];
  });
}

/** "not observed: why", "seen: what"; a check's note already starts with its item: "breaks NSC-08: message". */
function label(note: DraftNote): string {
  return note.kind === 'breaks' || note.kind === 'not-checked' ? LABELS[note.kind] : `${LABELS[note.kind]}:`;
}

function flow(value: unknown): string {
  return stringify(value, {
    collectionStyle: 'flow',
    flowCollectionPadding: true,
    lineWidth: 0,
    singleQuote: true,
  }).trimEnd();
}

function scalar(value: string): string {
  return stringify(value, { singleQuote: true, lineWidth: 0 }).trimEnd();
}

/** A comment is one line: line breaks and other control characters become visible escapes. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}
