// Finds the container engine (Docker or Podman through the Docker API), preparing this machine when it can.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import type Dockerode from 'dockerode';
import { getContainerRuntimeClient } from 'testcontainers';
import type { ContainerRuntimeClient } from 'testcontainers';
import { ConfigError, TimedOut } from '../errors.ts';
import { SETUP_HOST_SCRIPT } from './paths.ts';

export type EngineKind = 'podman' | 'docker';

export interface Engine {
  readonly client: ContainerRuntimeClient;
  /** The Docker API client testcontainers holds; used where testcontainers hides build errors. */
  readonly docker: Dockerode;
  readonly kind: EngineKind;
  readonly dockerHost: string;
}

export type LabLog = (line: string) => void;

const PODMAN_SOCKET = '/run/podman/podman.sock';
const CANDIDATE_SOCKETS = ['/var/run/docker.sock', PODMAN_SOCKET];
const PING_TIMEOUT_MS = 5_000;
const SETUP_TIMEOUT_MS = 15 * 60_000;
const CLIENT_TIMEOUT_MS = 30_000;

let engine: Promise<Engine> | undefined;

/** One engine per process: testcontainers reads DOCKER_HOST once, so it is settled before its first call. */
export function containerEngine(log: LabLog): Promise<Engine> {
  engine ??= connect(log).catch((err: unknown) => {
    engine = undefined;
    throw err;
  });
  return engine;
}

async function connect(log: LabLog): Promise<Engine> {
  process.env['DOCKER_HOST'] = await chooseDockerHost(log);
  // No reaper image can be pulled here, and every test connection stays on loopback.
  process.env['TESTCONTAINERS_RYUK_DISABLED'] ??= 'true';
  process.env['TESTCONTAINERS_HOST_OVERRIDE'] ??= '127.0.0.1';
  const dockerHost = process.env['DOCKER_HOST'];
  const client = await withTimeout(
    getContainerRuntimeClient(),
    CLIENT_TIMEOUT_MS,
    `the container engine at ${dockerHost}`,
  );
  const docker = dockerodeOf(client);
  const version = await withTimeout(
    docker.version(),
    CLIENT_TIMEOUT_MS,
    `the version of the engine at ${dockerHost}`,
  );
  const kind = (version.Components ?? []).some((c) => /podman/i.test(c.Name)) ? 'podman' : 'docker';
  return { client, docker, kind, dockerHost };
}

/** The DOCKER_HOST to use: the user's, else the first local socket that answers, else what setup-host.sh starts. */
export async function chooseDockerHost(log: LabLog): Promise<string> {
  const explicit = process.env['DOCKER_HOST'];
  if (explicit !== undefined && explicit !== '') {
    if (!explicit.startsWith('unix://') || (await socketAnswers(explicit.slice('unix://'.length))))
      return explicit;
    if (explicit !== `unix://${PODMAN_SOCKET}`) {
      throw new ConfigError(
        `no container engine answers at DOCKER_HOST=${explicit} (ping timed out or refused)`,
      );
    }
  } else {
    for (const socket of CANDIDATE_SOCKETS) {
      if (await socketAnswers(socket)) return `unix://${socket}`;
    }
  }
  if (!mayPrepareThisMachine()) {
    throw new ConfigError(
      `no container engine answers (tried ${explicit ?? CANDIDATE_SOCKETS.join(', ')}): install Docker or Podman, ` +
        `set DOCKER_HOST, or run ${SETUP_HOST_SCRIPT} as root on Debian`,
    );
  }
  log(`no container engine answers; running ${SETUP_HOST_SCRIPT} (root on Debian)`);
  return runSetupHost();
}

export function mayPrepareThisMachine(): boolean {
  return process.getuid?.() === 0 && existsSync('/etc/debian_version');
}

/** Runs setup-host.sh (engine and base image); its last stdout line is `DOCKER_HOST=...`. */
export async function runSetupHost(): Promise<string> {
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      'bash',
      [SETUP_HOST_SCRIPT],
      { timeout: SETUP_TIMEOUT_MS, maxBuffer: 1 << 20 },
      (err, out, errOut) => {
        if (err === null) return resolve(out);
        const why = err.killed
          ? `did not finish within ${SETUP_TIMEOUT_MS} ms`
          : `failed (${err.message.split('\n')[0]})`;
        reject(new ConfigError(`${SETUP_HOST_SCRIPT} ${why}:\n${errOut.trim()}`, { cause: err }));
      },
    ).stderr?.pipe(process.stderr);
  });
  const line = stdout.trim().split('\n').pop() ?? '';
  if (!line.startsWith('DOCKER_HOST=')) {
    throw new ConfigError(
      `${SETUP_HOST_SCRIPT} ended without naming the engine (last line ${JSON.stringify(line)})`,
    );
  }
  return line.slice('DOCKER_HOST='.length);
}

function socketAnswers(socketPath: string): Promise<boolean> {
  if (!existsSync(socketPath)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', timeout: PING_TIMEOUT_MS }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
    req.end();
  });
}

function dockerodeOf(client: ContainerRuntimeClient): Dockerode {
  const container: object = client.container;
  if (!('dockerode' in container)) {
    throw new Error('testcontainers no longer exposes its dockerode client (client.container.dockerode)');
  }
  return container.dockerode as Dockerode;
}

export async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new TimedOut(`no answer from ${what} within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
