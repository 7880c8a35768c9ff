// The package as `npm install -g` leaves it, run from another directory over an inventory of the default lab, gives exactly
// fixtures/expected/default-lab.yml, as the checkout does (support/checks/selftest.lab.test.ts).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { differences, loadExpected } from '../checks/selftest/expected.ts';
import { PACKAGE_ROOT } from '../config/defaults.ts';
import { startLab } from '../lab/lab.ts';
import type { Lab } from '../lab/lab.ts';
import type { InstalledPackage } from './testing/installed-package.ts';
import { installPackage, runInstalled } from './testing/installed-package.ts';
import { labEntry, writeInventory } from './testing/lab-fleet.ts';
import { readResults } from './testing/run-cli.ts';

const EXPECTED = join(PACKAGE_ROOT, 'fixtures', 'expected', 'default-lab.yml');
const INSTALL_TIMEOUT_MS = 240_000;
const RUN_TIMEOUT_MS = 300_000;

let pkg: InstalledPackage | undefined;
let lab: Lab | undefined;

before(async () => {
  pkg = installPackage(INSTALL_TIMEOUT_MS);
  lab = await startLab({ dir: `.lab/pack-${process.pid}` });
});

after(async () => {
  await lab?.stop();
  // stop() removes the lab's files; the directory is this test's own.
  if (lab) rmSync(lab.dir, { recursive: true, force: true });
  pkg?.remove();
});

void test(
  'the installed package checks the default lab from another directory, as a fleet of one, with the expected outcomes',
  { timeout: RUN_TIMEOUT_MS + 10_000 },
  async () => {
    assert.ok(pkg && lab, 'the package was not installed or the lab did not start');
    const work = mkdtempSync(join(pkg.elsewhere, 'run-'));
    writeInventory(join(work, 'fleet.yml'), [labEntry(lab, 'lab-1')]);
    const args = ['--inventory', 'fleet.yml', '--profile', 'daily', '--report-dir', 'reports'];
    const run = await runInstalled(pkg, args, RUN_TIMEOUT_MS, work);
    const output = `${run.stdout}${run.stderr}`.slice(-3000);
    const results = readResults(join(work, 'reports', 'hosts', 'lab-1', 'run.ndjson'));
    assert.deepEqual(differences(loadExpected(EXPECTED), results), [], output);
    assert.ok(existsSync(join(work, 'reports', 'matrix.html')), `no fleet overview\n${output}`);
    assert.equal(run.code, 1, `exit code 1: the lab carries real Wazo findings\n${output}`);
  },
);
