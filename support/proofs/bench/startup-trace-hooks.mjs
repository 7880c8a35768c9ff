// Loader hooks of startup-trace.mjs: the first resolution of each marker module is a phase's start.
import { writeSync } from 'node:fs';

/** [pattern of the resolved URL, phase it starts], in the order a run meets them. */
const MARKERS = [
  [/support\/cli\/bin\.mjs$/, 'bin.mjs (tsx registers next)'],
  [/support\/cli\/main\.ts$/, "main.ts's static imports (tsx registered)"],
  [/support\/catalog\/load\.ts$/, 'config resolved; catalog loads'],
  [/support\/ssh\/connect\.ts$/, 'catalog loaded; preflight starts (ssh code loads, connects)'],
  [/support\/cli\/run-features\.ts$/, 'cucumber API loads (during the preflight)'],
  [/\/cucumber\.js$/, 'checking clock started; cucumber.js profiles (feature expansion)'],
  [/support\/world\.ts$/, 'support code (world, steps) loads'],
  [/steps\/hooks\.ts$/, 'steps/hooks.ts (the last step file)'],
];

let origin = 0;
const seen = new Set();

export function initialize(data) {
  origin = data.origin;
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  for (const [pattern, phase] of MARKERS) {
    if (seen.has(phase) || !pattern.test(resolved.url)) continue;
    seen.add(phase);
    const at = performance.timeOrigin + performance.now() - origin;
    writeSync(2, `[startup] ${at.toFixed(0)} ms ${phase}\n`);
  }
  return resolved;
}
