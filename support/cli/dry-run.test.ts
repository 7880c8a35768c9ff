// --dry-run's listing from planned scenarios and the shipped catalog's applicability.
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { loadCatalog } from '../catalog/load.ts';
import { DEFAULT_CATALOG_FILE } from '../config/defaults.ts';
import { PACKAGE_ROOT } from '../config/defaults.ts';
import { MessageBuilder } from '../report/testing/message-builder.ts';
import { dryRunListing, plannedChecks } from './dry-run.ts';
import { main } from './main.ts';

const catalog = loadCatalog(DEFAULT_CATALOG_FILE);

function planned(scenarios: [string, string][]): ReturnType<typeof plannedChecks> {
  const builder = new MessageBuilder();
  for (const [name, tag] of scenarios) builder.scenario({ name, tags: ['@daily', tag], started: false });
  return plannedChecks(builder.envelopes(), catalog);
}

void test('each planned scenario is a check that runs or one the catalog says does not apply, with why', () => {
  const checks = planned([
    ['wazo-sysconfd: the default user is not root', '@NSC-01'],
    ['wazo-sysconfd: the PID file is writable', '@NSC-05'],
    ['the catalog describes the host', '@CATALOG'],
  ]);
  assert.deepEqual(checks, [
    { service: 'wazo-sysconfd', item: 'NSC-01' },
    { service: 'wazo-sysconfd', item: 'NSC-05', notApplicable: 'no PID file (wazo-facts.md §4)' },
    { service: '(host-wide)', item: 'CATALOG' },
  ]);
});

void test("the listing groups per daemon in the catalog's order, host-wide last, items sorted, once each with their scenario count", () => {
  const checks = planned([
    ['wazo-sysconfd: the PID file is writable', '@NSC-05'],
    ['the catalog describes the host', '@CATALOG'],
    ['wazo-sysconfd: the default user is not root', '@NSC-01'],
    ['wazo-amid: the log file is writable', '@NSC-04'],
    ['wazo-amid: the default user is not root', '@NSC-01'],
    ['wazo-amid: the default user is not root', '@NSC-01'],
  ]);
  assert.equal(
    dryRunListing(checks, catalog, { host: 'wazo-1', profile: 'daily' }),
    [
      `dry run: profile daily on wazo-1, catalog ${DEFAULT_CATALOG_FILE}`,
      '5 checks would run, 1 do not apply (catalog), over 2 daemons',
      '(checks that run may still find an item not applicable on the host, e.g. a daemon that is not running)',
      '',
      'wazo-sysconfd',
      '  run  NSC-01',
      '  n/a  NSC-05: no PID file (wazo-facts.md §4)',
      '',
      'wazo-amid',
      '  run  NSC-01(2) NSC-04',
      '',
      '(host-wide)',
      '  run  CATALOG',
      '',
    ].join('\n'),
  );
});

void test('no host given: the listing says any host; a daemon with nothing to run shows a dash', () => {
  const checks = planned([['wazo-sysconfd: the PID file is writable', '@NSC-05']]);
  const text = dryRunListing(checks, catalog, { host: '', profile: 'ha-slave' });
  assert.match(text, /^dry run: profile ha-slave on any host, /);
  assert.match(text, /\nwazo-sysconfd\n {2}run {2}-\n {2}n\/a {2}NSC-05: no PID file/);
});

void test(
  'the real CLI: --dry-run --service lists that daemon without a host or a connection',
  { timeout: 120_000 },
  async () => {
    let stdout = '';
    let stderr = '';
    const sink = (write: (text: string) => void): Writable =>
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          write(chunk.toString());
          done();
        },
      });
    const io = {
      stdout: sink((text) => (stdout += text)),
      stderr: sink((text) => (stderr += text)),
      env: {},
      cwd: PACKAGE_ROOT,
      home: tmpdir(),
    };
    const code = await main(['--dry-run', '--service', 'wazo-sysconfd', '--tags', '@NSC-01 or @NSC-05'], io);
    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.equal(
      stdout,
      [
        `dry run: profile daily on any host, catalog ${DEFAULT_CATALOG_FILE}`,
        '1 check would run, 1 do not apply (catalog), over 1 daemon',
        '(checks that run may still find an item not applicable on the host, e.g. a daemon that is not running)',
        '',
        'wazo-sysconfd',
        '  run  NSC-01',
        '  n/a  NSC-05: no PID file (wazo-facts.md §4)',
        '',
      ].join('\n'),
    );
  },
);
