// Proofs on one lab: the daily run leaves the host as it was, hostile catalog paths run nothing, faults end clearly, secrets never show.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse, stringify } from 'yaml';
import { DEFAULT_CATALOG_FILE } from '../config/defaults.ts';
import { PACKAGE_ROOT } from '../config/defaults.ts';
import { startLabWithFigures } from '../lab/lab.ts';
import type { Lab } from '../lab/lab.ts';
import { newKeyPair } from '../ssh/testing/keys.ts';
import { readResults } from '../cli/testing/run-cli.ts';
import { runCliProcess } from './cli-process.ts';
import type { CliProcessRun } from './cli-process.ts';
import { UNIT_TIMES_SCRIPT, diffManifests, manifestScript } from './testing/manifest.ts';

const RUN_TIMEOUT_MS = 420_000;
const PREFIX = 'wazo-live-acceptance: ';
const MARKER = '/tmp/wla-proof-pwned';

let lab: Lab;
let reused = false;
let work: string;

function cli(args: string[], env: Record<string, string> = {}): Promise<CliProcessRun> {
  return runCliProcess(['--config', lab.configFile, ...args], { cwd: work, env, timeoutMs: RUN_TIMEOUT_MS });
}

async function inLab(script: string): Promise<string> {
  const result = await lab.exec(['sh', '-c', script]);
  assert.equal(result.exitCode, 0, `in the lab: ${script}\n${result.output}`);
  return result.output;
}

/** The host's state: files of the five roots, and every unit's ActiveEnterTimestamp. */
async function snapshot(): Promise<{ files: string; units: string }> {
  return { files: maskAppendOnlyLogs(await inLab(manifestScript())), units: await inLab(UNIT_TIMES_SCRIPT) };
}

/**
 * Log files take a line per visit (nginx's access log, each daemon's request log) and monit polls
 * confgend every cycle: their size, time and content may change, their type, owner and mode may not.
 * pam_motd rewrites /run/motd.dynamic at every SSH login (so /run's own mtime moves too).
 */
function maskAppendOnlyLogs(manifest: string): string {
  return manifest
    .split('\n')
    .filter((line) => !line.startsWith('/run/motd.dynamic\t'))
    .map((line) => {
      const fields = line.split('\t');
      const path = fields[0] ?? '';
      const isLog = path.startsWith('/var/log/') && /\.log(\.\d+)?$/.test(path) && fields[1] === 'f';
      // sshd and logind add /run/sshd and /run/user (pruned) at the first login: /run's size moves too.
      const loginTouched = path === '/run' && fields[1] === 'd';
      if (isLog) return [...fields.slice(0, 5), '-', '-', '-'].join('\t');
      if (loginTouched) return [...fields.slice(0, 5), '-', '-', '-'].join('\t');
      return line;
    })
    .join('\n');
}

function allText(dir: string): string {
  let text = '';
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    text += statSync(path).isDirectory() ? allText(path) : readFileSync(path, 'latin1');
  }
  return text;
}

