// The image's build context and its content hash: only what the Containerfile copies, so that
// mutations, variants and docs can change without a rebuild.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const CONTAINERFILE = 'Containerfile';
const CONTEXT_DIRS = ['base', 'replica'];
export const IMAGE_REPOSITORY = 'localhost/wazo-lab';

/** Context files relative to root, sorted, with '/' separators. */
export function contextFiles(root: string): string[] {
  const files = [CONTAINERFILE];
  for (const dir of CONTEXT_DIRS) files.push(...walk(root, join(root, dir)));
  return files.sort();
}

/** 12 hex digits over each file's path, executable bit and bytes. */
export function contextHash(root: string, files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    const path = join(root, file);
    const executable = (statSync(path).mode & 0o111) !== 0;
    const content = readFileSync(path);
    hash.update(`${file}\0${executable ? 'x' : '-'}\0${content.length}\0`).update(content);
  }
  return hash.digest('hex').slice(0, 12);
}

export function imageTag(hash: string): string {
  return `${IMAGE_REPOSITORY}:${hash}`;
}

function walk(root: string, dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(root, path);
    return [relative(root, path).split(sep).join('/')];
  });
}
