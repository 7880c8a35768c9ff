// The lab host itself: it boots, lets our key in (and only our key) over strict SSH, serves HTTPS the
// lab CA vouches for, redirects HTTP, reboots, and is found again from its state file.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { containerEngine } from './engine.ts';
import { execInContainer } from './exec.ts';
import { labFromState, startLab, startLabWithFigures } from './lab.ts';
import type { Lab, LabFigures } from './lab.ts';
import { contextFiles, contextHash, imageTag } from './image-context.ts';
import { LAB_SOURCES, REPO_ROOT } from './paths.ts';

const DIR = join(REPO_ROOT, '.lab', `lab-test-${process.pid}`);
const BUILD_AND_BOOT_MS = 20 * 60_000;

let lab: Lab;
let figures: LabFigures;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function ssh(user: string, command: string[], knownHosts = join(DIR, 'known_hosts')): Promise<Run> {
  const args = [
    '-o',
    'BatchMode=yes',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    `UserKnownHostsFile=${knownHosts}`,
  ];
  args.push('-o', 'GlobalKnownHostsFile=/dev/null', '-o', 'ConnectTimeout=10', '-i', join(DIR, 'id_ed25519'));
  args.push('-p', String(lab.sshPort), `${user}@127.0.0.1`, ...command);
  return run('ssh', args);
}

function run(file: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
      resolve({ code, stdout, stderr });
    });
  });
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

function httpsGet(path: string, options: { ca?: string; servername?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      { host: '127.0.0.1', port: lab.httpsPort, path, timeout: 10_000, ...options },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, headers: res.headers });
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`no answer from https://127.0.0.1:${lab.httpsPort}${path} in 10 s`)),
    );
    req.on('error', reject);
    req.end();
  });
}

function httpGet(port: number, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, timeout: 10_000 }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from http://127.0.0.1:${port}${path} in 10 s`)));
    req.on('error', reject);
    req.end();
  });
}

function state(): { ports: { http: number; ssh: number; https: number }; containerId: string } {
  return JSON.parse(readFileSync(join(DIR, 'state.json'), 'utf8')) as ReturnType<typeof state>;
}

