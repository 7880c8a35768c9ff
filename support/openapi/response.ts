// Validates a JSON response body against the response schema the spec declares for that route and status.
import type { ValidateFunction } from 'ajv';
import { formatErrors, newAjv } from './ajv.ts';
import { locate, pointerOf } from './pointer.ts';
import { dialectOf, specFormatOf, type SpecFormat } from './validate.ts';

export type BodyVerdict =
  | { kind: 'valid'; schema: string }
  | { kind: 'invalid'; schema: string; errors: string[] }
  /** Nothing to compare: the spec declares no JSON schema for this response, or one ajv cannot compile. */
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
    ajv.addSchema(doc, DOC_URI);
    compiled = { ajv, validators: new Map() };
    perDoc.set(doc, compiled);
  }
  const known = compiled.validators.get(pointer);
  if (known !== undefined) return known;
  const validate = compiled.ajv.compile({ $ref: `${DOC_URI}#${pointer}` });
  compiled.validators.set(pointer, validate);
  return validate;
}

function responsePointer(doc: Record<string, unknown>, path: string, status: number): string | undefined {
  const base = pointerOf(['paths', path, 'get', 'responses']);
  for (const key of [String(status), `${String(status)[0]}XX`, 'default']) {
    const found = locate(doc, `${base}/${key}`);
    if (found !== undefined) return found.pointer;
  }
  return undefined;
}

function schemaPointer(
  doc: Record<string, unknown>,
  format: SpecFormat,
  response: string,
): string | undefined {
  const suffix = format === 'swagger-2.0' ? '/schema' : '/content/application~1json/schema';
  return locate(doc, response + suffix) === undefined ? undefined : response + suffix;
}

/** body is the raw text; a body that is not JSON is invalid when the spec declares a schema. */
export function validateResponseBody(
  doc: Record<string, unknown>,
  path: string,
  status: number,
  body: string,
): BodyVerdict {
  const format = specFormatOf(doc);
  const response = format === undefined ? undefined : responsePointer(doc, path, status);
  const schema =
    format === undefined || response === undefined ? undefined : schemaPointer(doc, format, response);
  if (format === undefined || schema === undefined) {
    return { kind: 'no-schema', reason: `no JSON schema declared for GET ${path} ${status}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { kind: 'invalid', schema, errors: ['/ is not JSON'] };
  }
  let validate: ValidateFunction;
  try {
    validate = schemaValidator(doc, format, schema);
  } catch (err) {
    return { kind: 'no-schema', reason: `schema ${schema} cannot be used: ${(err as Error).message}` };
  }
  return validate(value)
    ? { kind: 'valid', schema }
    : { kind: 'invalid', schema, errors: formatErrors(validate.errors) };
}
