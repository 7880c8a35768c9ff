// Runs the project's node:test files: `unit` (no host needed) or `lab` (*.lab.test.ts, against the lab host).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const kind = process.argv[2];
if (kind !== 'unit' && kind !== 'lab') {
  console.error(`usage: run-tests.mjs unit|lab (got ${JSON.stringify(kind)})`);
  process.exit(2);
}
const roots = ['support', 'steps', 'scripts'];
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.test.ts')) {
      const isLab = name.endsWith('.lab.test.ts');
      if ((kind === 'lab') === isLab) files.push(path);
    }
  }
};
for (const root of roots) walk(root);
files.sort();
if (files.length === 0) {
  console.error(`no ${kind} test files found`);
  process.exit(1);
}
const args = ['--import', 'tsx', '--test', '--test-reporter=spec'];
if (kind === 'lab') args.push('--test-concurrency=1');
const result = spawnSync(process.execPath, [...args, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
