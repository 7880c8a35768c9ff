// `catalog draft` without a host: its help, its one --service, and its refusals (exit 0 / 2 through main()).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { ConfigError } from '../errors.ts';
import { splitService } from './catalog-command.ts';
import { catalogDraftHelp, catalogHelp } from './command-help.ts';
import { main } from './main.ts';

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const home = mkdtempSync(join(tmpdir(), 'wla-catalog-cli-'));
  const out = sink();
  const err = sink();
  try {
    const code = await main(argv, { stdout: out.stream, stderr: err.stream, env: {}, cwd: home, home });
    return { code, stdout: out.text(), stderr: err.text() };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

void test('catalog draft --help prints its usage and exits 0, before any configuration is read', async () => {
  for (const argv of [
    ['catalog', 'draft', '--help'],
    ['catalog', 'draft', '--service', 'x', '-h'],
    ['catalog', 'draft', '--bogus', '--help'],
  ]) {
    assert.deepEqual(await cli(argv), { code: 0, stdout: catalogDraftHelp(), stderr: '' });
  }
  assert.deepEqual(await cli(['catalog', '--help']), { code: 0, stdout: catalogHelp(), stderr: '' });
  assert.match(
    catalogDraftHelp(),
    /^ {2}3 {2}the host has no such daemon: no unit NAME\.service and no package NAME$/m,
  );
});

void test('--service is taken out of the run options, exactly once, in both spellings', () => {
  assert.deepEqual(splitService(['--host', 'h', '--service', 'wazo-newd']), {
    service: 'wazo-newd',
    rest: ['--host', 'h'],
  });
  assert.deepEqual(splitService(['--service=wazo-newd', '--insecure']), {
    service: 'wazo-newd',
    rest: ['--insecure'],
  });
  assert.throws(
    () => splitService(['--host', 'h']),
    new ConfigError('catalog draft needs exactly one --service NAME, the daemon to draft (found 0)'),
  );
  assert.throws(
    () => splitService(['--service', 'a', '--service=b']),
    new ConfigError('catalog draft needs exactly one --service NAME, the daemon to draft (found 2)'),
  );
  assert.throws(
    () => splitService(['--service', '--host']),
    new ConfigError('--service needs a value: NAME'),
  );
});

void test('a daemon name holding shell code or a line break is refused, shown escaped', () => {
  assert.throws(
    () => splitService(['--service', 'x$(id)\nfake']),
    new ConfigError(
      `--service: "x$(id)\\nfake" is not allowed: a daemon name (letters, digits, '.', '_', '+', '-'; at most 100)`,
    ),
  );
});

void test('bad input exits 2 with one line naming what was wrong; nothing connects', async () => {
  assert.deepEqual(await cli(['catalog']), {
    code: 2,
    stdout: '',
    stderr: 'wazo-live-acceptance: catalog needs a subcommand: draft (found none; see catalog --help)\n',
  });
  assert.deepEqual(await cli(['catalog', 'undraft']), {
    code: 2,
    stdout: '',
    stderr: 'wazo-live-acceptance: catalog needs a subcommand: draft (found "undraft"; see catalog --help)\n',
  });
  const noHost = await cli(['catalog', 'draft', '--service', 'wazo-newd']);
  assert.equal(noHost.code, 2);
  assert.match(
    noHost.stderr,
    /^wazo-live-acceptance: host: missing: the target to check; give --host, WAZO_HOST or "host:" in the config file \(.*\/config\.yml\)\n$/,
  );
  assert.deepEqual(await cli(['catalog', 'draft', '--host', 'h', '--service', 'a', '--bogus']), {
    code: 2,
    stdout: '',
    stderr: `wazo-live-acceptance: unknown option --bogus; allowed options: ${await allowed()}\n`,
  });
});

async function allowed(): Promise<string> {
  const { OPTIONS } = await import('./options.ts');
  return OPTIONS.map((option) => option.name).join(', ');
}
