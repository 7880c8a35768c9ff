// Loads and validates the service catalog, and derives the fact-gathering plan from it.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_CATALOG_FILE } from '../config/defaults.ts';
import { CatalogError } from '../errors.ts';
import type { Catalog, ServiceEntry } from './types.ts';
import { catalogProblems } from './validate.ts';

export type { Catalog, ServiceEntry } from './types.ts';
export { gatherPlan } from './plan.ts';

/**
 * Reads, parses and validates a catalog; any problem throws CatalogError naming the entry and field.
 * `extends: default` (or a path) starts from that catalog: entries with the same name replace its own, new ones follow.
 */
export function loadCatalog(file: string, seen: readonly string[] = []): Catalog {
  const { data, problems } = checkedText(file, readText(file));
  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    throw new CatalogError(`catalog ${file} is invalid (${count}):\n  ${problems.join('\n  ')}`);
  }
  const { services, extends: parent } = data as { services: ServiceEntry[]; extends?: string };
  if (parent === undefined) return { file, services };
  const parentFile = parent === 'default' ? DEFAULT_CATALOG_FILE : resolve(dirname(file), parent);
  if ([...seen, file].includes(parentFile)) {
    throw new CatalogError(
      `catalog ${file} extends ${parentFile}, which extends it again: ${[...seen, file, parentFile].join(' -> ')}`,
    );
  }
  const base = loadCatalog(parentFile, [...seen, file]).services;
  const replaced = base.map((entry) => services.find((s) => s.name === entry.name) ?? entry);
  return { file, services: [...replaced, ...services.filter((s) => !base.some((b) => b.name === s.name))] };
}

/** A run loads its catalog in the CLI, cucumber.js and each worker: parse and validate each text once per process. */
const checkedTexts = new Map<string, { data: unknown; problems: string[] }>();

function checkedText(file: string, text: string): { data: unknown; problems: string[] } {
  const key = `${file}\0${text}`;
  let checked = checkedTexts.get(key);
  if (checked === undefined) {
    const data = parseYaml(file, text);
    checked = { data, problems: catalogProblems(data) };
    checkedTexts.set(key, checked);
  }
  // Each caller gets its own copy: nothing one of them changes reaches the others.
  return { data: structuredClone(checked.data), problems: checked.problems };
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
