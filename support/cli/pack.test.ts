// `npm pack` gives a package that installs with `npm install -g` and runs from any directory, catalog and all.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { loadCatalog } from '../catalog/load.ts';
import { DEFAULT_CATALOG_FILE, PACKAGE_ROOT } from '../config/defaults.ts';
import { catalogDraftHelp, reportHelp, snapshotHelp } from './command-help.ts';
import type { InstalledPackage } from './testing/installed-package.ts';
import { installPackage, runInstalled } from './testing/installed-package.ts';

const INSTALL_TIMEOUT_MS = 240_000;
const RUN_TIMEOUT_MS = 60_000;

let pkg: InstalledPackage | undefined;

before(() => {
  pkg = installPackage(INSTALL_TIMEOUT_MS);
  process.stderr.write(`# npm pack ${pkg.packMs} ms, npm install -g ${pkg.installMs} ms\n`);
});

after(() => pkg?.remove());

function installed(): InstalledPackage {
  assert.ok(pkg, 'the package was not installed');
  return pkg;
}

/** Every file the CLI and cucumber.js can load: relative imports, dynamic imports and `new URL('./x', ...)`. */
function runtimeFiles(): string[] {
  const reference = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|new URL\(\s*)['"](\.{1,2}\/[^'"\n]+)['"]/g;
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!/\.(ts|mjs|js)$/.test(file)) return;
    for (const match of readFileSync(file, 'utf8').matchAll(reference)) {
      const target = resolve(dirname(file), match[1] as string);
      assert.ok(
        existsSync(target),
        `${relative(PACKAGE_ROOT, file)} refers to ${match[1]}, which is missing`,
      );
      visit(target);
    }
  };
  const steps = readdirSync(join(PACKAGE_ROOT, 'steps')).map((name) => join('steps', name));
  for (const entry of ['support/cli/bin.mjs', 'cucumber.js', 'support/world.ts', ...steps]) {
    visit(join(PACKAGE_ROOT, entry));
  }
  return [...seen].map((file) => relative(PACKAGE_ROOT, file)).sort();
}

/** Every fixtures/*.schema.json (the inventory's too, once it lands) and every example under fixtures/examples/. */
function shippedFixtures(): string[] {
  const fixtures = join(PACKAGE_ROOT, 'fixtures');
  const schemas = readdirSync(fixtures).filter((name) => name.endsWith('.schema.json'));
  const examples = readdirSync(join(fixtures, 'examples')).map((name) => join('examples', name));
  return [...schemas, ...examples].map((name) => join('fixtures', name));
}

function featureTemplates(dir: string = join(PACKAGE_ROOT, 'features')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return featureTemplates(path);
    return entry.name.endsWith('.feature') ? [relative(PACKAGE_ROOT, path)] : [];
  });
}

void test('the tarball holds every file a run loads, the features, catalog, schemas and examples, and no test or lab', () => {
  const files = installed().files;
  const needed = new Set([
    ...runtimeFiles(),
    ...featureTemplates(),
    ...shippedFixtures(),
    'README.md',
    'fixtures/services.yml',
    'fixtures/services.schema.json',
    'fixtures/config.schema.json',
    'fixtures/waivers.schema.json',
    'support/facts/snapshot.sh',
    'support/lifecycle/host-state.schema.json',
  ]);
  const missing = [...needed].filter((file) => !files.includes(file));
  assert.deepEqual(missing, []);
  const unwanted = files.filter((file) =>
    /\.test\.ts$|(^|\/)testing\/|^support\/(lab|proofs)\/|^fixtures\/(lab|recorded|expected|test-\w+)\/|^scripts\//.test(
      file,
    ),
  );
  assert.deepEqual(unwanted, []);
});

void test('installed, it answers --help, --version and each subcommand --help from another directory', async () => {
  const pkg = installed();
  const version = (
    JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }
  ).version;
  assert.deepEqual(await runInstalled(pkg, ['--version'], RUN_TIMEOUT_MS), {
    code: 0,
    stdout: `${version}\n`,
    stderr: '',
  });
  const help = await runInstalled(pkg, ['--help'], RUN_TIMEOUT_MS);
  assert.equal(help.code, 0, help.stderr);
  assert.equal(
    help.stdout.split('\n')[0],
    `wazo-live-acceptance ${version}: checks a live Wazo Platform host against the new-service checklist.`,
  );
  for (const [argv, text] of [
    [['snapshot', '--help'], snapshotHelp()],
    [['catalog', 'draft', '-h'], catalogDraftHelp()],
    [['report', '--help'], reportHelp()],
  ] as const) {
    assert.deepEqual(await runInstalled(pkg, argv, RUN_TIMEOUT_MS), { code: 0, stdout: text, stderr: '' });
  }
});

