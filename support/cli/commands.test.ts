// Every subcommand answers --help (exit 0, from any position); an unknown one exits 2 naming the allowed ones.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PACKAGE_ROOT } from '../config/defaults.ts';
import { catalogDraftHelp, catalogHelp, REPORT_OPTIONS, reportHelp, snapshotHelp } from './command-help.ts';
import { runMain } from './testing/in-process.ts';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(argv: string[], cwd: string = tmpdir()): Promise<Outcome> {
  return runMain(argv, cwd);
}

const firstLine = (text: string): string => text.split('\n')[0] ?? '';

void test('each help names its command on its first line and ends with its exit codes', () => {
  assert.equal(
    firstLine(snapshotHelp()),
    'Usage: wazo-live-acceptance snapshot --host HOST --out FILE [options]',
  );
  assert.equal(
    firstLine(catalogHelp()),
    'Usage: wazo-live-acceptance catalog COMMAND [options], COMMAND one of: draft',
  );
  assert.equal(
    firstLine(catalogDraftHelp()),
    'Usage: wazo-live-acceptance catalog draft --host HOST --service NAME [options]',
  );
  assert.equal(
    firstLine(reportHelp()),
    'Usage: wazo-live-acceptance report --messages FILE [--meta FILE] [--out DIR] [options]',
  );
  assert.match(
    snapshotHelp(),
    /\nExit codes:\n {2}0 {2}the state was written\n {2}2 {2}configuration or connection error/,
  );
  assert.match(reportHelp(), /\nExit codes, as the run gave them:\n {2}0 {2}every check passed/);
  assert.match(catalogHelp(), /\n {2}draft {3}print a catalog entry for a daemon as a host shows it/);
});

void test("the subcommands' option lists come from the run's option table", () => {
  const lines = (text: string) => text.split('\n');
  assert.ok(
    lines(snapshotHelp()).includes(
      '  --out FILE                     where to write the state (JSON, "version": 1); required',
    ),
  );
  assert.ok(
    lines(snapshotHelp()).includes(
      '  --known-hosts FILE             known_hosts file (WAZO_KNOWN_HOSTS; default ~/.ssh/known_hosts)',
    ),
  );
  assert.ok(
    lines(catalogDraftHelp()).includes(
      '  --jump-host USER@HOST:PORT     connect through this host (WAZO_SSH_JUMP_HOST)',
    ),
  );
  assert.doesNotMatch(catalogDraftHelp(), /^ {2}--(profile|catalog) /m);
  for (const option of REPORT_OPTIONS) assert.ok(reportHelp().includes(`\n  ${option.name}`), option.name);
});

void test('--help and -h answer from any position, before any other argument is judged, with exit 0', async () => {
  const cases: [string[], string][] = [
    [['snapshot', '--help'], snapshotHelp()],
    [['snapshot', '--host', 'h', '-h'], snapshotHelp()],
    [['snapshot', '--bogus', '--out', '--help'], snapshotHelp()],
    [['catalog', '--help'], catalogHelp()],
    [['catalog', '-h'], catalogHelp()],
    [['catalog', 'draft', '--help'], catalogDraftHelp()],
    [['catalog', 'draft', '--service', 'wazo-newd', '-h'], catalogDraftHelp()],
    [['report', '--help'], reportHelp()],
    [['report', '--messages', 'x.ndjson', '--bogus', '-h'], reportHelp()],
  ];
  for (const [argv, help] of cases) {
    assert.deepEqual(await cli(argv), { code: 0, stdout: help, stderr: '' }, argv.join(' '));
  }
  for (const argv of [['--help'], ['--host', 'h', '-h'], ['--hots', 'h', '--help']]) {
    const outcome = await cli(argv);
    assert.equal(outcome.code, 0, argv.join(' '));
    assert.match(outcome.stdout, /^wazo-live-acceptance \d+\.\d+\.\d+: checks a live Wazo Platform host/);
    assert.match(
      outcome.stdout,
      /\n {7}wazo-live-acceptance report --messages FILE \[options\] {8}the reports/,
    );
    assert.equal(outcome.stderr, '');
  }
});

