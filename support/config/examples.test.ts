// fixtures/examples/: every YAML parses, every runner command line uses real options, every shard spec parses with
// its engine's variables and agrees with the engine's job count, and the nightly fleet run compares with the last one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { REPORT_OPTIONS } from '../cli/command-help.ts';
import { OPTIONS } from '../cli/options.ts';
import { parseShard } from './shard.ts';

const EXAMPLES = fileURLToPath(new URL('../../fixtures/examples/', import.meta.url));
const read = (name: string): string => readFileSync(join(EXAMPLES, name), 'utf8');

const RUN_OPTIONS = new Set(OPTIONS.map((option) => option.name));
const MERGE_OPTIONS = new Set([
  ...REPORT_OPTIONS.map((option) => option.name),
  '--merge',
  '--report-dir',
  '--compare-with',
  '--help',
]);

/** The runner as the examples call it: its bin name, or nightly-run.sh's `$runner`. */
const HEAD = /(?<![\w./$-])(?:wazo-live-acceptance|\$runner)(?=[ \t]|$)/gm;
/** Where a command line ends before its line does: a pipe, a list operator, a redirection, a comment. */
const COMMAND_END = /\s(?:\|\|?|&&|;|\d?>|#)\s|\s*$/;
const FLAG = /(?<![\w-])--[a-z][a-z0-9-]*/g;

interface CommandLine {
  text: string;
  subcommand: 'run' | 'report';
  flags: string[];
}

/** The runner's command lines in shell text: comment markers dropped, backslash continuations joined. */
function commandLines(text: string): CommandLine[] {
  const joined = text
    .split('\n')
    .map((line) => line.replace(/^\s*#\s?/, ''))
    .join('\n')
    .replace(/\\\n\s*/g, ' ');
  return [...joined.matchAll(HEAD)].flatMap((match) => {
    const rest = joined.slice((match.index ?? 0) + match[0].length).split('\n')[0] ?? '';
    const args = rest.slice(0, rest.search(COMMAND_END));
    // Prose names the runner too ("a checkout of wazo-live-acceptance with ..."): a command goes on with an option.
    if (!/^\s+(?:report\s+)?--/.test(args)) return [];
    return {
      text: `${match[0]}${args}`,
      subcommand: /^\s*report(\s|$)/.test(args) ? 'report' : 'run',
      flags: [...args.matchAll(FLAG)].map((flag) => flag[0]),
    };
  });
}

function unknownFlags(line: CommandLine): string[] {
  const known = line.subcommand === 'report' ? MERGE_OPTIONS : RUN_OPTIONS;
  return line.flags.filter((flag) => !known.has(flag));
}

/** Every string in a parsed YAML value, depth first. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

function yamlDocuments(name: string): unknown[] {
  return parseAllDocuments(read(name)).map((document) => {
    assert.deepEqual(document.errors, [], name);
    return document.toJS() as unknown;
  });
}

function shardSpecs(text: string): string[] {
  return commandLines(text).flatMap((line) =>
    [...line.text.matchAll(/--shard\s+(\S+)/g)].map((m) => m[1] ?? ''),
  );
}

type Json = Record<string, unknown>;
const at = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((node, key) => (node as Json | undefined)?.[key], value);

void test('every YAML example parses (the Kubernetes one as several documents)', () => {
  const names = readdirSync(EXAMPLES).filter((name) => /\.ya?ml$/.test(name));
  assert.ok(names.includes('gitlab-ci.yml') && names.includes('github-actions.yml'));
  assert.ok(names.includes('k8s-indexed-job.yaml'));
  for (const name of names) assert.ok(yamlDocuments(name).length >= 1, name);
  assert.equal(yamlDocuments('k8s-indexed-job.yaml').length, 3);
});

void test('the command-line checker flags an option the runner or report --merge does not have', () => {
  const lines = commandLines(
    [
      'npx wazo-live-acceptance --inventory x.yml --shard 1/2 --frobnicate \\',
      '  --report-dir r | tee out',
      'wazo-live-acceptance report --merge a b --report-dir c --inventory x.yml',
      '# $runner --host h ${PROFILE:+--profile "$PROFILE"} > log --bogus',
      'see /etc/wazo-live-acceptance/x, wazo-live-acceptance:latest, wazo-live-acceptance in prose --not-a-flag',
    ].join('\n'),
  );
  assert.equal(lines.length, 3, 'the paths, the image name and the prose are no commands');
  const [run, merge, fine] = lines;
  assert.deepEqual(run?.flags, ['--inventory', '--shard', '--frobnicate', '--report-dir']);
  assert.ok(run && unknownFlags(run).includes('--frobnicate'));
  assert.equal(merge?.subcommand, 'report');
  assert.ok(merge && unknownFlags(merge).includes('--inventory'));
  assert.deepEqual(fine?.flags, ['--host', '--profile']);
  assert.deepEqual(fine && unknownFlags(fine), []);
});

/** Each example's runner command lines, and how many it must have (so a rewrite that loses one is seen). */
const COMMANDS_PER_FILE: Readonly<Record<string, number>> = {
  'gitlab-ci.yml': 2,
  'github-actions.yml': 2,
  'k8s-indexed-job.yaml': 2,
  'nightly-run.sh': 2,
  'wazo-live-acceptance-nightly.service': 1,
};

function commandsOf(name: string): CommandLine[] {
  return /\.ya?ml$/.test(name)
    ? yamlDocuments(name).flatMap(strings).flatMap(commandLines)
    : commandLines(read(name));
}

void test("every runner command line in the examples uses only the runner's or report --merge's options", () => {
  const unknown = new Set<string>();
  const others = readdirSync(EXAMPLES).filter(
    (name) => !(name in COMMANDS_PER_FILE) && name !== 'inventory.yml',
  );
  for (const name of [...Object.keys(COMMANDS_PER_FILE), ...others]) {
    const lines = commandsOf(name);
    const count = COMMANDS_PER_FILE[name] ?? lines.length;
    assert.equal(lines.length, count, `${name}: ${lines.map((line) => line.text).join(' / ')}`);
    for (const line of lines) {
      for (const flag of unknownFlags(line)) unknown.add(`${name}: ${line.subcommand} ${flag}`);
    }
  }
  assert.deepEqual([...unknown], []);
});

/** The shards the engine's N jobs get, given each job's environment: exactly 1..N, each once. */
function assertCoversAll(shards: { index: number; count: number }[], count: number, name: string): void {
  assert.deepEqual(
    shards.map((shard) => shard.index).sort((a, b) => a - b),
    Array.from({ length: count }, (_, i) => i + 1),
    name,
  );
  for (const shard of shards) assert.equal(shard.count, count, name);
}

void test('GitLab: parallel: N jobs with --shard auto/N, each one shard from CI_NODE_INDEX', () => {
  const [ci] = yamlDocuments('gitlab-ci.yml');
  const check = at(ci, 'wazo-acceptance:check');
  const parallel = at(check, 'parallel');
  assert.equal(typeof parallel, 'number');
  const count = parallel as number;
  const specs = shardSpecs(strings(at(check, 'script')).join('\n'));
  assert.deepEqual(specs, [`auto/${count}`]);
  const spec = specs[0] ?? '';
  const env = (i: number) => ({ CI_NODE_INDEX: String(i), CI_NODE_TOTAL: String(count) });
  assertCoversAll(
    Array.from({ length: count }, (_, i) => parseShard(spec, env(i + 1))),
    count,
    'gitlab',
  );
  assert.deepEqual(at(check, 'allow_failure', 'exit_codes'), [1]);
  const merge = at(ci, 'wazo-acceptance:merge');
  assert.equal(at(merge, 'when'), 'always');
  assert.equal(at(merge, 'artifacts', 'reports', 'junit'), 'reports/fleet/junit.xml');
});

void test('GitHub Actions: a matrix of shards 1..N with --shard <n>/N, merged whatever their outcome', () => {
  const [workflow] = yamlDocuments('github-actions.yml');
  const values = at(workflow, 'jobs', 'check', 'strategy', 'matrix', 'shard') as number[];
  assert.equal(at(workflow, 'jobs', 'check', 'strategy', 'fail-fast'), false);
  const script = strings(at(workflow, 'jobs', 'check', 'steps')).join('\n');
  const shards = values.map((value) => {
    const specs = shardSpecs(script.replaceAll('${{ matrix.shard }}', String(value)));
    assert.equal(specs.length, 1);
    return parseShard(specs[0] ?? '', { WLA_SHARD_INDEX: String(value) });
  });
  assertCoversAll(shards, values.length, 'github');
  assert.equal(at(workflow, 'jobs', 'merge', 'if'), 'always()');
  const download = (at(workflow, 'jobs', 'merge', 'steps') as Json[]).find((step) =>
    String(step.uses).startsWith('actions/download-artifact@'),
  );
  assert.equal(at(download, 'with', 'merge-multiple'), true);
});

void test('Kubernetes: an Indexed Job of N completions with --shard auto/N, each pod one shard, merged after all N', () => {
  const documents = yamlDocuments('k8s-indexed-job.yaml') as Json[];
  const jobs = documents.filter((document) => document.kind === 'Job');
  const check = jobs.find((job) => at(job, 'spec', 'completionMode') === 'Indexed');
  assert.ok(check, 'an Indexed Job');
  const count = at(check, 'spec', 'completions') as number;
  assert.equal(at(check, 'spec', 'parallelism'), count);
  const specs = shardSpecs(strings(at(check, 'spec', 'template')).join('\n'));
  assert.deepEqual(specs, [`auto/${count}`]);
  const env = (i: number) => ({ JOB_COMPLETION_INDEX: String(i) });
  assertCoversAll(
    Array.from({ length: count }, (_, i) => parseShard(specs[0] ?? '', env(i))),
    count,
    'k8s',
  );
  const merge = jobs.find((job) => job !== check);
  const waitEnv = at(merge, 'spec', 'template', 'spec', 'initContainers') as {
    env: { name: string; value: string }[];
  }[];
  assert.equal(waitEnv[0]?.env.find((variable) => variable.name === 'SHARDS')?.value, String(count));
  const secret = (at(check, 'spec', 'template', 'spec', 'volumes') as Json[]).find(
    (volume) => 'secret' in volume,
  );
  assert.equal(at(secret, 'secret', 'defaultMode'), 0o440);
});

/** A stand-in for the runner: records its arguments, writes a fleet report where --report-dir says, exits as told. */
function fakeFleetRunner(dir: string, exitStatus: number): string {
  const path = join(dir, `fake-runner-${exitStatus}.sh`);
  writeFileSync(
    path,
    [
      '#!/usr/bin/env bash',
      `printf '%s\\n' "$@" > '${join(dir, 'args')}'`,
      'while [[ $# -gt 0 ]]; do [[ $1 == --report-dir ]] && echo "{}" > "$2/fleet.json"; shift; done',
      'echo "FLEET TABLE"',
      `exit ${exitStatus}`,
      '',
    ].join('\n'),
  );
  chmodSync(path, 0o755);
  return path;
}

function nightlyFleet(reportsRoot: string, runner: string) {
  return spawnSync('bash', [join(EXAMPLES, 'nightly-run.sh')], {
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: process.env.PATH,
      INVENTORY: '/etc/wazo-live-acceptance/inventory.yml',
      REPORTS_ROOT: reportsRoot,
      KEEP: '3',
      WLA_RUNNER: runner,
    },
  });
}

void test('the nightly fleet run compares with the newest earlier run that built its report, and passes on its status', () => {
  const root = mkdtempSync(join(tmpdir(), 'wla-nightly-fleet-'));
  try {
    const reports = join(root, 'reports');
    const run = (name: string, status: string, report: boolean): void => {
      mkdirSync(join(reports, name), { recursive: true });
      writeFileSync(join(reports, name, 'exit-status'), `${status}\n`);
      if (report) writeFileSync(join(reports, name, 'fleet.json'), '{}\n');
    };
    run('2026-11-25T023000Z', '0', true);
    run('2026-11-26T023000Z', '1', true);
    run('2026-11-27T023000Z', '2', false);
    const result = nightlyFleet(reports, fakeFleetRunner(root, 1));
    assert.equal(result.status, 1, result.stderr);
    const latest = readlinkSync(join(reports, 'latest'));
    const args = readFileSync(join(root, 'args'), 'utf8').trim().split('\n');
    assert.deepEqual(args, [
      '--inventory',
      '/etc/wazo-live-acceptance/inventory.yml',
      '--report-dir',
      join(reports, latest),
      '--compare-with',
      join(reports, '2026-11-26T023000Z'),
    ]);
    assert.equal(readFileSync(join(reports, latest, 'summary.txt'), 'utf8'), 'FLEET TABLE\n');
    assert.equal(readFileSync(join(reports, latest, 'exit-status'), 'utf8'), '1\n');
    assert.deepEqual(
      readdirSync(reports).sort(),
      ['.lock', '2026-11-26T023000Z', '2026-11-27T023000Z', latest, 'latest'].sort(),
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

void test('the first nightly fleet run has nothing to compare with, and a run that wrote no report exits 3', () => {
  const root = mkdtempSync(join(tmpdir(), 'wla-nightly-fleet-'));
  try {
    const result = nightlyFleet(join(root, 'reports'), fakeFleetRunner(root, 1));
    assert.equal(result.status, 1, result.stderr);
    assert.ok(!readFileSync(join(root, 'args'), 'utf8').includes('--compare-with'));
    const silent = join(root, 'silent.sh');
    writeFileSync(silent, '#!/usr/bin/env bash\nexit 0\n');
    chmodSync(silent, 0o755);
    const noReport = nightlyFleet(join(root, 'other'), silent);
    assert.equal(noReport.status, 3);
    assert.match(noReport.stderr, /^the run left no fleet report in .*\(runner exit status 0\)\n$/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
