// Builds the image CI runs wazo-live-acceptance from (fixtures/runner/Containerfile) once per content hash, and runs it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packWorkingTree, runNpm } from './installed-package.ts';
import { ConfigError, RemoteCommandFailed, TimedOut } from '../../errors.ts';
import { withLockFile } from '../../lab/build-lock.ts';
import { containerEngine } from '../../lab/engine.ts';
import type { Engine, EngineKind, LabLog } from '../../lab/engine.ts';
import { BASE_IMAGE, imageExists } from '../../lab/image.ts';
import { REPO_ROOT } from '../../lab/paths.ts';
import { spawnBounded } from '../../lab/spawn-bounded.ts';
import type { BoundedRun } from '../../lab/spawn-bounded.ts';

export const RUNNER_SOURCES = join(REPO_ROOT, 'fixtures', 'runner');
export const RUNNER_REPOSITORY = 'localhost/wazo-live-acceptance-runner';
const CONTAINERFILE = 'Containerfile';
const LOCKFILE = join(REPO_ROOT, 'package-lock.json');
const NPM_TIMEOUT_MS = 5 * 60_000;
const BUILD_TIMEOUT_MS = 15 * 60_000;

export interface RunnerImage {
  tag: string;
  /** The engine's command line (`podman` or `docker`), which builds and runs it. */
  cli: EngineKind;
  /** Build time in ms (packing and installing the dependencies included), or null when the image was there. */
  buildMs: number | null;
  sizeBytes: number;
}

/**
 * Packs the working tree and builds the image unless one with the same content hash exists. The hash covers what
 * the image is made of: the Containerfile, the tarball (npm pack's is byte-for-byte reproducible), package-lock.json
 * (the dependencies' exact versions) and the Node.js binary running this process, which the image gets a copy of.
 */
