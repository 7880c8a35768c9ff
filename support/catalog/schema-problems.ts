// Turns ajv errors into one readable line per problem: `<path>: <value> is not allowed: <schema description>`.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';

/** A label appended after a path prefix, e.g. " (wazo-dird)" after services[3]; '' for none. */
export type Labeler = (parts: readonly string[]) => string;

export function compileSchema(url: URL): ValidateFunction {
  const schema = JSON.parse(readFileSync(url, 'utf8')) as object;
  return new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true }).compile(schema);
}

/** One line per problem and path; `root` names the whole document (e.g. "catalog"). */
export function schemaProblems(errors: readonly ErrorObject[], root: string, label: Labeler): string[] {
  const byPath = new Map<string, string>();
  for (const error of errors) {
    if (error.keyword === 'propertyNames') continue;
    const { key, line } = describe(error, root, label);
    if (!byPath.has(key)) byPath.set(key, line);
  }
  return [...byPath.values()];
}

function describe(error: ErrorObject, root: string, label: Labeler): { key: string; line: string } {
  const path = readablePath(error.instancePath, label);
  const parent = error.parentSchema as
    { description?: string; properties?: Record<string, unknown> } | undefined;
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') {
    const field = String(params['missingProperty']);
    return { key: `${path}.${field}`, line: `${path || root}: missing field "${field}"` };
  }
  if (error.keyword === 'additionalProperties') {
    const field = String(params['additionalProperty']);
    const allowed = Object.keys(parent?.properties ?? {}).join(', ');
    return { key: `${path}.${field}`, line: `${join(path, field)}: unknown field; allowed: ${allowed}` };
  }
  const expected = parent?.description ?? error.message ?? 'a valid value';
  if (error.propertyName !== undefined) {
    const key = join(path, error.propertyName);
    return { key, line: `${key}: key ${JSON.stringify(error.propertyName)} is not allowed: ${expected}` };
  }
  return { key: path, line: `${path || root}: ${render(error.data)} is not allowed: ${expected}` };
}

/** "/services/3/http/port" -> "services[3] (wazo-dird).http.port" with the catalog's labeler. */
function readablePath(instancePath: string, label: Labeler): string {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
  let text = '';
  parts.forEach((part, i) => {
    text = /^\d+$/.test(part) ? `${text}[${part}]` : join(text, part);
    text += escapeControls(label(parts.slice(0, i + 1)));
  });
  return text;
}

/** A label comes from the user's document: a newline in it must not start a line of its own in the message. */
export function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

function join(path: string, field: string): string {
  return path ? `${path}.${field}` : field;
}

function render(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
