// The CI image (fixtures/runner/Containerfile) answers --help, --version and --dry-run, and checks the default lab
// from inside a container with the key and known_hosts mounted read-only, giving fixtures/expected/default-lab.yml.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { differences, loadExpected } from '../checks/selftest/expected.ts';
import { readResults } from './testing/run-cli.ts';
import { PACKAGE_ROOT } from '../config/defaults.ts';
import { startLab } from '../lab/lab.ts';
import type { Lab } from '../lab/lab.ts';
import { LAB_FILES } from '../lab/lab-files.ts';
import { ensureRunnerImage, runInRunnerImage } from './testing/runner-image.ts';
import type { RunnerImage } from './testing/runner-image.ts';

const EXPECTED = join(PACKAGE_ROOT, 'fixtures', 'expected', 'default-lab.yml');
const BUILD_TIMEOUT_MS = 16 * 60_000;
const RUN_TIMEOUT_MS = 120_000;
/** The image's `runner` user (fixtures/runner/Containerfile). */
const RUNNER_UID = 10001;
const PACKAGE_IN_IMAGE = '/usr/local/lib/node_modules/wazo-live-acceptance';

let image: RunnerImage | undefined;
let lab: Lab | undefined;
let work: string | undefined;

before(
  async () => {
    image = await ensureRunnerImage((line) => process.stderr.write(`[runner image] ${line}\n`));
    const built = image.buildMs === null ? 'cached' : `built in ${(image.buildMs / 1000).toFixed(1)} s`;
    process.stderr.write(`# ${image.tag}: ${built}, ${(image.sizeBytes / 1e6).toFixed(0)} MB\n`);
    work = mkdtempSync(join(tmpdir(), 'wla-runner-test-'));
    lab = await startLab({ dir: `.lab/runner-${process.pid}` });
  },
  { timeout: BUILD_TIMEOUT_MS },
);

after(async () => {
  await lab?.stop();
  // stop() removes the lab's files; the directory is this test's own.
  if (lab) rmSync(lab.dir, { recursive: true, force: true });
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

function built(): RunnerImage {
  assert.ok(image, 'the runner image was not built');
  return image;
}

/** A directory the image's user may read (0500) or write (0700): owned by it when this runs as root. */
function dirFor(name: string, writable: boolean): string {
  assert.ok(work, 'no work directory');
  const dir = join(work, name);
  mkdirSync(dir);
  handOver(dir, writable ? 0o700 : 0o500, 0o777);
  return dir;
}

function handOver(path: string, modeAsRoot: number, modeOtherwise: number): void {
  if (process.getuid?.() === 0) {
    chownSync(path, RUNNER_UID, RUNNER_UID);
    chmodSync(path, modeAsRoot);
  } else {
    chmodSync(path, modeOtherwise);
  }
}

void test('the image answers --version and --help, as the runner user, with ssh at hand', async () => {
  const version = (
    JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const shown = await runInRunnerImage(built(), ['--version'], { timeoutMs: RUN_TIMEOUT_MS });
  assert.deepEqual(
    { code: shown.code, stdout: shown.stdout },
    { code: 0, stdout: `${version}\n` },
    shown.stderr,
  );
  const help = await runInRunnerImage(built(), ['--help'], { timeoutMs: RUN_TIMEOUT_MS });
  assert.equal(help.code, 0, help.stderr);
  assert.equal(
    help.stdout.split('\n')[0],
    `wazo-live-acceptance ${version}: checks a live Wazo Platform host against the new-service checklist.`,
  );
  const who = await runInRunnerImage(built(), ['-c', 'id -un; pwd; ssh -V 2>&1'], {
    entrypoint: '/bin/sh',
    timeoutMs: RUN_TIMEOUT_MS,
  });
  assert.equal(who.code, 0, who.stderr);
  assert.match(who.stdout, /^runner\n\/checks\nOpenSSH_\d/);
});

void test('--dry-run in the image plans exactly what the checkout plans', async () => {
  const dry = await runInRunnerImage(built(), ['--dry-run'], { timeoutMs: RUN_TIMEOUT_MS });
  assert.equal(dry.code, 0, dry.stderr);
  const catalog = `${PACKAGE_IN_IMAGE}/fixtures/services.yml`;
  assert.equal(dry.stdout.split('\n')[0], `dry run: profile daily on any host, catalog ${catalog}`);
  assert.match(
    dry.stdout.split('\n')[1] ?? '',
    /^\d+ checks would run, \d+ do not apply \(catalog\), over \d+ daemons$/,
  );
  const checkout = spawnSync(process.execPath, ['support/cli/bin.mjs', '--dry-run'], {
    cwd: PACKAGE_ROOT,
    encoding: 'utf8',
    timeout: RUN_TIMEOUT_MS,
    env: { PATH: process.env.PATH, HOME: tmpdir(), NO_COLOR: '1' },
  });
  assert.equal(checkout.status, 0, checkout.stderr);
  assert.equal(dry.stdout.replace(catalog, join(PACKAGE_ROOT, 'fixtures', 'services.yml')), checkout.stdout);
});

void test(
  'the image checks the default lab with the key and known_hosts mounted read-only, reports in the mounted volume',
  { timeout: RUN_TIMEOUT_MS + 10_000 },
  async () => {
    assert.ok(lab, 'the lab did not start');
    const secrets = dirFor('secrets', false);
    for (const name of [LAB_FILES.config, LAB_FILES.privateKey, LAB_FILES.knownHosts, LAB_FILES.ca]) {
      copyFileSync(join(lab.dir, name), join(secrets, name));
      handOver(join(secrets, name), 0o400, 0o444);
    }
    const reports = dirFor('reports', true);
    const args = ['--config', '/secrets/config.yml', '--profile', 'daily', '--report-dir', 'reports'];
    const run = await runInRunnerImage(built(), args, {
      hostNetwork: true,
      readOnly: [
        [join(secrets, LAB_FILES.config), `/secrets/${LAB_FILES.config}`],
        [join(secrets, LAB_FILES.privateKey), `/secrets/${LAB_FILES.privateKey}`],
        [join(secrets, LAB_FILES.knownHosts), `/secrets/${LAB_FILES.knownHosts}`],
        [join(secrets, LAB_FILES.ca), `/secrets/${LAB_FILES.ca}`],
      ],
      writable: [[reports, '/checks/reports']],
      timeoutMs: RUN_TIMEOUT_MS,
    });
    process.stderr.write(`# the run in the container took ${(run.ms / 1000).toFixed(1)} s\n`);
    const output = `${run.stdout}${run.stderr}`.slice(-3000);
    const results = readResults(join(reports, 'run.ndjson'));
    assert.deepEqual(differences(loadExpected(EXPECTED), results), [], output);
    assert.equal(run.code, 1, `exit code 1: the lab carries real Wazo findings\n${output}`);
  },
);
