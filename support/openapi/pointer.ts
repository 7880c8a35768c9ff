// JSON Pointers inside a spec document, following local `$ref`s (response objects may themselves be refs).

export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerOf(segments: readonly string[]): string {
  return segments.map((s) => `/${escapeSegment(s)}`).join('');
}

function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function child(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  return (value as Record<string, unknown>)[key];
}

/** The value at a JSON pointer ('' is the document), without following `$ref`s; undefined when absent. */
export function resolvePointer(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  return pointer.slice(1).split('/').map(unescapeSegment).reduce(child, doc);
}

export interface Located {
  value: unknown;
  pointer: string;
}

/** The value at pointer, with `{ $ref: '#/...' }` followed (at most 10 hops); undefined when absent. */
export function locate(doc: unknown, pointer: string): Located | undefined {
  let current = pointer;
  for (let hop = 0; hop < 10; hop += 1) {
    const value = resolvePointer(doc, current);
    if (value === undefined) return undefined;
    const ref = child(value, '$ref');
    if (typeof ref !== 'string' || !ref.startsWith('#')) return { value, pointer: current };
    current = decodeURIComponent(ref.slice(1));
  }
  return undefined;
}
