// The bounded waits of fixtures/lab/await.sh, run by bash as the lab runs them (helpers, then the script, $0 its
// name), and a guard that every mutation and variant which restarts or reloads something waits for its effect.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { LAB_SOURCES } from './paths.ts';

const HELPERS = readFileSync(join(LAB_SOURCES, 'await.sh'), 'utf8');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function runScript(script: string): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      'bash',
      ['-c', `${HELPERS}\nset -euo pipefail\n${script}`, 'lab-test'],
      { timeout: 20_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

void test('lab_await returns once the command succeeds', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wla-await-'));
  try {
    const run = await runScript(
      `third() { echo x >>${dir}/tries; [ "$(wc -l <${dir}/tries)" -ge 3 ]; }\n` +
        'lab_await 10 "a third try" third\necho "done after $(wc -l <' +
        `${dir}/tries) tries"`,
    );
    assert.deepEqual(run, { code: 0, stdout: 'done after 3 tries\n', stderr: '' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('lab_await fails the script after its bound, naming what it awaited and what it saw last', async () => {
  const started = performance.now();
  const run = await runScript(
    'never() { echo "state: off"; false; }\nlab_await 1 "the switch on" never\necho unreached',
  );
  assert.deepEqual(run, {
    code: 1,
    stdout: '',
    stderr: 'lab-test: the switch on: not seen after 1 s (last: state: off)\n',
  });
  assert.ok(performance.now() - started < 5_000);
});

void test('lab_await_http waits for the status, and says which one it saw last', async () => {
  let answers = 0;
  const server = createServer((_request, response) => {
    answers++;
    response.writeHead(answers < 3 ? 401 : 404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/confd/1.1/infos`;
  try {
    assert.deepEqual(await runScript(`lab_await_http ${url} 404 10; echo answered`), {
      code: 0,
      stdout: 'answered\n',
      stderr: '',
    });
    assert.equal(answers, 3);
    assert.deepEqual(await runScript(`lab_await_http ${url} 401 1`), {
      code: 1,
      stdout: '',
      stderr: `lab-test: ${url} answering 401: not seen after 1 s (last: 404)\n`,
    });
  } finally {
    server.close();
  }
});

void test('lab_await_http says 000 when nothing answers', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.deepEqual(await runScript(`lab_await_http http://127.0.0.1:${port}/ 200 1`), {
    code: 1,
    stdout: '',
    stderr: `lab-test: http://127.0.0.1:${port}/ answering 200: not seen after 1 s (last: 000)\n`,
  });
});

void test('lab_await_listening names the port nothing listens on', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  try {
    assert.deepEqual(await runScript(`lab_await_listening ${port} 1; echo listening`), {
      code: 0,
      stdout: 'listening\n',
      stderr: '',
    });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  assert.deepEqual(await runScript(`lab_await_listening ${port} 1`), {
    code: 1,
    stdout: '',
    stderr: `lab-test: a listener on tcp port ${port}: not seen after 1 s (last: nothing listens on tcp port ${port})\n`,
  });
});

// A stand-in for nginx's master: two workers; on SIGHUP it starts two new ones, then stops the old ones (as nginx
// does after parsing the configuration), so for a while old and new workers serve side by side.
const MASTER = `
spawn() { sleep 300 & sleep 300 & }
trap 'old=$(jobs -p); sleep 0.3; spawn; sleep 0.3; kill $old' HUP
trap 'kill $(jobs -p) 2>/dev/null; exit 0' TERM
spawn
echo ready
while true; do wait || true; done
`;

void test('lab_workers_replaced holds until none of the workers from before the reload is left', async () => {
  const master = spawn('bash', ['-c', MASTER], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    await new Promise<void>((resolve) => master.stdout.once('data', () => resolve()));
    const pid = String(master.pid);
    const before = await runScript(`pgrep -P ${pid} | sort`);
    const old = before.stdout.trim();
    assert.equal(old.split('\n').length, 2, before.stdout);
    const kept = await runScript(`lab_workers_replaced ${pid} "${old}"`);
    assert.deepEqual(kept, {
      code: 1,
      stdout: `workers now: ${old.replace('\n', ' ')}, still from before the reload: ${old.replace('\n', ' ')}\n`,
      stderr: '',
    });
    const reloaded = await runScript(
      `kill -HUP ${pid}\nlab_await 10 "new workers" lab_workers_replaced ${pid} "${old}"\n` +
        `lab_workers_replaced ${pid} "${old}"`,
    );
    assert.equal(reloaded.code, 0, reloaded.stderr);
    const now = reloaded.stdout.trim().replace('workers now: ', '').split(' ');
    assert.equal(now.length, 2, reloaded.stdout);
    for (const worker of now) assert.ok(!old.split('\n').includes(worker), reloaded.stdout);
  } finally {
    master.kill('SIGTERM');
  }
});

const SCRIPTS = ['mutations', 'variants'].flatMap((kind) =>
  readdirSync(join(LAB_SOURCES, kind))
    .filter((name) => name.endsWith('.sh'))
    // The new-daemon variant and its newd-* mutations are the new-daemon work's, with their own waits.
    .filter((name) => name !== 'new-daemon.sh' && !name.startsWith('newd-'))
    .map((name) => `${kind}/${name}`),
);

/** What makes a daemon, nginx or monit act after the script has returned. */
const ASYNC_EFFECT = /\bsystemctl (?:restart|start|reload)\b|\bmonit reload\b|\bdpkg -i\b/;

void test('every mutation and variant that restarts or reloads something waits (bounded) for its effect', () => {
  assert.ok(SCRIPTS.length >= 25, SCRIPTS.join(' '));
  const problems: string[] = [];
  for (const script of SCRIPTS) {
    const lines = readFileSync(join(LAB_SOURCES, script), 'utf8')
      .split('\n')
      .map((line) => (line.trimStart().startsWith('#') ? '' : line));
    if (lines.some((line) => /\bsystemctl reload nginx\b/.test(line))) {
      problems.push(`${script}: reloads nginx without lab_reload_nginx`);
    }
    if (lines.some((line) => /\bfor _ in \$\(seq\b/.test(line))) {
      problems.push(`${script}: polls in a loop of its own instead of lab_await`);
    }
    const last = lines.findLastIndex((line) => ASYNC_EFFECT.test(line));
    if (last >= 0 && !lines.slice(last + 1).some((line) => /\blab_(?:await\w*|reload_nginx)\b/.test(line))) {
      problems.push(`${script}:${last + 1}: "${lines[last]?.trim()}" is not followed by a lab_await`);
    }
  }
  assert.deepEqual(problems, []);
});
