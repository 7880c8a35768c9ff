// npm run demo: boot (or reuse) the lab, run the daily profile against it, write reports/demo/, explain the result.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { differences, loadExpected } from '../support/checks/selftest/expected.ts';
import type { ExpectedRun } from '../support/checks/selftest/expected.ts';
import { main as cli } from '../support/cli/main.ts';
import { MESSAGES_FILE } from '../support/cli/reports.ts';
import { PACKAGE_ROOT } from '../support/config/defaults.ts';
import { EXIT_NOT_CHECKED, EXIT_PASSED, WlaError } from '../support/errors.ts';
import { startLabWithFigures } from '../support/lab/lab.ts';
import type { ReportRow } from '../support/report/collect.ts';
import { collectResults } from '../support/report/collect.ts';
import { parseNdjson } from '../support/report/messages.ts';
import { REPORT_FILES } from '../support/report/write.ts';

const USAGE = `usage: npm run demo [-- --strict]
Boots the lab host in .lab/ (or reuses the one running there), runs the daily profile against it and
writes reports/demo/ (matrix.html, junit.xml, run.ndjson). The lab replicates real Wazo, so some checks
fail on purpose: fixtures/expected/default-lab.yml lists each of these findings with its source.
exit status: 0 when the run found exactly the expected results; 1 when it differs from them (a broken
runner or lab); 2 when the lab could not be started or the host not checked.
--strict: exit with the run's own status instead (1 on the default lab, as a nightly would see it).`;

const REPORT_DIR = join(PACKAGE_ROOT, 'reports', 'demo');
const EXPECTED_FILE = join(PACKAGE_ROOT, 'fixtures', 'expected', 'default-lab.yml');

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { strict: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    say(USAGE);
    return EXIT_PASSED;
  }
  say('demo: starting the lab host (the first time builds its image: a few minutes)');
  const { lab, figures } = await startLabWithFigures({ dir: join(PACKAGE_ROOT, '.lab'), reuse: true });
  say(`demo: lab ${figures.reused ? 'reused' : 'ready'}; running the daily profile against it`);
  const io = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: PACKAGE_ROOT };
  const args = ['--config', lab.configFile, '--profile', 'daily', '--report-dir', REPORT_DIR];
  const runCode = await cli(args, io);
  if (runCode === EXIT_NOT_CHECKED) return runCode;
  const rows = collectResults(
    parseNdjson(readFileSync(join(REPORT_DIR, MESSAGES_FILE), 'utf8'), MESSAGES_FILE),
  );
  const matches = explain(loadExpected(EXPECTED_FILE), rows);
  say(
    `demo: reports: ${show(join(REPORT_DIR, REPORT_FILES.matrix))} (open it in a browser), ${show(join(REPORT_DIR, REPORT_FILES.junit))}`,
  );
  say(
    `demo: the lab keeps running: npm start -- --config ${show(lab.configFile)}; stop it with npm run lab:down`,
  );
  if (values.strict) return runCode;
  return matches ? EXIT_PASSED : runCode === EXIT_PASSED ? 1 : runCode;
}

/** Says which failures are the lab's known real-Wazo findings; true when the run matches the expected file. */
function explain(expected: ExpectedRun, rows: readonly ReportRow[]): boolean {
  const failed = rows.filter((row) => row.status === 'failed');
  const known = failed.filter((row) => expected.results[row.service]?.[row.item] === 'fail');
  const kindOf = (row: ReportRow) =>
    expected.findings.find((f) => f.service === row.service && f.item === row.item)?.kind;
  const wazo = known.filter((row) => kindOf(row) === 'wazo-finding').length;
  const uncovered = failed.filter((row) => !expected.items.includes(row.item));
  // Outcomes only: exact messages (ss attribution, PIDs) are the self-test's business, not a newcomer's.
  const diffs = differences(expected, rows).filter((line) => !/^\S+ \S+ message: /.test(line));
  const file = show(EXPECTED_FILE);
  say('');
  const gaps = known.length - wazo;
  const gapText = gaps > 0 ? ` and ${gaps} known gaps of the lab replica` : '';
  say(
    `demo: ${failed.length} checks failed: ${known.length} are expected - ${wazo} real Wazo findings the lab ` +
      `replicates on purpose${gapText} (${file} cites the source of each) - so the run itself exits 1 as it ` +
      `would on such a host`,
  );
  if (uncovered.length > 0) {
    const names = uncovered.map((row) => `${row.service} ${row.item}`).join(', ');
    say(`demo: ${uncovered.length} more on items ${file} does not cover: ${names}`);
  }
  if (diffs.length === 0) {
    say(`demo: OK - every covered result is the expected one`);
    return true;
  }
  say(`demo: the run differs from ${file} (${diffs.length}):`);
  for (const line of diffs) say(`  ${line}`);
  return false;
}

function show(path: string): string {
  return relative(process.cwd(), path) || '.';
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    const code = err instanceof WlaError ? ` [${err.code}]` : '';
    process.stderr.write(`demo: ${message}${code}\n`);
    process.exitCode = EXIT_NOT_CHECKED;
  },
);
