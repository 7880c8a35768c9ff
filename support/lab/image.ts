// Builds the lab image once per content hash of its context; an unchanged context is never rebuilt.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, RemoteCommandFailed } from '../errors.ts';
import { withLockFile } from './build-lock.ts';
import { mayPrepareThisMachine, runSetupHost, withTimeout } from './engine.ts';
import type { Engine, LabLog } from './engine.ts';
import { CONTAINERFILE, contextFiles, contextHash, imageTag } from './image-context.ts';
import { LAB_SOURCES } from './paths.ts';

export const BASE_IMAGE = 'localhost/debian:bookworm';
const BUILD_TIMEOUT_MS = 15 * 60_000;

export interface LabImage {
  tag: string;
  /** Build time in ms, or null when the image was already there. */
  buildMs: number | null;
}

export async function ensureLabImage(engine: Engine, log: LabLog): Promise<LabImage> {
  const files = contextFiles(LAB_SOURCES);
  const tag = imageTag(contextHash(LAB_SOURCES, files));
  if (await imageExists(engine, tag)) return { tag, buildMs: null };
  const lock = join(tmpdir(), `${tag.replace(/[/:]/g, '_')}.build.lock`);
  return withLockFile(lock, BUILD_TIMEOUT_MS, `another process building ${tag}`, async () => {
    if (await imageExists(engine, tag)) return { tag, buildMs: null };
    await ensureBaseImage(engine, log);
    log(`building ${tag} from ${LAB_SOURCES} (${files.length} files)`);
    const started = performance.now();
    await withTimeout(build(engine, tag, files, log), BUILD_TIMEOUT_MS, `the build of ${tag}`);
    if (!(await imageExists(engine, tag))) {
      throw new RemoteCommandFailed(`the build of ${tag} reported success but the engine has no such image`);
    }
    return { tag, buildMs: Math.round(performance.now() - started) };
  });
}

export async function imageExists(engine: Engine, tag: string): Promise<boolean> {
  try {
    await engine.docker.getImage(tag).inspect();
    return true;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return false;
    throw err;
  }
}

async function ensureBaseImage(engine: Engine, log: LabLog): Promise<void> {
  if (await imageExists(engine, BASE_IMAGE)) return;
  if (!mayPrepareThisMachine()) {
    throw new ConfigError(
      `the base image ${BASE_IMAGE} is missing (no registry here): run fixtures/lab/setup-host.sh as root`,
    );
  }
  log(`the base image ${BASE_IMAGE} is missing; running fixtures/lab/setup-host.sh to make it`);
  await runSetupHost();
}

interface BuildEvent {
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
}

async function build(engine: Engine, tag: string, files: string[], log: LabLog): Promise<void> {
  const stream = await engine.docker.buildImage(
    { context: LAB_SOURCES, src: files },
    {
      t: tag,
      dockerfile: CONTAINERFILE,
      rm: true,
      forcerm: true,
      labels: { 'org.wazo-live-acceptance.lab': 'image' },
    },
  );
  const transcript: string[] = [];
  const events = await new Promise<BuildEvent[]>((resolve, reject) => {
    engine.docker.modem.followProgress(
      stream,
      (err: Error | null, all: BuildEvent[]) => (err ? reject(err) : resolve(all)),
      (event: BuildEvent) => {
        for (const line of (event.stream ?? '').split('\n')) {
          if (line.trim() === '') continue;
          transcript.push(line);
          if (/^(STEP|Step) \d/.test(line)) log(`  ${line.trim()}`);
        }
      },
    );
  });
  const failure = events.find((event) => event.error !== undefined || event.errorDetail !== undefined);
  if (failure) {
    const reason = failure.errorDetail?.message ?? failure.error ?? 'unknown error';
    throw new RemoteCommandFailed(
      `the build of ${tag} failed: ${reason}\nlast build output:\n${transcript.slice(-25).join('\n')}`,
    );
  }
}
