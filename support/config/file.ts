// Reads the YAML configuration file; keys mirror RunnerConfig, relative paths resolve against the file.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse } from 'yaml';
import { ConfigError } from '../errors.ts';
import type { ConfigLayer } from './layer.ts';

export interface ConfigFileChoice {
  path: string;
  /** Where the path came from ("--config", "WAZO_CONFIG"); absent for the default file, which may be missing. */
  explicitFrom?: string;
}

export function fileLayer(choice: ConfigFileChoice): ConfigLayer | undefined {
  const text = readText(choice);
  if (text === undefined) return undefined;
  let data: unknown;
  try {
    data = parse(text, { prettyErrors: false });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new ConfigError(`config file ${choice.path} is not valid YAML: ${reason}`, { cause });
  }
  const originOf = (): string => `in ${choice.path}`;
  if (data === null || data === undefined) return { data: {}, originOf, baseDir: dirname(choice.path) };
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(
      `config file ${choice.path} must hold a mapping of keys (host, ssh, https, ...), found ${Array.isArray(data) ? 'a list' : typeof data}`,
    );
  }
  return { data: data as Record<string, unknown>, originOf, baseDir: dirname(choice.path) };
}

function readText(choice: ConfigFileChoice): string | undefined {
  try {
    return readFileSync(choice.path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && choice.explicitFrom === undefined) return undefined;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(cause)})`;
    const from = choice.explicitFrom ? ` (from ${choice.explicitFrom})` : '';
    throw new ConfigError(`config file ${choice.path}${from} ${why}`, { cause });
  }
}
