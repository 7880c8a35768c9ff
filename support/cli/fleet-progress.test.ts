// Fleet progress: hosts done / running / left with the slowest running host; plain lines off a terminal.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { FleetProgress } from './fleet-progress.ts';

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

void test('off a terminal every start and end is one plain line with the counts and the slowest host', () => {
  const out = capture();
  let now = 0;
  const progress = new FleetProgress({ stream: out.stream, isTTY: false, total: 3, now: () => now });
  progress.started('stack-a');
  now = 2_000;
  progress.started('stack-b');
  now = 5_000;
  progress.finished('stack-b', '10 passed');
  progress.stop();
  assert.equal(
    out.text(),
    'wazo-live-acceptance: stack-a: started (0 done, 1 running, 2 left of 3; slowest: stack-a 0s)\n' +
      'wazo-live-acceptance: stack-b: started (0 done, 2 running, 1 left of 3; slowest: stack-a 2s)\n' +
      'wazo-live-acceptance: stack-b: 10 passed (1 done, 1 running, 1 left of 3; slowest: stack-a 5s)\n',
  );
  assert.ok(!out.text().includes('\r') && !out.text().includes('\u001b'), 'no terminal control');
});

void test('on a terminal the status line is redrawn in place and cleared before each permanent line', () => {
  const out = capture();
  let now = 0;
  const progress = new FleetProgress({ stream: out.stream, isTTY: true, total: 2, now: () => now });
  progress.started('stack-a');
  now = 3_000;
  progress.finished('stack-a', 'not checked: no SSH session');
  progress.stop();
  assert.equal(
    out.text(),
    '\r\x1b[Kwazo-live-acceptance: hosts: 0 done, 1 running, 1 left of 2; slowest: stack-a 0s' +
      '\r\x1b[K' +
      'wazo-live-acceptance: stack-a: not checked: no SSH session (1 done, 0 running, 1 left of 2)\n',
  );
});
