// Reads a run's run-meta.json: the fields it has, each checked for its type; the rest comes from the messages.
import { ConfigError } from '../errors.ts';
import type { RunMeta } from './meta.ts';

const META_FIELDS: Record<keyof RunMeta, 'string' | 'number' | 'boolean'> = {
  host: 'string',
  runnerVersion: 'string',
  catalogVersion: 'string',
  startedAt: 'string',
  durationMs: 'number',
  profile: 'string',
  insecure: 'boolean',
  acceptNewHostKey: 'boolean',
  httpsRoute: 'string',
};

/** The known fields of a run-meta.json text; a ConfigError names `path` and the field that is wrong. */
export function parseRunMetaFile(text: string, path: string): Partial<RunMeta> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${path}: expected a JSON object of run metadata, found invalid JSON`, {
      cause: err,
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`${path}: expected a JSON object of run metadata, found ${text.slice(0, 40)}`);
  }
  const meta: Record<string, unknown> = {};
  for (const [key, type] of Object.entries(META_FIELDS)) {
    const field = (value as Record<string, unknown>)[key];
    if (field === undefined) continue;
    if (typeof field !== type)
      throw new ConfigError(`${path}: expected ${key} to be a ${type}, found ${typeof field}`);
    meta[key] = field;
  }
  return meta;
}
