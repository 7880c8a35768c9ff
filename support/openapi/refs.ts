// Every `$ref` of a served spec must resolve inside it: a client reading api.yml has nothing else to look in.
import { escapeSegment, resolvePointer } from './pointer.ts';

export interface DanglingRef {
  /** JSON pointer of the `$ref` member itself, e.g. /paths/~1infos/get/responses/200/schema/$ref. */
  at: string;
  ref: string;
  why: string;
}

/** Keys whose members are names chosen by the author, so `example` or `x-...` there is a name, not a keyword. */
const NAME_MAPS = new Set([
  'paths',
  'definitions',
  'parameters',
  'responses',
  'securityDefinitions',
  'properties',
  'patternProperties',
  'headers',
  'schemas',
  'examples',
  'requestBodies',
  'securitySchemes',
  'links',
  'callbacks',
  'pathItems',
  'webhooks',
]);

/**
 * Literal values, where a `$ref` is data: `example`, an OpenAPI 3 Example's `value`, Swagger 2.0's `examples`
 * (media type -> literal; OpenAPI 3's hold Example objects, which may be references) and vendor extensions.
 */
function isLiteral(key: string, swagger2: boolean): boolean {
  return key === 'example' || key === 'value' || (swagger2 && key === 'examples') || key.startsWith('x-');
}

/** The `$ref`s of doc that do not resolve within it, in document order. */
export function danglingRefs(doc: Record<string, unknown>): DanglingRef[] {
  const found: DanglingRef[] = [];
  const swagger2 = doc.swagger === '2.0';
  const walk = (value: unknown, pointer: string, inNameMap: boolean): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${pointer}/${index}`, false));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
      const at = `${pointer}/${escapeSegment(key)}`;
      if (key === '$ref' && typeof member === 'string' && !inNameMap) {
        const why = unresolved(doc, member);
        if (why !== undefined) found.push({ at, ref: member, why });
        continue;
      }
      if (!inNameMap && isLiteral(key, swagger2)) continue;
      walk(member, at, !inNameMap && NAME_MAPS.has(key));
    }
  };
  walk(doc, '', false);
  return found;
}

function unresolved(doc: Record<string, unknown>, ref: string): string | undefined {
  if (!ref.startsWith('#')) return 'points outside the served document';
  let pointer: string;
  try {
    pointer = decodeURIComponent(ref.slice(1));
  } catch {
    return 'is not a valid URI fragment';
  }
  if (pointer !== '' && !pointer.startsWith('/')) return 'is not a JSON pointer';
  return resolvePointer(doc, pointer) === undefined ? 'does not resolve' : undefined;
}

/** `/paths/~1x/get/responses/200/schema/$ref "#/definitions/Nope" does not resolve` */
export function describeDangling(dangling: DanglingRef): string {
  return `${dangling.at} ${JSON.stringify(dangling.ref)} ${dangling.why}`;
}
