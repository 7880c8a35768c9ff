// Parses a served API specification (PyYAML-dumped YAML, or JSON as FastAPI serves it) into a plain object.
import { parse as parseYaml } from 'yaml';

export type ParsedSpec = { ok: true; doc: Record<string, unknown> } | { ok: false; error: string };

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

export function parseSpec(text: string): ParsedSpec {
  let value: unknown;
  try {
    value = /^\s*[{[]/.test(text) ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 1000 });
  } catch (err) {
    return { ok: false, error: `not valid YAML or JSON: ${firstLine((err as Error).message)}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, error: `not a YAML/JSON mapping (found ${value === null ? 'null' : typeof value})` };
  }
  return { ok: true, doc: value as Record<string, unknown> };
}
