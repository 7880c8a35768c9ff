// The lab host driver: build (cached), start, provision a fresh key, write runner configs, mutate, reboot, stop.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError, RemoteCommandFailed, TimedOut } from '../errors.ts';
import { LAB_LABEL, createAndStart, isRunning, publishedPorts, removeContainer } from './container.ts';
import { containerEngine } from './engine.ts';
import type { Engine, LabLog } from './engine.ts';
import { execInContainer } from './exec.ts';
import type { LabExecResult } from './exec.ts';
import { ensureLabImage } from './image.ts';
import { makeLabKeyPair } from './keys.ts';
import {
  LAB_FILES,
  removeLabFiles,
  renderKnownHosts,
  writeConfigs,
  writeKeyPair,
  writeLabFile,
} from './lab-files.ts';
import { LAB_SOURCES, containerNameFor, labDirectory, mutationScript, variantScript } from './paths.ts';
import { waitUntilBooted } from './ready.ts';
import { readLabState, writeLabState } from './state.ts';
import type { LabState } from './state.ts';

export interface Lab {
  readonly configFile: string;
  readonly qaConfigFile: string;
  readonly sshPort: number;
  readonly httpsPort: number;
  readonly containerId: string;
  readonly dir: string;
  /** docker exec as root, for tests and mutations - never used by the runner itself. */
  exec(argv: string[]): Promise<{ exitCode: number; output: string }>;
  /** Runs fixtures/lab/mutations/<name>.sh inside the container; fails with its output on non-zero. */
  applyMutation(name: string): Promise<void>;
  /** Runs fixtures/lab/variants/<name>.sh inside the container. */
  applyVariant(name: string): Promise<void>;
  /** systemctl reboot inside, then the container starts again and is waited for; configs follow port changes. */
  reboot(): Promise<void>;
  /**
   * The lab's power button for a reboot someone else starts (the runner's @destructive scenario): waits until the
   * container stops, starts it again and waits for the boot. A container cannot boot itself again.
   */
  restartAfterGuestReboot(timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

export interface LabOptions {
  variant?: string;
  dir?: string;
  /** Attach to the lab already running in dir when it has the current image, the same variant and no mutation. */
  reuse?: boolean;
}

export interface LabFigures {
  image: string;
  /** ms spent building the image; null when it was cached. */
  buildMs: number | null;
  /** ms from creating the container to systemd answering `running`; null when an existing lab was reused. */
  bootMs: number | null;
  /** ms from creating the container to the configs being written. */
  readyMs: number | null;
  reused: boolean;
}

const DEFAULT_READY_TIMEOUT_MS = 180_000;
const EXEC_TIMEOUT_MS = 120_000;
const SCRIPT_TIMEOUT_MS = 600_000;
/** Bounded waits every mutation and variant script may call (lab_await, lab_reload_nginx...). */
const SCRIPT_HELPERS = join(LAB_SOURCES, 'await.sh');
const STOP_TIMEOUT_S = 10;

const log: LabLog = (line) => {
  if (process.env['WLA_LAB_QUIET'] !== '1') process.stderr.write(`[lab] ${line}\n`);
};

export async function startLab(options: LabOptions = {}): Promise<Lab> {
  return (await startLabWithFigures(options)).lab;
}

/** startLab, also returning what it measured (for npm run lab:up and the report). */
export async function startLabWithFigures(
  options: LabOptions = {},
): Promise<{ lab: Lab; figures: LabFigures }> {
  const dir = labDirectory(options.dir);
  const variant = options.variant ?? null;
  const engine = await containerEngine(log);
  const image = await ensureLabImage(engine, log);
  log(
    image.buildMs === null
      ? `image ${image.tag}: cached`
      : `image ${image.tag}: built in ${seconds(image.buildMs)}`,
  );
  if (options.reuse === true) {
    const reused = await reusable(engine, dir, image.tag, variant);
    if (reused) {
      log(`reusing ${reused.label} from ${dir}`);
      return {
        lab: reused,
        figures: { image: image.tag, buildMs: image.buildMs, bootMs: null, readyMs: null, reused: true },
      };
    }
  }
  const { lab, bootMs, readyMs } = await bootNewLab(engine, dir, image.tag, variant);
  log(
    `${lab.label} ready: boot ${seconds(bootMs)}, with key and configs ${seconds(readyMs)}; config ${lab.configFile}`,
  );
  return { lab, figures: { image: image.tag, buildMs: image.buildMs, bootMs, readyMs, reused: false } };
}

/** Attaches to the lab described by <dir>/state.json (for npm run lab:down and manual use). */
export async function labFromState(dir?: string): Promise<Lab> {
  const labDir = labDirectory(dir);
  const state = readLabState(labDir);
  const engine = await containerEngine(log);
  const lab = new ContainerLab(engine, labDir, state);
  try {
    await engine.docker.getContainer(state.containerId).inspect();
  } catch (cause) {
    throw new ConfigError(
      `the lab in ${labDir} is gone: container ${state.containerName} (${short(state.containerId)}) does not exist any more`,
      { cause },
    );
  }
  return lab;
}

/** Removes every lab container on this engine (any directory, any process) and their lab files; returns their names. */
export async function removeAllLabs(): Promise<string[]> {
  const engine = await containerEngine(log);
  const containers = await engine.docker.listContainers({ all: true, filters: { label: [LAB_LABEL] } });
  const names: string[] = [];
  for (const container of containers) {
    await removeContainer(engine, container.Id);
    const dir = container.Labels[LAB_LABEL];
    if (dir !== undefined && dir !== '') removeLabFiles(dir);
    names.push(container.Names[0]?.replace(/^\//, '') ?? short(container.Id));
  }
  return names;
}

async function reusable(
  engine: Engine,
  dir: string,
  image: string,
  variant: string | null,
): Promise<ContainerLab | null> {
  if (!existsSync(join(dir, LAB_FILES.state))) return null;
  const state = readLabState(dir);
  if (state.image !== image || state.variant !== variant || state.mutations.length > 0) return null;
  try {
    if (!(await isRunning(engine, state.containerId))) return null;
  } catch {
    return null;
  }
  return new ContainerLab(engine, dir, state);
}

async function bootNewLab(engine: Engine, dir: string, image: string, variant: string | null) {
  mkdirSync(dir, { recursive: true });
  const name = containerNameFor(dir);
  if (await removeContainer(engine, name)) log(`removed the previous lab container ${name}`);
  removeLabFiles(dir);
  const started = performance.now();
  const id = await createAndStart(engine, { name, image, labDir: dir, kind: engine.kind });
  const label = `lab container ${name} (${short(id)})`;
  const ports = await publishedPorts(engine, id, label);
  const state: LabState = {
    containerId: id,
    containerName: name,
    image,
    variant: null,
    mutations: [],
    ports,
    startedAt: new Date().toISOString(),
  };
  const lab = new ContainerLab(engine, dir, state);
  try {
    await lab.waitBooted();
    const bootMs = Math.round(performance.now() - started);
    await lab.provision();
    const readyMs = Math.round(performance.now() - started);
    if (variant !== null) await lab.applyVariant(variant);
    return { lab, bootMs, readyMs };
  } catch (err) {
    if (process.env['WLA_LAB_KEEP_FAILED'] === '1') {
      log(
        `keeping the failed ${label} for inspection (WLA_LAB_KEEP_FAILED=1); npm run lab:down -- --dir ${dir} removes it`,
      );
      writeLabState(dir, state);
    } else {
      await removeContainer(engine, id);
    }
    throw err;
  }
}

class ContainerLab implements Lab {
  readonly dir: string;
  readonly configFile: string;
  readonly qaConfigFile: string;
  readonly label: string;
  private readonly engine: Engine;
  private state: LabState;

  constructor(engine: Engine, dir: string, state: LabState) {
    this.engine = engine;
    this.dir = dir;
    this.state = state;
    this.configFile = join(dir, LAB_FILES.config);
    this.qaConfigFile = join(dir, LAB_FILES.qaConfig);
    this.label = `lab container ${state.containerName} (${short(state.containerId)})`;
  }

  get containerId(): string {
    return this.state.containerId;
  }

  get sshPort(): number {
    return this.state.ports.ssh;
  }

  get httpsPort(): number {
    return this.state.ports.https;
  }

  exec(argv: string[]): Promise<LabExecResult> {
    return execInContainer(this.engine, this.containerId, argv, EXEC_TIMEOUT_MS, this.label);
  }

  async applyMutation(name: string): Promise<void> {
    await this.runScript('mutation', name, mutationScript(name));
    this.saveState({ ...this.state, mutations: [...this.state.mutations, name] });
  }

  async applyVariant(name: string): Promise<void> {
    await this.runScript('variant', name, variantScript(name));
    this.saveState({ ...this.state, variant: name });
  }

  async reboot(): Promise<void> {
    const started = performance.now();
    // The exec dies with the container, so its outcome says nothing.
    await execInContainer(this.engine, this.containerId, ['systemctl', 'reboot'], 15_000, this.label).catch(
      () => undefined,
    );
    await this.restartAfterGuestReboot(60_000);
    log(`${this.label} rebooted in ${seconds(performance.now() - started)}`);
  }

  async restartAfterGuestReboot(timeoutMs: number): Promise<void> {
    await this.waitStopped(timeoutMs);
    await this.engine.docker.getContainer(this.containerId).start();
    const ports = await publishedPorts(this.engine, this.containerId, this.label);
    await this.waitBooted();
    if (
      ports.ssh !== this.state.ports.ssh ||
      ports.https !== this.state.ports.https ||
      ports.http !== this.state.ports.http
    ) {
      log(`${this.label} came back on other ports; rewriting ${this.dir}`);
      this.saveState({ ...this.state, ports });
      await this.writeKnownHosts();
      writeConfigs(this.dir, ports);
    }
  }

  async stop(): Promise<void> {
    try {
      await this.engine.docker.getContainer(this.containerId).stop({ t: STOP_TIMEOUT_S });
    } catch (err) {
      // 304: already stopped; 404: already gone.
      const status = (err as { statusCode?: number }).statusCode;
      if (status !== 304 && status !== 404) throw err;
    }
    await removeContainer(this.engine, this.containerId);
    if (this.ownsLabFiles()) removeLabFiles(this.dir);
    log(`${this.label} stopped and removed`);
  }

  /** False when a newer lab took over the directory: its files are not ours to remove. */
  private ownsLabFiles(): boolean {
    if (!existsSync(join(this.dir, LAB_FILES.state))) return true;
    try {
      return readLabState(this.dir).containerId === this.containerId;
    } catch {
      return true;
    }
  }

  async waitBooted(): Promise<number> {
    const probe = {
      label: this.label,
      systemState: async () => {
        const result = await execInContainer(
          this.engine,
          this.containerId,
          ['systemctl', 'is-system-running'],
          10_000,
          this.label,
        );
        return result.output;
      },
      failedUnits: async () => {
        const listing = ['systemctl', '--failed', '--no-legend', '--plain', '--no-pager'];
        return (await execInContainer(this.engine, this.containerId, listing, 10_000, this.label)).output;
      },
      pendingJobs: async () => {
        const listing = ['systemctl', 'list-jobs', '--no-legend', '--plain', '--no-pager'];
        return (await execInContainer(this.engine, this.containerId, listing, 10_000, this.label)).output;
      },
    };
    return waitUntilBooted(probe, readyTimeoutMs());
  }

  /** A fresh key for root, qa and qa-pw; known_hosts from the lab's own host key; the lab CA; the configs. */
  async provision(): Promise<void> {
    const keys = makeLabKeyPair(`wazo-lab ${this.state.containerName}`);
    for (const user of ['root', 'qa', 'qa-pw']) {
      await this.mustRun(
        ['/usr/local/sbin/wazo-lab-authorize-key', user, keys.publicKey],
        `authorize the lab key for ${user}`,
      );
    }
    writeKeyPair(this.dir, keys.privateKey, keys.publicKey);
    await this.writeKnownHosts();
    writeLabFile(
      this.dir,
      LAB_FILES.ca,
      await this.mustRun(['cat', '/usr/local/share/wazo-lab/ca.crt'], 'read the lab CA'),
    );
    writeConfigs(this.dir, this.state.ports);
    this.saveState(this.state);
  }

  private async writeKnownHosts(): Promise<void> {
    const hostKeys = await this.mustRun(
      ['sh', '-c', 'cat /etc/ssh/ssh_host_*_key.pub'],
      'read the SSH host keys',
    );
    writeLabFile(this.dir, LAB_FILES.knownHosts, renderKnownHosts(this.state.ports.ssh, hostKeys));
  }

  private async mustRun(argv: string[], purpose: string): Promise<string> {
    const result = await execInContainer(this.engine, this.containerId, argv, EXEC_TIMEOUT_MS, this.label);
    if (result.exitCode !== 0) {
      throw new RemoteCommandFailed(
        `${this.label}: could not ${purpose}: exit code ${result.exitCode}: ${result.output.trim()}`,
      );
    }
    return result.output;
  }

  private async runScript(kind: 'mutation' | 'variant', name: string, path: string): Promise<void> {
    let script: string;
    try {
      script = readFileSync(path, 'utf8');
    } catch (cause) {
      throw new ConfigError(`lab ${kind} "${name}": ${path} cannot be read`, { cause });
    }
    const helpers = readFileSync(SCRIPT_HELPERS, 'utf8');
    // The script travels as one argv element (bash -c), so no quoting is involved; $0 is its name.
    const result = await execInContainer(
      this.engine,
      this.containerId,
      ['bash', '-c', `${helpers}\n${script}`, name],
      SCRIPT_TIMEOUT_MS,
      this.label,
    );
    if (result.exitCode !== 0) {
      throw new RemoteCommandFailed(
        `${this.label}: ${kind} "${name}" (${path}) failed with exit code ${result.exitCode}:\n${result.output.trimEnd()}`,
      );
    }
    log(`${this.label}: ${kind} "${name}" applied`);
  }

  private async waitStopped(timeoutMs: number): Promise<void> {
    const started = performance.now();
    while (await isRunning(this.engine, this.containerId)) {
      if (performance.now() - started >= timeoutMs) {
        throw new TimedOut(
          `${this.label}: expected the container to stop after a reboot within ${timeoutMs} ms; still running`,
        );
      }
      await sleep(100);
    }
  }

  private saveState(state: LabState): void {
    this.state = state;
    writeLabState(this.dir, state);
  }
}

/** A lab boots in seconds; a machine shared with parallel builds may need minutes (WLA_LAB_READY_TIMEOUT_MS). */
function readyTimeoutMs(): number {
  const text = process.env['WLA_LAB_READY_TIMEOUT_MS'];
  if (text === undefined || text === '') return DEFAULT_READY_TIMEOUT_MS;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms <= 0) {
    throw new ConfigError(
      `WLA_LAB_READY_TIMEOUT_MS must be a positive number of milliseconds, found ${JSON.stringify(text)}`,
    );
  }
  return ms;
}

function short(id: string): string {
  return id.slice(0, 12);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
