// Reads and writes a lifecycle baseline file (JSON, schema-validated, with a version field).
import { readFileSync, writeFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { compileSchema, schemaProblems } from '../catalog/schema-problems.ts';
import { ConfigError } from '../errors.ts';
import type { HostState } from './host-state.ts';

const SCHEMA_URL = new URL('./host-state.schema.json', import.meta.url);
let compiled: ValidateFunction | undefined;

/** The problems of a parsed baseline, one line each; empty when valid. */
export function hostStateProblems(data: unknown): string[] {
  const validate = (compiled ??= compileSchema(SCHEMA_URL));
  if (validate(data)) return [];
  return schemaProblems(validate.errors ?? [], 'baseline', () => '');
}

export function readHostState(file: string): HostState {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigError(`baseline ${file} cannot be read (${code})`, { cause });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(`baseline ${file} is not JSON: ${(cause as Error).message}`, { cause });
  }
  const problems = hostStateProblems(data);
  if (problems.length > 0) {
    throw new ConfigError(
      `baseline ${file} is invalid (${problems.length} problem(s)):\n  ${problems.join('\n  ')}`,
    );
  }
  return data as HostState;
}

/** Validates before writing, so a file this runner wrote is always one it can read back. */
export function writeHostState(file: string, state: HostState): void {
  const problems = hostStateProblems(state);
  if (problems.length > 0) {
    throw new Error(`internal error: the host state does not match its schema:\n  ${problems.join('\n  ')}`);
  }
  try {
    writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigError(`cannot write the snapshot to ${file} (${code})`, { cause });
  }
}
