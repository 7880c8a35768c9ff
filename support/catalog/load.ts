// Loads and validates the service catalog, and derives the fact-gathering plan from it.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { CatalogError } from '../errors.ts';
import type { Catalog } from './types.ts';
import { catalogProblems } from './validate.ts';

export type { Catalog, ServiceEntry } from './types.ts';
export { gatherPlan } from './plan.ts';

/** Default catalog shipped with the runner. */
export const DEFAULT_CATALOG_FILE = new URL('../../fixtures/services.yml', import.meta.url).pathname;

/** Reads, parses and validates a catalog; any problem throws CatalogError naming the entry and field. */
export function loadCatalog(file: string): Catalog {
  const data = parseYaml(file, readText(file));
  const problems = catalogProblems(data);
  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    throw new CatalogError(`catalog ${file} is invalid (${count}):\n  ${problems.join('\n  ')}`);
  }
  return { file, services: (data as Omit<Catalog, 'file'>).services };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'error';
    throw new CatalogError(`catalog ${file} cannot be read (${code})`, { cause });
  }
}

function parseYaml(file: string, text: string): unknown {
  try {
    return parse(text, { prettyErrors: true, uniqueKeys: true });
  } catch (cause) {
    const first = ((cause as Error).message.split('\n')[0] ?? '').trim();
    throw new CatalogError(`catalog ${file} is not valid YAML: ${first}`, { cause });
  }
}