void test('installed, --dry-run plans exactly what the checkout plans, over the catalog inside the package', async () => {
  const pkg = installed();
  const dry = await runInstalled(pkg, ['--dry-run'], RUN_TIMEOUT_MS);
  assert.equal(dry.code, 0, dry.stderr);
  const lines = dry.stdout.split('\n');
  const catalog = join(pkg.root, 'fixtures', 'services.yml');
  assert.equal(lines[0], `dry run: profile daily on any host, catalog ${catalog}`);
  const daemons = loadCatalog(DEFAULT_CATALOG_FILE).services.length;
  assert.match(
    lines[1] ?? '',
    new RegExp(`^\\d+ checks would run, \\d+ do not apply \\(catalog\\), over ${daemons} daemons$`),
  );
  const checkout = spawnSync(process.execPath, ['support/cli/bin.mjs', '--dry-run'], {
    cwd: PACKAGE_ROOT,
    encoding: 'utf8',
    timeout: RUN_TIMEOUT_MS,
    env: { PATH: process.env.PATH, HOME: pkg.elsewhere, NO_COLOR: '1' },
  });
  assert.equal(checkout.status, 0, checkout.stderr);
  assert.equal(dry.stdout.replace(catalog, DEFAULT_CATALOG_FILE), checkout.stdout);
});

void test('installed, --catalog FILE in the caller directory adds its daemon to the plan', async () => {
  const pkg = installed();
  copyFileSync(
    join(PACKAGE_ROOT, 'fixtures', 'test-catalogs', 'adds-and-overrides.yml'),
    join(pkg.elsewhere, 'extra.yml'),
  );
  const dry = await runInstalled(
    pkg,
    ['--dry-run', '--catalog', 'extra.yml', '--service', 'wazo-testd'],
    RUN_TIMEOUT_MS,
  );
  assert.equal(dry.code, 0, dry.stderr);
  const daemons = loadCatalog(DEFAULT_CATALOG_FILE).services.length + 1;
  assert.equal(
    dry.stdout.split('\n')[0],
    `dry run: profile daily on any host, catalog ${join(pkg.elsewhere, 'extra.yml')}`,
  );
  assert.match(dry.stdout, new RegExp(`\\nwazo-testd\\n {2}run {2}NSC-01 NSC-02 NSC-03 NSC-04 `));
  const all = await runInstalled(pkg, ['--dry-run', '--catalog', 'extra.yml'], RUN_TIMEOUT_MS);
  assert.match(all.stdout.split('\n')[1] ?? '', new RegExp(`, over ${daemons} daemons$`));
});

void test('installed, report rebuilds a saved run in the caller directory', async () => {
  const pkg = installed();
  copyFileSync(join(PACKAGE_ROOT, 'fixtures', 'report', 'run.ndjson'), join(pkg.elsewhere, 'run.ndjson'));
  const run = await runInstalled(pkg, ['report', '--messages', 'run.ndjson', '--out', 'out'], RUN_TIMEOUT_MS);
  assert.equal(run.stderr, '');
  assert.equal(run.code, 1, 'the saved run has a failure');
  assert.deepEqual(readdirSync(join(pkg.elsewhere, 'out')).sort(), ['junit.xml', 'matrix.html']);
  assert.match(
    run.stdout,
    new RegExp(`\\nwrote ${pkg.elsewhere}/out/junit.xml\\nwrote ${pkg.elsewhere}/out/matrix.html\\n$`),
  );
});

void test('installed, --inventory FILE --dry-run in the caller directory plans every host of the inventory', async () => {
  const pkg = installed();
  writeFileSync(join(pkg.elsewhere, 'id_fleet'), 'not a key: a dry run never reads it\n');
  writeFileSync(
    join(pkg.elsewhere, 'fleet.yml'),
    [
      'version: 1',
      'defaults: { ssh: { user: wla, keyFile: id_fleet } }',
      'hosts:',
      '  - { name: stack-a, host: 10.0.0.5 }',
      '  - { name: ha-1, host: 10.0.1.1, role: master, slave: { host: 10.0.1.2 } }',
      '',
    ].join('\n'),
  );
  const dry = await runInstalled(pkg, ['--inventory', 'fleet.yml', '--dry-run'], RUN_TIMEOUT_MS);
  assert.equal(dry.code, 0, dry.stderr);
  const lines = dry.stdout.trimEnd().split('\n');
  assert.equal(lines[0], 'dry run: 3 of 3 hosts; nothing contacted');
  assert.match(lines[1] ?? '', /^stack-a {2}wla@10\.0\.0\.5:22 {2}standalone {2}profile daily, \d+ checks$/);
  assert.match(
    lines[3] ?? '',
    /^ha-1-slave {2}wla@10\.0\.1\.2:22 {2}slave of pair ha-1 {2}profile ha-slave, \d+ checks$/,
  );
});
