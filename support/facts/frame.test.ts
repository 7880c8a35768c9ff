// Tests of the frame parser: sections in order, and refusal of truncated, foreign or garbled output.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFrames } from './frame.ts';
import { recordedSnapshot, recordedSnapshotPlan } from './testing/recorded.ts';

const N = 'n0nce';
const frame = (lines: string[]) => lines.join('\n') + '\n';

void test('a recorded snapshot splits into its sections with stdout, stderr and exit status', () => {
  const sections = parseFrames(recordedSnapshot('container'), recordedSnapshotPlan('container').nonce);
  assert.deepEqual([...sections.keys()].slice(0, 5), ['meta', 'passwd', 'shadow', 'group', 'stat']);
  const stat = sections.get('stat')?.get('-');
  assert.equal(stat?.rc, 1);
  assert.match(stat?.stderr ?? '', /^stat: cannot statx '\/home\/wazo-auth': No such file or directory$/m);
  assert.deepEqual([...(sections.get('write')?.keys() ?? [])], ['wazo-auth', 'wazo-webhookd', 'www-data']);
});

void test('body lines that look like frames cannot end a section: every body line is prefixed', () => {
  const sections = parseFrames(
    frame([
      `@@WLA:${N}:BEGIN:file:/x`,
      `|@@WLA:${N}:END:file:/x:rc=0`,
      `|@@WLA:${N}:DONE`,
      `@@WLA:${N}:END:file:/x:rc=0`,
      `@@WLA:${N}:DONE`,
    ]),
    N,
  );
  assert.equal(sections.get('file')?.get('/x')?.stdout, `@@WLA:${N}:END:file:/x:rc=0\n@@WLA:${N}:DONE`);
});

void test('keys may hold colons; lines before the first frame (a shell banner) are ignored', () => {
  const sections = parseFrames(
    frame([
      'Welcome!',
      `@@WLA:${N}:BEGIN:write:www-data:/a:b`,
      '|yes',
      `@@WLA:${N}:END:write:www-data:/a:b:rc=0`,
      `@@WLA:${N}:DONE`,
    ]),
    N,
  );
  assert.equal(sections.get('write')?.get('www-data:/a:b')?.stdout, 'yes');
});

void test('a section without END is reported as truncated, naming the section', () => {
  const cut = frame([
    `@@WLA:${N}:BEGIN:meta:-`,
    '|now=1',
    `@@WLA:${N}:END:meta:-:rc=0`,
    `@@WLA:${N}:BEGIN:stat:-`,
    '|S\tdir',
  ]);
  assert.throws(() => parseFrames(cut, N), {
    code: 'REMOTE_COMMAND_FAILED',
    message: 'fact snapshot output is truncated: section "stat" began at line 4 and never ended',
  });
});

void test('a missing DONE line is truncation after the last complete section', () => {
  const cut = frame([`@@WLA:${N}:BEGIN:sockets:inet`, `@@WLA:${N}:END:sockets:inet:rc=0`]);
  assert.throws(() => parseFrames(cut, N), {
    message: 'fact snapshot output is truncated: no DONE line (last complete section: "sockets:inet")',
  });
  assert.throws(() => parseFrames('', N), {
    message: 'fact snapshot output is truncated: no DONE line (last complete section: none)',
  });
});

void test('a frame with another nonce is refused', () => {
  assert.throws(() => parseFrames(frame([`@@WLA:other:BEGIN:meta:-`]), N), {
    message: 'fact snapshot output is garbled: line 1 is a frame of another run (nonce mismatch)',
  });
});

void test('unprefixed body lines, mismatched END, doubled sections and trailing lines are refused', () => {
  const cases: [string[], string][] = [
    [[`@@WLA:${N}:BEGIN:meta:-`, 'now=1'], 'line 2 in section "meta" has no body prefix: "now=1"'],
    [
      [`@@WLA:${N}:BEGIN:meta:-`, `@@WLA:${N}:END:passwd:-:rc=0`],
      'line 2 closes "passwd:-:rc=0" but the open section is meta:-',
    ],
    [
      [`@@WLA:${N}:BEGIN:meta:-`, `@@WLA:${N}:BEGIN:passwd:-`],
      'section "meta" (line 1) has no END before line 2',
    ],
    [
      [`@@WLA:${N}:BEGIN:a:-`, `@@WLA:${N}:END:a:-:rc=0`, `@@WLA:${N}:BEGIN:a:-`, `@@WLA:${N}:END:a:-:rc=0`],
      'section "a" appears twice (again at line 4)',
    ],
    [[`@@WLA:${N}:DONE`, 'late'], 'line 2 follows the DONE line'],
    [[`@@WLA:${N}:WHAT`], 'line 1 is an unknown frame "WHAT"'],
  ];
  for (const [lines, message] of cases) {
    assert.throws(() => parseFrames(frame(lines), N), {
      message: `fact snapshot output is garbled: ${message}`,
    });
  }
});
