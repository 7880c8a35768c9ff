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
  // Only runs that ask (a fleet run) trade the default Ctrl-C for a clean end; a second Ctrl-C ends at once.
  interrupts: () => {
    const controller = new AbortController();
    process.once('SIGINT', () => {
      controller.abort();
      process.once('SIGINT', () => process.exit(130));
    });
    return controller.signal;
  },
});
process.exitCode = code;
// A fleet run cut short leaves hosts winding down: their report is written, nothing more to wait for.
if (code === 130) process.exit(code);
