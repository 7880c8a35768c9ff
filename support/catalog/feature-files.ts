// Writes the feature templates (features/**/*.feature) expanded over a catalog, for cucumber to load.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { PACKAGE_ROOT } from '../config/defaults.ts';
import { resolveConfig } from '../config/resolve.ts';
import { EXPANDED_PREFIX, expandTemplate } from './expand.ts';
import { loadCatalog } from './load.ts';
import type { Catalog } from './types.ts';

/** The templates: readable Gherkin whose per-daemon Examples tables have a header and no rows. */
export const TEMPLATE_DIR = join(PACKAGE_ROOT, 'features');

/** Expanded trees live here, one per content hash: read-only packages and parallel runs need no lock. */
const EXPANDED_ROOT = join(tmpdir(), `wazo-live-acceptance-${process.getuid?.() ?? 'user'}`);

let chosenCatalogFile: string | undefined;

/** The CLI names the run's catalog (flags included) before cucumber loads cucumber.js. */
export function useCatalogForFeatures(file: string | undefined): void {
  chosenCatalogFile = file;
}

/**
 * cucumber.js's feature paths: the templates expanded over the catalog the CLI chose, else over the one the
 * configuration sources name (`npx cucumber-js`: WAZO_CATALOG, the config file, else the shipped catalog).
 */
export function featurePaths(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string[] {
  const file = chosenCatalogFile ?? resolveConfig({ env, cwd, requireHost: false }).config.catalogFile;
  return [join(expandFeatures(loadCatalog(file)), 'features', '**', '*.feature')];
}

/** The directory holding `features/` expanded over `catalog`; written once per content, atomically. */
export function expandFeatures(catalog: Catalog, templateDir: string = TEMPLATE_DIR): string {
  const templates = listFeatures(templateDir).map((path) => ({
    path: relative(templateDir, path),
    text: readFileSync(path, 'utf8'),
  }));
  const expanded = templates.map(({ path, text }) => ({
    path,
    text: expandTemplate(text, catalog, join('features', path)),
  }));
  const hash = createHash('sha256');
  for (const { path, text } of expanded) hash.update(`${path}\u0000${text}\u0000`);
  const dir = join(EXPANDED_ROOT, `${EXPANDED_PREFIX}${hash.digest('hex').slice(0, 16)}`);
  if (isDirectory(dir)) return dir;
  const staging = `${dir}.${process.pid}.${Date.now()}`;
  for (const { path, text } of expanded) {
    const target = join(staging, 'features', path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  try {
    renameSync(staging, dir);
  } catch (error) {
    // Another run wrote the same content first: theirs is as good as ours.
    rmSync(staging, { recursive: true, force: true });
    if (!isDirectory(dir)) throw error;
  }
  return dir;
}

function listFeatures(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (isDirectory(path)) found.push(...listFeatures(path));
    else if (name.endsWith('.feature')) found.push(path);
  }
  return found;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
