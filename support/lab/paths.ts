// Where the lab's image sources live and where each lab keeps its files.
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const LAB_SOURCES = resolve(REPO_ROOT, 'fixtures', 'lab');
export const SETUP_HOST_SCRIPT = resolve(LAB_SOURCES, 'setup-host.sh');

/** A lab's directory: the given one (relative to the working directory) or `.lab/` at the repository root. */
export function labDirectory(dir?: string): string {
  return dir === undefined ? resolve(REPO_ROOT, '.lab') : resolve(dir);
}

/** One container per lab directory, so several labs can run at once and a restart replaces its own. */
export function containerNameFor(labDir: string): string {
  return `wazo-lab-${createHash('sha256').update(labDir).digest('hex').slice(0, 10)}`;
}

export function mutationScript(name: string): string {
  return scriptIn('mutations', name);
}

export function variantScript(name: string): string {
  return scriptIn('variants', name);
}

function scriptIn(kind: 'mutations' | 'variants', name: string): string {
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name)) {
    throw new Error(
      `lab ${kind} name ${JSON.stringify(name)} must be a plain file name (letters, digits, . _ -)`,
    );
  }
  return resolve(LAB_SOURCES, kind, `${name}.sh`);
}
