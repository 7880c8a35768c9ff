#!/usr/bin/env node
// Entry point of `wazo-live-acceptance`: registers tsx (no build step), then runs the TypeScript CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