void describe('the lab host', { timeout: BUILD_AND_BOOT_MS + 10 * 60_000 }, () => {
  before(
    async () => {
      ({ lab, figures } = await startLabWithFigures({ dir: DIR }));
    },
    { timeout: BUILD_AND_BOOT_MS },
  );

  after(async () => {
    await lab?.stop();
    rmSync(DIR, { recursive: true, force: true });
  });

  void test('boots to "running" and leaves ready-to-use files', (t) => {
    t.diagnostic(
      `image ${figures.image} ${figures.buildMs === null ? 'cached' : `built in ${figures.buildMs} ms`}; ` +
        `create-to-running ${figures.bootMs} ms; with key and configs ${figures.readyMs} ms`,
    );
    for (const name of [
      'config.yml',
      'config-qa.yml',
      'config-qa-pw.yml',
      'id_ed25519',
      'known_hosts',
      'ca.crt',
    ]) {
      assert.ok(existsSync(join(DIR, name)), `${name} missing`);
    }
    assert.equal(lab.configFile, join(DIR, 'config.yml'));
    assert.equal(lab.qaConfigFile, join(DIR, 'config-qa.yml'));
    assert.equal(state().containerId, lab.containerId);
    assert.match(
      readFileSync(join(DIR, 'config.yml'), 'utf8'),
      new RegExp(`\n {2}port: ${lab.sshPort}\n {2}user: root\n`),
    );
  });

  void test('root and qa log in with strict host-key checking', async () => {
    assert.deepEqual(await ssh('root', ['id', '-un']), { code: 0, stdout: 'root\n', stderr: '' });
    assert.deepEqual(await ssh('qa', ['id', '-un']), { code: 0, stdout: 'qa\n', stderr: '' });
  });

  void test('an unknown host key is refused by strict checking', async () => {
    const empty = join(DIR, 'empty_known_hosts');
    writeFileSync(empty, '');
    const result = await ssh('root', ['true'], empty);
    assert.equal(result.code, 255);
    assert.match(result.stderr, /Host key verification failed\./);
  });

  void test('passwords are not accepted, only keys', async () => {
    const args = [
      '-o',
      'BatchMode=yes',
      '-o',
      'StrictHostKeyChecking=yes',
      '-o',
      `UserKnownHostsFile=${join(DIR, 'known_hosts')}`,
    ];
    args.push(
      '-o',
      'PubkeyAuthentication=no',
      '-o',
      'PreferredAuthentications=password,keyboard-interactive',
    );
    const result = await run('ssh', [...args, '-p', String(lab.sshPort), 'root@127.0.0.1', 'true']);
    assert.equal(result.code, 255);
    assert.match(result.stderr, /Permission denied \(publickey\)\./);
  });

  void test('qa may sudo without a password; qa-pw is asked for one', async () => {
    assert.deepEqual(await ssh('qa', ['sudo', '-n', 'id', '-un']), { code: 0, stdout: 'root\n', stderr: '' });
    assert.deepEqual(await ssh('qa-pw', ['sudo', '-n', 'true']), {
      code: 1,
      stdout: '',
      stderr: 'sudo: a password is required\n',
    });
  });

  void test('HTTPS verifies against the lab CA for 127.0.0.1 and localhost, with HSTS', async () => {
    const ca = readFileSync(join(DIR, 'ca.crt'), 'utf8');
    const byAddress = await httpsGet('/', { ca });
    assert.equal(byAddress.status, 200);
    assert.equal(byAddress.headers['strict-transport-security'], 'max-age=31536000');
    assert.equal((await httpsGet('/', { ca, servername: 'localhost' })).status, 200);
  });

  void test('HTTPS does not verify without the lab CA, nor for another name', async () => {
    await assert.rejects(httpsGet('/', {}), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    const ca = readFileSync(join(DIR, 'ca.crt'), 'utf8');
    await assert.rejects(httpsGet('/', { ca, servername: 'wazo.example.com' }), {
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
  });

  void test('port 80 redirects to https with 301', async () => {
    const answer = await httpGet(state().ports.http, '/api/confd/1.1/infos?x=1');
    assert.equal(answer.status, 301);
    assert.equal(answer.headers['location'], 'https://127.0.0.1/api/confd/1.1/infos?x=1');
  });

  void test('the access log masks tokens', async () => {
    const ca = readFileSync(join(DIR, 'ca.crt'), 'utf8');
    await httpsGet('/nowhere?token=0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d', { ca });
    // nginx logs a request after answering it: the line may land a moment after the client has the answer (the
    // clean-clone CI rehearsal read the line before it).
    let log = { exitCode: -1, output: '' };
    for (let waited = 0; waited <= 3000 && !log.output.includes('/nowhere?'); waited += 100) {
      if (waited > 0) await sleep(100);
      log = await lab.exec(['tail', '-n', '1', '/var/log/nginx/wazo.access.log']);
    }
    assert.equal(log.exitCode, 0);
    assert.match(log.output, /"GET \/nowhere\?token=XXXXXXXX-XXXX-XXXX-XXXX-XXXX2a3b4c5d HTTP\/1\.1" 404 /);
    assert.doesNotMatch(log.output, /0a1b2c3d/);
  });

  void test("wazo-confd's API spec answers through nginx", async () => {
    const location = await lab.exec(['test', '-e', '/etc/nginx/locations/https-enabled/wazo-confd']);
    assert.equal(location.exitCode, 0, 'the replica enables the wazo-confd nginx location');
    const ca = readFileSync(join(DIR, 'ca.crt'), 'utf8');
    assert.equal((await httpsGet('/api/confd/1.1/api/api.yml', { ca })).status, 200);
  });

  void test("monit's httpd answers at once (no start delay in the lab)", async () => {
    const status = await lab.exec(['monit', 'status']);
    assert.equal(status.exitCode, 0, status.output);
    assert.match(status.output, /^Monit 5\.\d+\.\d+ uptime: /m);
  });

  void test('exec reports exit codes and output; unknown mutations are named', async () => {
    assert.deepEqual(await lab.exec(['sh', '-c', 'echo out; echo err >&2; exit 3']), {
      exitCode: 3,
      output: 'out\nerr\n',
    });
    await assert.rejects(lab.applyMutation('no-such-mutation'), {
      code: 'CONFIG_ERROR',
      message: `lab mutation "no-such-mutation": ${join(REPO_ROOT, 'fixtures/lab/mutations/no-such-mutation.sh')} cannot be read`,
    });
  });

  void test('a command that outlives its timeout is stopped and reported', async () => {
    const engine = await containerEngine(() => undefined);
    await assert.rejects(execInContainer(engine, lab.containerId, ['sleep', '30'], 1000, 'lab x'), {
      code: 'TIMED_OUT',
      message: 'lab x: "sleep" did not finish within 1000 ms',
    });
  });

  void test('another process attaches from state.json, and reuse returns the running lab', async (t) => {
    const attached = await labFromState(DIR);
    assert.equal(attached.containerId, lab.containerId);
    assert.equal(attached.sshPort, lab.sshPort);
    if (imageTag(contextHash(LAB_SOURCES, contextFiles(LAB_SOURCES))) !== figures.image) {
      return t.skip(
        'fixtures/lab changed during this test: reuse would rightly start a lab on the new image',
      );
    }
    const reused = await startLab({ dir: DIR, reuse: true });
    assert.equal(reused.containerId, lab.containerId);
  });

  void test('reboot boots systemd again and SSH still verifies', async (t) => {
    const bootOf = async () => (await lab.exec(['stat', '-c', '%Y', '/proc/1'])).output.trim();
    const before = await bootOf();
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await lab.reboot();
    t.diagnostic(`reboot to running: ${Math.round(performance.now() - started - 1100)} ms`);
    assert.notEqual(await bootOf(), before);
    assert.deepEqual(await ssh('root', ['systemctl', 'is-system-running']), {
      code: 0,
      stdout: 'running\n',
      stderr: '',
    });
  });

  void test('a boot that ends degraded fails naming the failed unit', async () => {
    const unit =
      '[Unit]\nDescription=wla broken\n[Service]\nType=oneshot\nExecStart=/bin/false\n[Install]\nWantedBy=multi-user.target\n';
    const install = await lab.exec([
      'sh',
      '-c',
      'printf "$1" >/etc/systemd/system/wla-broken.service && systemctl enable -q wla-broken',
      'sh',
      unit,
    ]);
    assert.equal(install.exitCode, 0, install.output);
    await assert.rejects(lab.reboot(), (err: Error & { code?: string }) => {
      assert.equal(err.code, 'REMOTE_COMMAND_FAILED');
      assert.match(
        err.message,
        /^lab container wazo-lab-[0-9a-f]{10} \([0-9a-f]{12}\): systemd answered "degraded" after \d+ ms, expected "running"; failed units:\n(?: {2}.*\n)* {2}wla-broken\.service\s+loaded\s+failed\s+failed\s+wla broken(?:\n {2}.*)*$/,
      );
      return true;
    });
  });

  void test('stop removes the container and the lab files', async () => {
    const id = lab.containerId;
    await lab.stop();
    assert.equal(existsSync(join(DIR, 'state.json')), false);
    await assert.rejects(labFromState(DIR), { code: 'CONFIG_ERROR', message: /^no lab in / });
    const gone = await run('podman', ['container', 'exists', id]);
    if (gone.code !== null) assert.equal(gone.code, 1);
  });
});
