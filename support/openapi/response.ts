// Judges a response body by what the spec declares for that route and status: its media type, then its JSON schema.
import type { ValidateFunction } from 'ajv';
import { formatErrors, newAjv } from './ajv.ts';
import { locate, pointerOf, resolvePointer } from './pointer.ts';
import { dialectOf, specFormatOf, type SpecFormat } from './validate.ts';

export type BodyVerdict =
  | { kind: 'valid'; schema: string }
  /** A body that is not JSON, of a media type the spec declares for the route (text/csv, a file): no schema applies. */
  | { kind: 'media'; mediaType: string }
  | { kind: 'invalid'; schema: string; errors: string[] }
  /** The declared schema cannot be compiled (a dangling $ref...): the body could not be judged. */
  | { kind: 'unusable'; schema: string; error: string }
  /** Nothing to compare: the spec declares no schema for this response. */
  | { kind: 'no-schema'; reason: string };

const DOC_URI = 'https://wazo-live-acceptance.invalid/spec.json';

interface Compiled {
  ajv: ReturnType<typeof newAjv>;
  validators: Map<string, ValidateFunction>;
}
const perDoc = new WeakMap<object, Compiled>();

function schemaValidator(
  doc: Record<string, unknown>,
  format: SpecFormat,
  pointer: string,
): ValidateFunction {
  let compiled = perDoc.get(doc);
  if (compiled === undefined) {
    const ajv = newAjv(dialectOf(format));
    ajv.addSchema((format === 'swagger-2.0' ? withNullables(doc) : doc) as object, DOC_URI);
    compiled = { ajv, validators: new Map() };
    perDoc.set(doc, compiled);
  }
  const known = compiled.validators.get(pointer);
  if (known !== undefined) return known;
  const validate = compiled.ajv.compile({ $ref: `${DOC_URI}#${pointer}` });
  compiled.validators.set(pointer, validate);
  return validate;
}

/**
 * Swagger 2.0 has no null type; `x-nullable: true` (go-swagger's and connexion's extension, e.g. wazo-auth's
 * mobile sender_id) says null is valid there too. Each such schema is rewritten in place of itself, so every
 * JSON pointer into the document still leads where it did.
 */
function withNullables(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withNullables);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) copy[key] = withNullables(member);
  if (copy['x-nullable'] !== true) return copy;
  if (typeof copy.$ref === 'string') return { anyOf: [{ type: 'null' }, { $ref: copy.$ref }] };
  if (Array.isArray(copy.enum)) copy.enum = [...(copy.enum as unknown[]), null];
  if (typeof copy.type === 'string') copy.type = [copy.type, 'null'];
  else if (Array.isArray(copy.type)) copy.type = [...(copy.type as unknown[]), 'null'];
  else return { anyOf: [{ type: 'null' }, copy] };
  return copy;
}

function responsePointer(doc: Record<string, unknown>, path: string, status: number): string | undefined {
  const base = pointerOf(['paths', path, 'get', 'responses']);
  for (const key of [String(status), `${String(status)[0]}XX`, 'default']) {
    const found = locate(doc, `${base}/${key}`);
    if (found !== undefined) return found.pointer;
  }
  return undefined;
}

/** `text/csv; charset=utf-8` -> `text/csv` */
function essence(mediaType: string): string {
  return (mediaType.split(';')[0] ?? '').trim().toLowerCase();
}

function isJson(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

// A declared media range covers what it names: an exact type (text/csv), a type's subtypes (text/*), or any.
function covers(declared: readonly string[], media: string): boolean {
  return declared.some(
    (d) => d === media || d === '*/*' || (d.endsWith('/*') && media.startsWith(d.slice(0, -1))),
  );
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

interface Declared {
  /** Pointer of the JSON schema, when one is declared (even if it does not resolve). */
  schema?: string;
  /** Media types (essences) the route declares for a body that is not JSON. */
  otherMedia: string[];
  /** Swagger 2.0 `type: file`: the body is a file of these media types (any when empty). */
  file?: string[];
}

function declaredSwagger2(doc: Record<string, unknown>, path: string, response: string): Declared {
  const produces = strings(resolvePointer(doc, pointerOf(['paths', path, 'get', 'produces']))) ??
    strings(doc.produces) ?? ['application/json'];
  const otherMedia = produces.map(essence).filter((m) => !isJson(m));
  const schema = `${response}/schema`;
  if (resolvePointer(doc, schema) === undefined) return { otherMedia };
  const value = locate(doc, schema)?.value as Record<string, unknown> | undefined;
  if (value?.type === 'file') {
    const mimetype = value['x-mimetype'];
    return { schema, otherMedia, file: typeof mimetype === 'string' ? [essence(mimetype)] : otherMedia };
  }
  return { schema, otherMedia };
}

function declaredOpenApi3(doc: Record<string, unknown>, response: string): Declared {
  const content = locate(doc, `${response}/content`)?.value;
  const media = content !== null && typeof content === 'object' ? Object.keys(content) : [];
  const schema = `${response}/content/application~1json/schema`;
  return {
    ...(resolvePointer(doc, schema) === undefined ? {} : { schema }),
    otherMedia: media.map(essence).filter((m) => !isJson(m)),
  };
}

/** ajv names the document by our internal URI; the report names it by its pointer only. */
function cleanAjvMessage(message: string): string {
  return message
    .split(DOC_URI)
    .join('')
    .replace(/ from id #?$/, '');
}

/**
 * body is the raw text, contentType the response's Content-Type. A body of a declared non-JSON media type (the
 * Content-Type says so) passes on its media type; any other body must be JSON and match the declared schema.
 */
export function validateResponseBody(
  doc: Record<string, unknown>,
  path: string,
  status: number,
  body: string,
  contentType?: string,
): BodyVerdict {
  const format = specFormatOf(doc);
  const response = format === undefined ? undefined : responsePointer(doc, path, status);
  if (format === undefined || response === undefined) {
    return { kind: 'no-schema', reason: `no JSON schema declared for GET ${path} ${status}` };
  }
  const declared =
    format === 'swagger-2.0' ? declaredSwagger2(doc, path, response) : declaredOpenApi3(doc, response);
  const media = contentType === undefined ? undefined : essence(contentType);
  if (declared.file !== undefined && declared.schema !== undefined) {
    if (media === undefined || declared.file.length === 0 || covers(declared.file, media)) {
      return { kind: 'media', mediaType: media ?? declared.file[0] ?? 'a file' };
    }
    return {
      kind: 'invalid',
      schema: declared.schema,
      errors: [`/ is ${media}, expected ${declared.file.join(' or ')}`],
    };
  }
  if (media !== undefined && !isJson(media) && covers(declared.otherMedia, media)) {
    return { kind: 'media', mediaType: media };
  }
  if (declared.schema === undefined) {
    return { kind: 'no-schema', reason: `no JSON schema declared for GET ${path} ${status}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { kind: 'invalid', schema: declared.schema, errors: ['/ is not JSON'] };
  }
  let validate: ValidateFunction;
  try {
    validate = schemaValidator(doc, format, declared.schema);
  } catch (err) {
    return { kind: 'unusable', schema: declared.schema, error: cleanAjvMessage((err as Error).message) };
  }
  return validate(value)
    ? { kind: 'valid', schema: declared.schema }
    : { kind: 'invalid', schema: declared.schema, errors: formatErrors(validate.errors) };
}
