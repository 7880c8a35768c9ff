// https.route: its default follows the jump host; flags > WAZO_HTTPS_ROUTE > file; a bad value names the allowed ones.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseArgs } from '../cli/args.ts';
import { ConfigError } from '../errors.ts';
import { resolveConfig } from './resolve.ts';

const dir = mkdtempSync(join(tmpdir(), 'wla-route-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function configFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function routeOf(argv: string[], env: NodeJS.ProcessEnv = {}): string {
  const { run, flags } = parseArgs(['--host', 'wazo-1', ...argv], dir);
  const configFlag = run.configFlag === undefined ? {} : { configFlag: run.configFlag };
  return resolveConfig({ flags, ...configFlag, env, cwd: dir, home: dir }).config.https.route;
}

function configError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    assert.equal(error.code, 'CONFIG_ERROR');
    return error.message;
  }
  assert.fail('expected a ConfigError');
}

const ALLOWED =
  'one of direct (from the runner to host:port), ssh (through the SSH connection to 127.0.0.1:port on the host)';

void test('direct without a jump host, ssh with one, from whichever source names the jump host', () => {
  assert.equal(routeOf([]), 'direct');
  assert.equal(routeOf(['--jump-host', 'admin@bastion:22']), 'ssh');
  assert.equal(routeOf([], { WAZO_SSH_JUMP_HOST: 'bastion' }), 'ssh');
  const file = configFile('jump.yml', 'ssh:\n  jumpHost: admin@bastion\n');
  assert.equal(routeOf(['--config', file]), 'ssh');
});

void test('an explicit route wins over the default, in both directions', () => {
  assert.equal(routeOf(['--https-route', 'ssh']), 'ssh');
  assert.equal(routeOf(['--jump-host', 'bastion', '--https-route', 'direct']), 'direct');
  assert.equal(routeOf(['--jump-host', 'bastion'], { WAZO_HTTPS_ROUTE: 'direct' }), 'direct');
});

void test('the flag beats WAZO_HTTPS_ROUTE, which beats the file', () => {
  const file = configFile('route.yml', 'https:\n  route: ssh\n');
  assert.equal(routeOf(['--config', file]), 'ssh');
  assert.equal(routeOf(['--config', file], { WAZO_HTTPS_ROUTE: 'direct' }), 'direct');
  assert.equal(routeOf(['--config', file, '--https-route', 'ssh'], { WAZO_HTTPS_ROUTE: 'direct' }), 'ssh');
});

void test('a bad route is a configuration error naming its source and the allowed values', () => {
  assert.equal(
    configError(() => routeOf(['--https-route', 'tunnel'])),
    `https.route: "tunnel" is not allowed: ${ALLOWED} (from --https-route)`,
  );
  assert.equal(
    configError(() => routeOf([], { WAZO_HTTPS_ROUTE: 'SSH' })),
    `https.route: "SSH" is not allowed: ${ALLOWED} (from WAZO_HTTPS_ROUTE)`,
  );
  const file = configFile('bad-route.yml', 'https:\n  route: true\n');
  assert.equal(
    configError(() => routeOf(['--config', file])),
    `https.route: true is not allowed: ${ALLOWED} (in ${file})`,
  );
});
