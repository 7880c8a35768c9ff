// NSC-18/19 behind a bastion: the runner reaches the lab only through a jump host, by a name only the jump host
// resolves; HTTPS through the SSH connection checks them, HTTPS dialled from the runner cannot and says why.
import assert from 'node:assert/strict';
import { lookup } from 'node:dns/promises';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { stringify } from 'yaml';
import { runCli } from '../cli/testing/run-cli.ts';
import { EXIT_CHECK_FAILED, EXIT_PASSED } from '../errors.ts';
import { startLab, type Lab } from '../lab/lab.ts';
import { LAB_HOST_NAME, startJumpHost, type JumpHost } from '../lab/jump-host.ts';
import type { CheckResult } from '../result.ts';

const TAGS = '@NSC-18 or @NSC-19';
const RUN_TIMEOUT_MS = 300_000;
/** Where the catalog rules NSC-18/19 out (as support/http/http.lab.test.ts lists them). */
const CATALOG_NOT_APPLICABLE = [
  ...['wazo-agid', 'wazo-confgend', 'wazo-dxtora', 'wazo-websocketd'].map((s) => `${s} NSC-18`),
  ...['wazo-agid', 'wazo-confgend', 'wazo-dxtora', 'wazo-phoned', 'wazo-sysconfd'].map((s) => `${s} NSC-19`),
].sort();
/** Daemons nginx does not serve: their NSC-18 reads only their own port, through SSH whatever the route. */
const OWN_PORT_ONLY = ['wazo-phoned NSC-18', 'wazo-sysconfd NSC-18'];
const DIRECT_NOTE =
  `DNS lookup of ${LAB_HOST_NAME}:443 failed ` +
  '(directly from the runner (https.route: direct); with a jump host use https.route: ssh)';

const notApplicable = (results: readonly CheckResult[]) =>
  results
    .filter((r) => r.status === 'not-applicable')
    .map((r) => `${r.service} ${r.item}`)
    .sort();

void describe('HTTPS behind a bastion (lab and jump host)', () => {
  let lab: Lab;
  let jump: JumpHost;
  let work: string;
  let config: string;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'wla-bastion-'));
    lab = await startLab({ dir: join(work, 'lab') });
    jump = await startJumpHost(lab);
    writeFileSync(join(work, 'known_hosts'), jump.knownHosts);
    const settings = {
      host: LAB_HOST_NAME,
      ssh: {
        keyFile: join(lab.dir, 'id_ed25519'),
        knownHostsFile: join(work, 'known_hosts'),
        jumpHost: jump.spec,
      },
      https: { caFile: join(lab.dir, 'ca.crt') },
    };
    config = join(work, 'config.yml');
    writeFileSync(config, stringify(settings));
  });

  after(async () => {
    await jump?.stop();
    await lab?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  void test('the runner itself cannot resolve the lab: only the jump host knows the name', async () => {
    await assert.rejects(lookup(LAB_HOST_NAME), { code: 'ENOTFOUND' });
  });

  void test('the default route with a jump host is ssh, and NSC-18/19 pass through it as on the plain lab', async () => {
    const reports = join(work, 'reports-ssh');
    const run = await runCli(
      ['--config', config, '--tags', TAGS, '--report-dir', reports, '--report', 'junit'],
      RUN_TIMEOUT_MS,
    );
    const unexpected = run.results.filter((r) => r.status !== 'passed' && r.status !== 'not-applicable');
    assert.deepEqual(
      unexpected.map((r) => `${r.status}: ${r.message}`),
      [],
      run.output,
    );
    assert.deepEqual(notApplicable(run.results), CATALOG_NOT_APPLICABLE);
    assert.ok(run.results.filter((r) => r.status === 'passed').length >= 20, run.output);
    assert.equal(run.exitCode, EXIT_PASSED, run.output);
    const meta = JSON.parse(readFileSync(join(reports, 'run-meta.json'), 'utf8')) as { httpsRoute?: unknown };
    assert.equal(meta.httpsRoute, 'ssh');
    assert.match(
      readFileSync(join(reports, 'junit.xml'), 'utf8'),
      /<property name="https.route" value="ssh"\/>/,
    );
    process.stderr.write(`[bastion] route ssh: ${run.results.length} results in ${run.durationMs} ms\n`);
  });

  void test('route direct cannot check NSC-18/19 and each result says it was dialled from the runner', async () => {
    const run = await runCli(['--config', config, '--tags', TAGS, '--https-route', 'direct'], RUN_TIMEOUT_MS);
    const passed = run.results.filter((r) => r.status === 'passed').map((r) => `${r.service} ${r.item}`);
    assert.deepEqual(passed.sort(), OWN_PORT_ONLY, run.output);
    const others = run.results.filter((r) => r.status !== 'passed' && r.status !== 'not-applicable');
    assert.ok(others.length >= 20, run.output);
    assert.deepEqual(
      others
        .filter((r) => r.status !== 'not-checked' || !r.message.includes(DIRECT_NOTE))
        .map((r) => r.message),
      [],
    );
    assert.deepEqual(notApplicable(run.results), CATALOG_NOT_APPLICABLE);
    // Not checked is 1, not 2: the run reached the host (the snapshot, the daemons' own ports).
    assert.equal(run.exitCode, EXIT_CHECK_FAILED, run.output);
    process.stderr.write(`[bastion] route direct: ${run.results.length} results in ${run.durationMs} ms\n`);
  });
});
