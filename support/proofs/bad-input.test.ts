// The real CLI process on bad input and unreachable hosts (no lab): exit 2, one clear line, within a deadline.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { DEFAULT_CATALOG_FILE } from '../config/defaults.ts';
import { TempDir, newKeyPair } from '../ssh/testing/keys.ts';
import { runCliProcess } from './cli-process.ts';

const PREFIX = 'wazo-live-acceptance: ';
/** Generous: node + tsx start alone takes seconds on a loaded 2-core machine. */
const TIMEOUT_MS = 120_000;
const PWNED = '/tmp/wla-proof-pwned';

let dir: TempDir;
let key: string;

before(() => {
  dir = new TempDir('wla-bad-input-');
  key = dir.file('id_ed25519', newKeyPair().private);
  dir.file('known_hosts', '');
});

after(() => dir.remove());

/** The shipped wazo-confd entry with some fields replaced: everything else is valid. */
function confdWith(fields: Record<string, unknown>): Record<string, unknown> {
  const shipped = parse(readFileSync(DEFAULT_CATALOG_FILE, 'utf8')) as {
    services: Record<string, unknown>[];
  };
  return { ...shipped.services[0], ...fields };
}

function cli(args: string[]) {
  return runCliProcess(['--key', key, '--known-hosts', `${dir.path}/known_hosts`, ...args], {
    cwd: dir.path,
    timeoutMs: TIMEOUT_MS,
  });
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

void test('a closed loopback port: exit 2, one line naming the refusal', async () => {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  const run = await cli(['--host', '127.0.0.1', '--port', String(port)]);
  assert.equal(run.code, 2);
  assert.equal(
    run.stderr,
    `${PREFIX}cannot check 127.0.0.1: cannot reach root@127.0.0.1:${port}: connection to 127.0.0.1:${port} refused (ECONNREFUSED)\n`,
  );
  assert.equal(run.stdout, '');
});

void test('a name that does not resolve: exit 2, one line naming the DNS failure', async () => {
  const run = await cli(['--host', 'no-such-host.invalid']);
  assert.equal(run.code, 2);
  assert.equal(
    run.stderr,
    `${PREFIX}cannot check no-such-host.invalid: cannot reach root@no-such-host.invalid:22: DNS lookup of no-such-host.invalid failed (ENOTFOUND)\n`,
  );
});

void test('a blackhole (accepts, never speaks): exit 2 after the connect timeout, not a hang', async () => {
  const sockets: Socket[] = [];
  const blackhole = createServer((socket) => sockets.push(socket));
  const port = await listen(blackhole);
  const config = dir.file(
    'blackhole.yml',
    stringify({ host: '127.0.0.1', ssh: { port, connectTimeoutMs: 2000, keyFile: key } }),
  );
  try {
    const run = await cli(['--config', config]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, new RegExp(`^${PREFIX}cannot check 127\\.0\\.0\\.1: .*2000 ?ms.*\\n$`));
    assert.ok(sockets.length >= 1, 'the CLI never reached the blackhole');
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => blackhole.close(resolve));
  }
});

void test('a configuration value of the wrong type: exit 2 naming file, key, value and type', async () => {
  const config = dir.file('wrong-types.yml', 'host: 127.0.0.1\nssh:\n  port: "twenty-two"\n');
  const run = await cli(['--config', config]);
  assert.equal(run.code, 2);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /^wazo-live-acceptance: .*ssh\.port.*twenty-two.*\n$/);
  assert.ok(run.stderr.includes(config), `expected the file in: ${run.stderr}`);
});

void test('a catalog value of the wrong type: exit 2 naming the entry, the field and what is allowed', async () => {
  const catalog = dir.file(
    'wrong-types-catalog.yml',
    stringify({ version: 1, services: [confdWith({ ports: 'many' })] }),
  );
  const run = await cli(['--host', '127.0.0.1', '--catalog', catalog]);
  assert.equal(run.code, 2);
  assert.equal(
    run.stderr,
    `${PREFIX}catalog ${catalog} is invalid (1 problem):\n  services[0] (wazo-confd).ports: "many" is not allowed: a list of {port, address, protocol, ownerFree?}\n`,
  );
});

void test('unknown daemon names: exit 2 with the catalog list, before any connection', async () => {
  const run = await cli(['--host', '127.0.0.1', '--port', '1', '--service', 'wazo-nope']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^wazo-live-acceptance: .*wazo-nope.*wazo-confd.*wazo-dxtora/s);
  assert.doesNotMatch(run.stderr, /ECONNREFUSED/);
});

for (const name of [`$(touch ${PWNED})`, `\`touch ${PWNED}\``, 'a;touch x', 'a\nb', '--option']) {
  void test(`a daemon named ${JSON.stringify(name)} is refused (command line and catalog): exit 2`, async () => {
    const fromFlag = await cli(['--host', '127.0.0.1', '--port', '1', '--service', name]);
    assert.equal(fromFlag.code, 2);
    assert.match(
      fromFlag.stderr,
      /^wazo-live-acceptance: (services\[\d\]: .* is not allowed: a service name|unknown services .*: the catalog |--service needs a value)/,
    );
    const catalog = dir.file(
      `hostile-${Buffer.from(name).toString('hex')}.yml`,
      stringify({ version: 1, services: [confdWith({ name })] }),
    );
    const fromCatalog = await cli(['--host', '127.0.0.1', '--port', '1', '--catalog', catalog]);
    assert.equal(fromCatalog.code, 2);
    assert.match(
      fromCatalog.stderr,
      /^wazo-live-acceptance: catalog .* is invalid \(1 problem\):\n {2}services\[0\] .*\.name: .* is not allowed: a lowercase Debian-style name/s,
    );
    assert.equal(existsSync(PWNED), false);
  });
}
