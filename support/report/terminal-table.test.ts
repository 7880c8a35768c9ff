// toTerminalTable: exact plain-ASCII text, colours only when asked, wrapping to the width, no escape injection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectResults } from './collect.ts';
import { MessageBuilder, result } from './testing/message-builder.ts';
import type { RunMeta } from './meta.ts';
import { toTerminalTable } from './terminal-table.ts';

const META: RunMeta = {
  host: 'staging-1',
  runnerVersion: '0.1.0',
  catalogVersion: '2025.01',
  startedAt: '2026-11-28T02:00:00.000Z',
  durationMs: 83_500,
  profile: 'daily',
  insecure: false,
  acceptNewHostKey: false,
  httpsRoute: 'direct',
};

function oneFailureOneWaiverOneNotApplicable(
  failMessage = 'wazo-confd on staging-1: NSC-01 user: expected wazo-confd, found root',
) {
  return collectResults(
    new MessageBuilder()
      .scenario({
        name: 'wazo-auth: the default user is not root',
        tags: ['@NSC-01', '@daily'],
        results: [result({ service: 'wazo-auth', item: 'NSC-01', status: 'passed' })],
      })
      .scenario({
        name: 'wazo-confd: the default user is not root',
        tags: ['@NSC-01', '@daily'],
        results: [result({ service: 'wazo-confd', item: 'NSC-01', status: 'failed', message: failMessage })],
      })
      .scenario({
        name: 'wazo-auth: the service is monitored by monit',
        tags: ['@NSC-08', '@daily'],
        results: [
          result({ service: 'wazo-auth', item: 'NSC-08', status: 'waived', message: 'waived: OPS-42' }),
        ],
      })
      .scenario({
        name: 'wazo-confd: the service is monitored by monit',
        tags: ['@NSC-08', '@daily'],
        results: [result({ service: 'wazo-confd', item: 'NSC-08', status: 'not-applicable' })],
      })
      .envelopes(),
  );
}

void test('a run with one failure, one waiver and one not-applicable item, in plain ASCII', () => {
  const text = toTerminalTable(oneFailureOneWaiverOneNotApplicable(), META, { color: false, width: 100 });
  assert.equal(
    text,
    [
      'wazo-live-acceptance 0.1.0 | host staging-1 | profile daily | https direct from the runner | catalog 2025.01 | started 2026-11-28 02:00:00 UTC | 1 min 24 s',
      '',
      'NSC        01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21',
      'wazo-auth   P  .  .  .  .  .  .  W  .  .  .  .  .  .  .  .  .  .  .  .  .',
      'wazo-confd  F  .  .  .  .  .  .  n  .  .  .  .  .  .  .  .  .  .  .  .  .',
      '',
      'Legend: P pass  F FAIL  W waived  n not applicable  E could not check  . not run',
      '4 checks: 1 passed, 1 failed, 1 waived, 1 not applicable, 0 could not be checked',
      'FAILED',
      'F wazo-confd NSC-01: wazo-confd on staging-1: NSC-01 user: expected wazo-confd, found root',
      '',
    ].join('\n'),
  );
  assert.match(text, /^[\x20-\x7e\n]*$/, 'plain output must be ASCII only');
});

void test('unchecked items and weakened verification are said, and the verdict is never PASSED', () => {
  const rows = collectResults(
    new MessageBuilder()
      .scenario({
        name: 'wazo-auth: x',
        tags: ['@NSC-01'],
        results: [result({ service: 'wazo-auth', item: 'NSC-01', status: 'passed' })],
      })
      .scenario({ name: 'wazo-auth: y', tags: ['@NSC-02'] })
      .envelopes(),
  );
  const text = toTerminalTable(
    rows,
    { ...META, insecure: true, acceptNewHostKey: true },
    { color: false, width: 100 },
  );
  const lines = text.split('\n');
  assert.equal(
    lines[1],
    'WARNING --insecure: TLS certificates were NOT verified: the HTTPS results may come from another machine',
  );
  assert.equal(
    lines[2],
    'WARNING --accept-new-host-key: an unknown SSH host key was trusted on first use: the host identity was NOT verified',
  );
  assert.ok(lines.includes('INCOMPLETE - 1 check could not be run'), text);
  assert.ok(
    lines.includes(
      'E wazo-auth NSC-02 [NO_RESULT]: the scenario ended PASSED without recording a check result',
    ),
    text,
  );
});

void test('an empty run says nothing was checked', () => {
  const text = toTerminalTable([], META, { color: false, width: 100 });
  assert.ok(text.includes('(no scenario ran: nothing was checked)\n'));
  assert.ok(text.includes('\nNO CHECK RAN\n'));
});

void test('colour wraps symbols and verdict in ANSI codes only when asked', () => {
  const rows = oneFailureOneWaiverOneNotApplicable();
  const coloured = toTerminalTable(rows, META, { color: true, width: 100 });
  assert.ok(coloured.includes('\u001b[1;31m F\u001b[0m'), 'the failed cell is not red');
  assert.ok(coloured.includes('\u001b[1;31mFAILED\u001b[0m'));
  assert.equal(
    coloured.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), ''),
    toTerminalTable(rows, META, { color: false, width: 100 }),
  );
});

void test('a narrow terminal gets the item columns in several blocks that each fit', () => {
  const text = toTerminalTable(oneFailureOneWaiverOneNotApplicable(), META, { color: false, width: 40 });
  const tableLines = text
    .split('\n')
    .filter((line) => /^(NSC|wazo-)/.test(line) && !line.startsWith('wazo-live'));
  assert.deepEqual(tableLines, [
    'NSC        01 02 03 04 05 06 07 08 09',
    'wazo-auth   P  .  .  .  .  .  .  W  .',
    'wazo-confd  F  .  .  .  .  .  .  n  .',
    'NSC        10 11 12 13 14 15 16 17 18',
    'wazo-auth   .  .  .  .  .  .  .  .  .',
    'wazo-confd  .  .  .  .  .  .  .  .  .',
    'NSC        19 20 21',
    'wazo-auth   .  .  .',
    'wazo-confd  .  .  .',
  ]);
});

void test('escape sequences and line breaks in a host-supplied message cannot reach the terminal', () => {
  const rows = oneFailureOneWaiverOneNotApplicable(
    'found \u001b[2J\u001b]0;owned\u0007 root\r\nfake line \u009b31m',
  );
  const text = toTerminalTable(rows, META, { color: false, width: 100 });
  assert.ok(
    text.includes('F wazo-confd NSC-01: found \\x1b[2J\\x1b]0;owned\\x07 root\\x0d\\x0afake line \\x9b31m\n'),
    text,
  );
  const controls = [...text].filter((c) => c !== '\n' && (c < ' ' || (c >= '\u007f' && c <= '\u009f')));
  assert.deepEqual(controls, [], 'a control character reached the terminal');
});

void test('the header says how HTTPS reached nginx', () => {
  const text = toTerminalTable([], { ...META, httpsRoute: 'ssh' }, { color: false, width: 100 });
  assert.equal(
    text.split('\n')[0],
    'wazo-live-acceptance 0.1.0 | host staging-1 | profile daily | https through the SSH connection | catalog 2025.01 | started 2026-11-28 02:00:00 UTC | 1 min 24 s',
  );
});
