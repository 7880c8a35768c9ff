// Packs the project with `npm pack` and installs the tarball as `npm install -g` would, into a throwaway prefix.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../config/defaults.ts';
import { spawnBounded } from '../../lab/spawn-bounded.ts';

export interface InstalledPackage {
  /** Holds the tarball, the prefix and a work directory that is not the package. */
  dir: string;
  tarball: string;
  /** Paths inside the tarball, relative to the package root, sorted. */
  files: string[];
  /** `<prefix>/bin/wazo-live-acceptance`, as `npm install -g --prefix <prefix>` links it. */
  bin: string;
  /** The installed package's root (`<prefix>/lib/node_modules/wazo-live-acceptance`). */
  root: string;
  /** An empty directory outside the checkout and the package, to run the CLI from. */
  elsewhere: string;
  packMs: number;
  installMs: number;
  remove: () => void;
}

export interface CommandRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface PackedTarball {
  tarball: string;
  /** Paths inside the tarball, relative to the package root, sorted. */
  files: string[];
  packMs: number;
}

/** `npm pack` of the working tree into `destination` (the checkout's files as `files` in package.json picks them). */
export function packWorkingTree(destination: string, timeoutMs: number): PackedTarball {
  const started = Date.now();
  const pack = runNpm(['pack', '--json', '--pack-destination', destination], PACKAGE_ROOT, timeoutMs);
  const [packed] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  if (!packed) throw new Error(`npm pack printed no package: ${pack.stdout}`);
  return {
    tarball: join(destination, packed.filename),
    files: packed.files.map((file) => file.path).sort(),
    packMs: Date.now() - started,
  };
}

/**
 * `npm pack` of the working tree, then `npm install -g --prefix` of the tarball. --prefer-offline: the tarballs
 * come from the npm cache `npm ci` filled; npm still asks the registry for what the cache lacks.
 */
export function installPackage(timeoutMs: number): InstalledPackage {
  const dir = mkdtempSync(join(tmpdir(), 'wla-pack-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const { tarball, files, packMs } = packWorkingTree(dir, timeoutMs);
    const prefix = join(dir, 'prefix');
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    const installStarted = Date.now();
    runNpm(
      ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball],
      elsewhere,
      timeoutMs,
    );
    return {
      dir,
      tarball,
      files,
      bin: join(prefix, 'bin', 'wazo-live-acceptance'),
      root: join(prefix, 'lib', 'node_modules', 'wazo-live-acceptance'),
      elsewhere,
      packMs,
      installMs: Date.now() - installStarted,
      remove,
    };
  } catch (error) {
    remove();
    throw error;
  }
}

/** npm with the caller's environment minus WAZO_*; fails with the end of its stderr unless it exits 0. */
export function runNpm(args: string[], cwd: string, timeoutMs: number): CommandRun {
  const run = spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: timeoutMs, env: cleanEnv() });
  if (run.error) throw new Error(`npm ${args[0]} could not run: ${run.error.message}`, { cause: run.error });
  if (run.status !== 0) {
    throw new Error(`npm ${args.join(' ')} exited ${run.status ?? run.signal}:\n${run.stderr.slice(-3000)}`);
  }
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The environment without the WAZO_* settings of whoever runs the tests. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('WAZO_')) env[name] = value;
  }
  return { ...env, NO_COLOR: '1' };
}

/** Runs the installed command from `cwd`, killed after timeoutMs (a TimedOut naming what it printed). */
export async function runInstalled(
  pkg: InstalledPackage,
  args: readonly string[],
  timeoutMs: number,
  cwd: string = pkg.elsewhere,
): Promise<CommandRun> {
  const run = await spawnBounded(pkg.bin, args, {
    what: `wazo-live-acceptance ${args.join(' ')}`,
    timeoutMs,
    cwd,
    // A HOME with no ~/.config/wazo-live-acceptance/config.yml: only the arguments configure the run.
    env: { ...cleanEnv(), HOME: pkg.elsewhere },
  });
  return { code: run.code, stdout: run.stdout, stderr: run.stderr };
}