void test('an unknown command, or catalog with an unknown one, exits 2 naming what is allowed', async () => {
  assert.deepEqual(await cli(['snapshots', '--out', 'x.json']), {
    code: 2,
    stdout: '',
    stderr:
      'wazo-live-acceptance: unknown command "snapshots": the commands are snapshot, catalog, report; ' +
      'a run takes only options, such as --host HOST (see --help)\n',
  });
  assert.equal((await cli(['wazo-1'])).stderr.split(':')[1], ' unknown command "wazo-1"');
  assert.deepEqual(await cli(['catalog', 'undraft', '--help']), {
    code: 2,
    stdout: '',
    stderr: 'wazo-live-acceptance: catalog needs a subcommand: draft (found "undraft"; see catalog --help)\n',
  });
  assert.deepEqual(await cli(['toString']), {
    code: 2,
    stdout: '',
    stderr:
      'wazo-live-acceptance: unknown command "toString": the commands are snapshot, catalog, report; ' +
      'a run takes only options, such as --host HOST (see --help)\n',
  });
});

void test('snapshot without --out still exits 2 saying what it needs', async () => {
  assert.deepEqual(await cli(['snapshot', '--host', 'h']), {
    code: 2,
    stdout: '',
    stderr: 'wazo-live-acceptance: snapshot needs --out FILE: where to write the host state\n',
  });
});

void test('snapshot and catalog draft read one host: a repeated --host or an inventory exits 2 saying so', async () => {
  const said = (command: string) =>
    `wazo-live-acceptance: ${command} reads one host: give --host once (--inventory and a repeated --host are for checklist runs)\n`;
  assert.deepEqual(await cli(['snapshot', '--out', 'x.json', '--host', 'a', '--host', 'b']), {
    code: 2,
    stdout: '',
    stderr: said('snapshot'),
  });
  assert.deepEqual(await cli(['catalog', 'draft', '--service', 'wazo-x', '--inventory', 'fleet.yml']), {
    code: 2,
    stdout: '',
    stderr: said('catalog draft'),
  });
});

void test('report rebuilds a saved run from any directory, with the exit code of that run', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'wla-report-cmd-'));
  try {
    const messages = join(PACKAGE_ROOT, 'fixtures', 'report', 'run.ndjson');
    const outcome = await cli(['report', '--messages', messages, '--out', 'out', '--profile', 'daily'], cwd);
    assert.equal(outcome.stderr, '');
    assert.equal(outcome.code, 1);
    assert.deepEqual(readdirSync(join(cwd, 'out')).sort(), ['junit.xml', 'matrix.html']);
    assert.match(outcome.stdout, /^wazo-live-acceptance \S+ \| host lab-1 \| profile daily \|/);
    assert.match(
      outcome.stdout,
      /\nF wazo-confd NSC-01: wazo-confd on lab-1: NSC-01 user: expected wazo-confd, found root/,
    );
    assert.match(
      outcome.stdout,
      new RegExp(`\\nwrote ${cwd}/out/junit.xml\\nwrote ${cwd}/out/matrix.html\\n$`),
    );
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});

void test('report refuses a bad option, a missing --messages or an unreadable file with exit 2 and one line', async () => {
  const allowed = REPORT_OPTIONS.map((option) => option.name).join(', ');
  assert.deepEqual(await cli(['report', '--messages', 'x', '--bogus']), {
    code: 2,
    stdout: '',
    stderr: `wazo-live-acceptance: unknown option '--bogus'; the options of report are ${allowed}\n`,
  });
  assert.deepEqual(await cli(['report', '--messages']), {
    code: 2,
    stdout: '',
    stderr: `wazo-live-acceptance: option '--messages <value>' argument missing; the options of report are ${allowed}\n`,
  });
  assert.deepEqual(await cli(['report']), {
    code: 2,
    stdout: '',
    stderr: 'wazo-live-acceptance: --messages FILE is required (a cucumber --format message:FILE output)\n',
  });
  assert.deepEqual(await cli(['report', '--messages', '/nonexistent/run.ndjson']), {
    code: 2,
    stdout: '',
    stderr: 'wazo-live-acceptance: cannot read the messages file /nonexistent/run.ndjson: ENOENT\n',
  });
});
