// Formatter arguments (output paths are the user's, though cucumber runs from the package root), and when HTTP starts early.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatFor, formatsFor, plansHttp } from './run-features.ts';

void test("a formatter with an output file gets an absolute path from the user's directory", () => {
  assert.deepEqual(formatFor('json:reports/run.json', '/home/qa'), ['json', '/home/qa/reports/run.json']);
  assert.deepEqual(formatFor('html:/tmp/r.html', '/home/qa'), ['html', '/tmp/r.html']);
});

void test('a formatter without a file is passed as is; a local formatter module resolves too', () => {
  assert.equal(formatFor('progress', '/home/qa'), 'progress');
  assert.equal(formatFor('./my-formatter.js', '/home/qa'), '/home/qa/my-formatter.js');
  assert.deepEqual(formatFor('./f.js:out.txt', '/home/qa'), ['/home/qa/f.js', '/home/qa/out.txt']);
});

void test('a progress display on stdout unless a formatter already writes there: a bar on a terminal only', () => {
  assert.deepEqual(formatsFor([], '/q', true), ['progress-bar']);
  assert.deepEqual(formatsFor([], '/q', false), ['progress']);
  assert.deepEqual(formatsFor(['message:m.ndjson'], '/q', false), ['progress', ['message', '/q/m.ndjson']]);
  assert.deepEqual(formatsFor(['summary', 'json:r.json'], '/q', true), ['summary', ['json', '/q/r.json']]);
});

void test('HTTP requests start with the snapshot only where the run surely has NSC-18/19 scenarios', () => {
  const run: Parameters<typeof plansHttp>[0] = {
    profile: 'daily',
    dryRun: false,
    tags: undefined,
  };
  assert.equal(plansHttp(run), true);
  assert.equal(plansHttp({ ...run, profile: 'after-reboot' }), true);
  assert.equal(plansHttp({ ...run, profile: 'ha-slave' }), false);
  assert.equal(plansHttp({ ...run, tags: '@NSC-01' }), false);
  assert.equal(plansHttp({ ...run, dryRun: true }), false);
});
