// node --import this file: prints to stderr, in ms since the process started, when the CLI's start-up phases begin.
// A phase starts when its first module is resolved (a loader hook in node's hooks thread sees every import), and
// the process's exit closes the trace. Used by `npm run bench -- --startup`; changes nothing in the run.
import { register } from 'node:module';
import { writeSync } from 'node:fs';

const origin = performance.timeOrigin;
const line = (phase) =>
  writeSync(2, `[startup] ${(performance.timeOrigin + performance.now() - origin).toFixed(0)} ms ${phase}\n`);

line('preload (node started)');
register('./startup-trace-hooks.mjs', import.meta.url, { data: { origin } });
process.on('exit', () => line('exit'));
