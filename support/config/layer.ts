// One configuration source (file, environment, flags): validated, then its paths made absolute.
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError } from '../errors.ts';
import type { OriginOf } from './validate.ts';
import { validateLayer } from './validate.ts';

export interface ConfigLayer {
  /** Nested like RunnerConfig; only the keys this source sets. */
  data: Record<string, unknown>;
  originOf: OriginOf;
  /** Relative paths in this source resolve against it (the file's directory, or the working directory). */
  baseDir: string;
}

/** Local paths; consul.tokenFile is on the target and stays as written. */
export const PATH_KEYS = [
  'ssh.keyFile',
  'ssh.knownHostsFile',
  'https.caFile',
  'catalogFile',
  'waiversFile',
  'baselineFile',
];
/** Paths that must exist when given (the known_hosts file may be created, the baseline may be written). */
const MUST_EXIST = new Set(['ssh.keyFile', 'https.caFile', 'catalogFile', 'waiversFile']);

export function prepareLayer(layer: ConfigLayer, home: string): Record<string, unknown> {
  validateLayer(layer.data, layer.originOf);
  const data = structuredClone(layer.data);
  for (const key of PATH_KEYS) {
    const value = getPath(data, key);
    if (typeof value !== 'string') continue;
    const absolute = expandPath(value, layer.baseDir, home);
    if (MUST_EXIST.has(key) && !existsSync(absolute)) {
      throw new ConfigError(`${key}: ${JSON.stringify(absolute)} does not exist (${layer.originOf(key)})`);
    }
    setPath(data, key, absolute);
  }
  return data;
}

export function expandPath(path: string, baseDir: string, home: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return join(home, path.slice(2));
  return isAbsolute(path) ? path : resolve(baseDir, path);
}

export function getPath(data: Record<string, unknown>, dotted: string): unknown {
  let node: unknown = data;
  for (const part of dotted.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

export function setPath(data: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  const last = parts.pop() as string;
  let node = data;
  for (const part of parts) {
    const next = node[part];
    if (typeof next !== 'object' || next === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[last] = value;
}

/** Objects merge key by key; arrays and scalars from `over` replace those of `base`. */
export function mergeLayers(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] = isMapping(value) && isMapping(current) ? mergeLayers(current, value) : value;
  }
  return out;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