void describe('proofs on the lab', () => {
  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'wla-proofs-'));
    const started = await startLabWithFigures({
      dir: process.env['WLA_PROOFS_LAB_DIR'] ?? join(work, 'lab'),
      reuse: true,
    });
    lab = started.lab;
    reused = started.figures.reused;
  });

  after(async () => {
    if (lab && !reused) await lab.stop();
    rmSync(work, { recursive: true, force: true });
  });

  void test('read-only: a full daily run changes no file and restarts no unit', async () => {
    const before = await snapshot();
    const run = await cli(['--profile', 'daily']);
    assert.ok(run.code === 0 || run.code === 1, `exit ${run.code}:\n${run.stderr.slice(-2000)}`);
    const after = await snapshot();
    assert.deepEqual(diffManifests(before.files, after.files), []);
    assert.deepEqual(diffManifests(before.units, after.units, ' '), []);
  });

  void test('read-only: catalog draft (snapshot, open files, spec fetches) changes no file and restarts no unit', async () => {
    const before = await snapshot();
    const args = ['catalog', 'draft', '--config', lab.configFile, '--service', 'wazo-provd'];
    const run = await runCliProcess(args, { cwd: work, timeoutMs: RUN_TIMEOUT_MS });
    assert.equal(run.code, 0, run.stderr.slice(-2000));
    const after = await snapshot();
    assert.deepEqual(diffManifests(before.files, after.files), []);
    assert.deepEqual(diffManifests(before.units, after.units, ' '), []);
  });

  void test('read-only, negative: the same comparison names the file a writing step leaves', async () => {
    const before = await snapshot();
    const cucumber = join(PACKAGE_ROOT, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
    const config = 'fixtures/proofs/cucumber.mjs'; // cucumber resolves it from its cwd
    const output = execFileSync(process.execPath, [cucumber, '--config', config], {
      cwd: PACKAGE_ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOME: work, WAZO_CONFIG: lab.configFile },
      timeout: RUN_TIMEOUT_MS,
      encoding: 'utf8',
    });
    assert.match(output, /1 scenario \(1 passed\)/);
    try {
      const changes = diffManifests(before.files, (await snapshot()).files);
      assert.ok(
        changes.some((line) => line.startsWith('added /var/lib/wla-proof-written\tf\troot\troot\t644\t0\t')),
        `expected the marker among the changes:\n${changes.join('\n')}`,
      );
    } finally {
      await inLab('rm -f /var/lib/wla-proof-written');
    }
  });

  void test('hostile paths in a user catalog stay data: nothing runs on the host', async () => {
    const shipped = parse(readFileSync(DEFAULT_CATALOG_FILE, 'utf8')) as {
      services: Record<string, unknown>[];
    };
    const hostile = [
      `/var/log/$(touch ${MARKER}).log`,
      `/var/log/\`touch ${MARKER}\`.log`,
      `/var/log/x;touch ${MARKER}`,
      '/--option',
    ];
    const confd = {
      ...shipped.services[0],
      logFiles: hostile,
      configPaths: [...hostile, '/etc/wazo-confd/config.yml'],
    };
    const catalog = join(work, 'hostile.yml');
    writeFileSync(catalog, stringify({ version: 1, services: [confd] }));
    // The marker technique works: a shell that evaluates the path does create the marker.
    await inLab(`echo /var/log/$(touch ${MARKER}).log >/dev/null; test -e ${MARKER} && rm ${MARKER}`);
    const run = await cli(['--catalog', catalog, '--tags', '@NSC-04 or @NSC-09']);
    assert.ok(run.code === 0 || run.code === 1, `exit ${run.code}:\n${run.stderr.slice(-2000)}`);
    assert.equal(
      (await lab.exec(['test', '-e', MARKER])).exitCode,
      1,
      'the marker exists: a hostile path ran',
    );
    assert.match(run.stdout + run.stderr, /\$\(touch \/tmp\/wla-proof-pwned\)/);
  });

  void test('a wrong key, a wrong passphrase and a changed host key: exit 2, one line each', async () => {
    const wrongKey = join(work, 'wrong_key');
    writeFileSync(wrongKey, newKeyPair().private, { mode: 0o600 });
    const key = await cli(['--key', wrongKey]);
    assert.equal(key.code, 2);
    assert.match(
      key.stderr,
      new RegExp(
        `^${PREFIX}cannot check 127\\.0\\.0\\.1: authentication as root@127\\.0\\.0\\.1:${lab.sshPort} failed.*\\n$`,
      ),
    );

    const encrypted = join(work, 'encrypted_key');
    copyFileSync(join(lab.dir, 'id_ed25519'), encrypted);
    execFileSync('ssh-keygen', ['-q', '-p', '-P', '', '-N', 'right-passphrase-Zq7', '-f', encrypted]);
    const wrong = await cli(['--key', encrypted], { WAZO_SSH_PASSPHRASE: 'wrong-passphrase-Xk4' });
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, new RegExp(`^${PREFIX}cannot check 127\\.0\\.0\\.1: .*passphrase.*\\n$`));
    assert.ok(!wrong.stderr.includes('wrong-passphrase-Xk4'));

    const changed = join(work, 'changed_known_hosts');
    const other = newKeyPair().public.split(' ');
    writeFileSync(changed, `[127.0.0.1]:${lab.sshPort} ${other[0]} ${other[1]}\n`);
    const hostKey = await cli(['--known-hosts', changed]);
    assert.equal(hostKey.code, 2);
    assert.match(
      hostKey.stderr,
      new RegExp(
        `^${PREFIX}cannot check 127\\.0\\.0\\.1: REMOTE HOST IDENTIFICATION HAS CHANGED for 127\\.0\\.0\\.1:${lab.sshPort}: .*\\n$`,
      ),
    );
  });

  void test('a certificate for another name: the HTTPS checks are not checked, with the reason', async () => {
    const config = parse(readFileSync(lab.configFile, 'utf8')) as Record<string, Record<string, unknown>>;
    const file = join(lab.dir, 'config-wrong-name.yml');
    writeFileSync(
      file,
      stringify({ ...config, https: { ...config['https'], serverName: 'not-the-lab.example' } }),
    );
    try {
      const run = await runCliProcess(['--config', file, '--service', 'wazo-confd', '--tags', '@NSC-19'], {
        cwd: work,
        timeoutMs: RUN_TIMEOUT_MS,
      });
      assert.equal(run.code, 1, run.stderr);
      assert.match(
        run.stdout,
        /wazo-confd on 127\.0\.0\.1: NSC-19 could not be checked: TLS certificate of 127\.0\.0\.1:\d+ rejected: hostname mismatch: cert is for /,
      );
      assert.match(
        run.stderr,
        /127\.0\.0\.1: 0 passed, 0 failed, 0 not applicable, 0 waived, \d+ not checked in /,
      );
    } finally {
      rmSync(file, { force: true });
    }
  });

  void test('nginx down: the route checks fail or are not checked, with a reason; the run completes', async () => {
    await inLab('systemctl stop nginx');
    try {
      const run = await cli(['--service', 'wazo-confd', '--tags', '@NSC-19 or @NSC-01']);
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stderr, /1 passed, /);
      assert.match(run.stdout + run.stderr, /wazo-confd/);
    } finally {
      await inLab('systemctl start nginx');
    }
  });

  void test('one daemon down: only its checks fail, the others pass, the run completes', async () => {
    await inLab('systemctl stop wazo-confd');
    const messages = join(work, 'daemon-down.ndjson');
    try {
      const run = await cli([
        '--service',
        'wazo-confd',
        '--service',
        'wazo-auth',
        '--tags',
        '@NSC-18',
        '--format',
        `message:${messages}`,
      ]);
      assert.equal(run.code, 1, run.stderr);
      const results = readResults(messages);
      const bad = results.filter((r) => r.status === 'failed' || r.status === 'not-checked');
      assert.ok(bad.length > 0, 'the stopped daemon was not noticed');
      assert.deepEqual([...new Set(bad.map((r) => r.service))], ['wazo-confd']);
      assert.ok(
        results.some((r) => r.service === 'wazo-auth' && r.status === 'passed'),
        JSON.stringify(results),
      );
    } finally {
      await inLab('systemctl start wazo-confd');
    }
  });

  void test('sshd restarted again and again during a run: the run completes', async () => {
    let done = false;
    const running = cli(['--profile', 'daily', '--service', 'wazo-confd', '--service', 'wazo-auth']).finally(
      () => (done = true),
    );
    let restarts = 0;
    // Bounded: at most 60 restarts, one a second, while the run lasts.
    while (!done && restarts < 60) {
      await inLab('systemctl restart ssh');
      restarts += 1;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const run = await running;
    assert.ok(restarts >= 2, `only ${restarts} restart(s) during the run`);
    assert.ok(run.code === 0 || run.code === 1, `exit ${run.code}:\n${run.stderr.slice(-2000)}`);
    assert.match(run.stderr, /127\.0\.0\.1: \d+ passed, /);
  });

  void test('secrets (key passphrase, Consul token, right and wrong) appear in no output or report', async () => {
    await lab.applyVariant('consul');
    const token = (await inLab('cat /var/lib/consul/master_token')).trim();
    const passphrase = 'lab-passphrase-Vw93q';
    const encrypted = join(work, 'encrypted_key_2');
    copyFileSync(join(lab.dir, 'id_ed25519'), encrypted);
    execFileSync('ssh-keygen', ['-q', '-p', '-P', '', '-N', passphrase, '-f', encrypted]);
    for (const consulToken of [token, 'wla-wrong-token-Hh28d']) {
      const reports = mkdtempSync(join(work, 'reports-'));
      const formats = ['message', 'junit', 'html', 'json'].flatMap((f) => [
        '--format',
        `${f}:${join(reports, `run.${f}`)}`,
      ]);
      const run = await cli(
        ['--key', encrypted, '--service', 'wazo-auth', '--service', 'wazo-dird', ...formats],
        {
          WAZO_SSH_PASSPHRASE: passphrase,
          WAZO_CONSUL_TOKEN: consulToken,
        },
      );
      assert.ok(run.code === 0 || run.code === 1, `exit ${run.code}:\n${run.stderr.slice(-2000)}`);
      const everything = run.stdout + run.stderr + allText(reports) + allText(lab.dir);
      for (const secret of [passphrase, consulToken]) {
        assert.ok(!everything.includes(secret), `a secret (${secret.length} chars) leaked`);
      }
      if (consulToken !== token) assert.match(run.stdout + run.stderr + allText(reports), /NSC-16/);
    }
  });

  void test('Consul down (consul variant): the discovery checks are not checked, with a reason', async () => {
    await inLab('systemctl stop consul');
    try {
      const run = await cli(['--service', 'wazo-auth', '--tags', '@NSC-16 or @NSC-01']);
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stdout, /wazo-auth on 127\.0\.0\.1: NSC-16 .*could not be checked: .*/);
      assert.match(
        run.stderr,
        /127\.0\.0\.1: 1 passed, 0 failed, 0 not applicable, 0 waived, 1 not checked in /,
      );
    } finally {
      await inLab('systemctl start consul');
    }
  });
});