export async function ensureRunnerImage(log: LabLog): Promise<RunnerImage> {
  const engine = await containerEngine(log);
  const work = mkdtempSync(join(tmpdir(), 'wla-runner-'));
  try {
    const packed = packWorkingTree(work, NPM_TIMEOUT_MS);
    const node = realpathSync(process.execPath);
    const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
      .version;
    const tag = runnerTag(
      version,
      contentHash([join(RUNNER_SOURCES, CONTAINERFILE), packed.tarball, LOCKFILE, node]),
    );
    const found = async (): Promise<RunnerImage | null> =>
      (await imageExists(engine, tag))
        ? { tag, cli: engine.kind, buildMs: null, sizeBytes: await imageSize(engine, tag) }
        : null;
    const cached = await found();
    if (cached) return cached;
    const lock = join(tmpdir(), `${tag.replace(/[/:]/g, '_')}.build.lock`);
    return await withLockFile(lock, BUILD_TIMEOUT_MS, `another process building ${tag}`, async () => {
      const built = await found();
      if (built) return built;
      if (!(await imageExists(engine, BASE_IMAGE))) {
        throw new ConfigError(
          `the base image ${BASE_IMAGE} is missing (no registry here): run fixtures/lab/setup-host.sh as root`,
        );
      }
      const started = performance.now();
      const context = join(work, 'context');
      prepareContext(context, packed.tarball, node);
      log(`building ${tag} with ${engine.kind} build (Node.js ${process.version} from ${node})`);
      await build(engine.kind, tag, context);
      if (!(await imageExists(engine, tag))) {
        throw new RemoteCommandFailed(
          `${engine.kind} build of ${tag} reported success but the engine at ${engine.dockerHost} has no such image ` +
            `(does the ${engine.kind} command use the same storage as that engine?)`,
        );
      }
      const buildMs = Math.round(performance.now() - started);
      return { tag, cli: engine.kind, buildMs, sizeBytes: await imageSize(engine, tag) };
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function runnerTag(version: string, hash: string): string {
  return `${RUNNER_REPOSITORY}:${version}-${hash}`;
}

/** 12 hex digits over the files' bytes, in order. */
export function contentHash(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    const content = readFileSync(file);
    hash.update(`${content.length}\0`).update(content);
  }
  return hash.digest('hex').slice(0, 12);
}

/**
 * The context: the Containerfile, `node`, and `package/` - the tarball unpacked with its production dependencies
 * installed here from package-lock.json and the npm cache (`npm ci` of the checkout filled it), so the build needs
 * no registry and gets exactly the versions the tests ran with. Install scripts stay off: npm 11 skips them unless
 * allowed, and ssh2 works without its optional native binding.
 */
function prepareContext(context: string, tarball: string, node: string): void {
  mkdirSync(context);
  copyFileSync(join(RUNNER_SOURCES, CONTAINERFILE), join(context, CONTAINERFILE));
  copyFileSync(node, join(context, 'node'));
  const tar = spawnSync('tar', ['-xzf', tarball, '-C', context], { encoding: 'utf8' });
  if (tar.status !== 0) {
    throw new RemoteCommandFailed(`unpacking ${tarball} failed: ${tar.error?.message ?? tar.stderr.trim()}`);
  }
  const pkg = join(context, 'package');
  copyFileSync(LOCKFILE, join(pkg, 'package-lock.json'));
  runNpm(
    ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'],
    pkg,
    NPM_TIMEOUT_MS,
  );
}

async function build(cli: EngineKind, tag: string, context: string): Promise<void> {
  const args = [
    'build',
    '--tag',
    tag,
    '--file',
    join(context, CONTAINERFILE),
    '--build-arg',
    `BASE_IMAGE=${BASE_IMAGE}`,
    '--label',
    'org.wazo-live-acceptance.runner=image',
    context,
  ];
  const run = await runCommand(cli, args, BUILD_TIMEOUT_MS, `${cli} build of ${tag}`);
  if (run.code !== 0) {
    const last = `${run.stdout}${run.stderr}`.trimEnd().split('\n').slice(-25).join('\n');
    throw new RemoteCommandFailed(`${cli} build of ${tag} failed with exit code ${run.code}:\n${last}`);
  }
}

async function imageSize(engine: Engine, tag: string): Promise<number> {
  return (await engine.docker.getImage(tag).inspect()).Size;
}

export interface RunnerRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunnerRunOptions {
  /** `host:container` read-only bind mounts. */
  readOnly?: readonly [string, string][];
  /** `host:container` writable bind mounts. */
  writable?: readonly [string, string][];
  /** The host's network: the lab publishes its ports on the host's loopback only. */
  hostNetwork?: boolean;
  entrypoint?: string;
  timeoutMs: number;
}

/** `<cli> run --rm` of the image with these arguments; on timeout the container is removed and TimedOut says what it printed. */
export async function runInRunnerImage(
  image: RunnerImage,
  args: readonly string[],
  options: RunnerRunOptions,
): Promise<RunnerRun> {
  const name = `wla-runner-${process.pid}-${Date.now()}`;
  const argv = ['run', '--rm', '--name', name];
  if (options.hostNetwork === true) argv.push('--network', 'host');
  for (const [host, inside] of options.readOnly ?? []) argv.push('--volume', `${host}:${inside}:ro`);
  for (const [host, inside] of options.writable ?? []) argv.push('--volume', `${host}:${inside}`);
  if (options.entrypoint !== undefined) argv.push('--entrypoint', options.entrypoint);
  argv.push(image.tag, ...args);
  const started = performance.now();
  try {
    const run = await runCommand(image.cli, argv, options.timeoutMs, `${args.join(' ')} in ${image.tag}`);
    return { ...run, ms: Math.round(performance.now() - started) };
  } catch (error) {
    if (error instanceof TimedOut)
      await runCommand(image.cli, ['rm', '--force', name], 30_000, `removing ${name}`);
    throw error;
  }
}

function runCommand(
  command: string,
  args: readonly string[],
  timeoutMs: number,
  what: string,
): Promise<BoundedRun> {
  return spawnBounded(command, args, { what, timeoutMs });
}
