// The CLI's side of https.route: --print-config shows the resolved route, a bad one exits 2 naming the allowed values.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { main } from './main.ts';
import { Sink } from './testing/in-process.ts';

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await main(argv, { stdout, stderr, env, cwd: '/', home: '/nonexistent-home' });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

function routeLine(printed: string): string | undefined {
  return printed.split('\n').find((line) => line.trim().startsWith('route:'));
}

void test('--print-config shows the route the config layer chose: ssh with a jump host, else direct', async () => {
  const plain = await cli(['--host', 'wazo-1', '--print-config']);
  assert.equal(plain.code, 0);
  assert.equal(routeLine(plain.stdout), '  route: direct');
  const jumped = await cli(['--host', 'wazo-1', '--jump-host', 'admin@bastion', '--print-config']);
  assert.equal(routeLine(jumped.stdout), '  route: ssh');
  const forced = await cli(['--host', 'wazo-1', '--print-config'], { WAZO_HTTPS_ROUTE: 'ssh' });
  assert.equal(routeLine(forced.stdout), '  route: ssh');
});

void test('a bad --https-route exits 2 with the allowed values, before any connection', async () => {
  const outcome = await cli(['--host', 'wazo-1', '--https-route', 'proxy']);
  assert.equal(outcome.code, 2);
  assert.equal(outcome.stdout, '');
  assert.equal(
    outcome.stderr,
    'wazo-live-acceptance: https.route: "proxy" is not allowed: one of direct (from the runner to host:port), ' +
      'ssh (through the SSH connection to 127.0.0.1:port on the host) (from --https-route)\n',
  );
});
