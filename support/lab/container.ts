// The lab container: how it is created (systemd as PID 1, ports on loopback only) and where its ports landed.
import type { ContainerCreateOptions, ContainerInspectInfo } from 'dockerode';
import { setTimeout as sleep } from 'node:timers/promises';
import { RemoteCommandFailed } from '../errors.ts';
import type { Engine, EngineKind } from './engine.ts';
import type { LabPorts } from './lab-files.ts';

export const LAB_LABEL = 'org.wazo-live-acceptance.lab';
const CONTAINER_PORTS = { ssh: '22/tcp', http: '80/tcp', https: '443/tcp' } as const;

export interface LabContainerSpec {
  name: string;
  image: string;
  labDir: string;
  kind: EngineKind;
}

export function createOptions(spec: LabContainerSpec): ContainerCreateOptions {
  const loopback = [{ HostIp: '127.0.0.1', HostPort: '0' }];
  return {
    name: spec.name,
    Image: spec.image,
    Hostname: 'wazo-lab',
    // systemd reads `container` to know it runs in one; Podman sets it itself.
    Env: [`container=${spec.kind}`],
    Labels: { [LAB_LABEL]: spec.labDir },
    StopSignal: 'SIGRTMIN+3',
    ExposedPorts: Object.fromEntries(Object.values(CONTAINER_PORTS).map((port) => [port, {}])),
    HostConfig: {
      PortBindings: Object.fromEntries(Object.values(CONTAINER_PORTS).map((port) => [port, loopback])),
      // The Docker API ignores containers.conf's default ulimits; runc refuses unless both are given.
      Ulimits: [
        { Name: 'nofile', Soft: 1024, Hard: 20000 },
        { Name: 'nproc', Soft: 4096, Hard: 4096 },
      ],
      Tmpfs: { '/run': 'rw,nosuid,nodev,mode=755', '/run/lock': 'rw,nosuid,nodev,noexec' },
      // A real host's root sees which process owns a socket (`ss -p`); a container's root needs ptrace for that.
      CapAdd: ['SYS_PTRACE'],
      // Docker mounts the cgroup tree read-only unless privileged, and systemd needs to write it.
      ...(spec.kind === 'docker' ? { Privileged: true, CgroupnsMode: 'private' } : {}),
    },
  };
}

/** The host ports the engine bound on 127.0.0.1, or an error naming the missing one. */
export function boundPorts(inspect: Pick<ContainerInspectInfo, 'NetworkSettings'>, label: string): LabPorts {
  const bindings = inspect.NetworkSettings.Ports;
  const portOf = (containerPort: string): number => {
    const hostPort = bindings[containerPort]?.find(
      (b) => b.HostIp === '127.0.0.1' || b.HostIp === '',
    )?.HostPort;
    const port = Number.parseInt(hostPort ?? '', 10);
    if (!Number.isInteger(port) || port <= 0) {
      throw new RemoteCommandFailed(
        `${label}: port ${containerPort} is not published on 127.0.0.1 (${JSON.stringify(bindings[containerPort] ?? null)})`,
      );
    }
    return port;
  };
  return {
    ssh: portOf(CONTAINER_PORTS.ssh),
    http: portOf(CONTAINER_PORTS.http),
    https: portOf(CONTAINER_PORTS.https),
  };
}

/** Starting labs at once, the engine may pick the same free host port for two of them: the loser starts again. */
const PORT_CLASH_ATTEMPTS = 4;

export async function createAndStart(engine: Engine, spec: LabContainerSpec): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const container = await engine.docker.createContainer(createOptions(spec));
    try {
      await container.start();
      return container.id;
    } catch (err) {
      if (attempt >= PORT_CLASH_ATTEMPTS || !isPortClash(err)) throw err;
      await container.remove({ force: true, v: true });
      await sleep(100 * attempt);
    }
  }
}

/** Podman: "cannot listen on the TCP port: listen tcp4 127.0.0.1:33209: bind: address already in use". */
export function isPortClash(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return /address already in use|port is already allocated/.test(message);
}

/** Inspects until the engine reports the published ports (they can lag the start by a moment). */
export async function publishedPorts(engine: Engine, id: string, label: string): Promise<LabPorts> {
  for (let attempt = 1; ; attempt++) {
    const inspect = await engine.docker.getContainer(id).inspect();
    try {
      return boundPorts(inspect, label);
    } catch (err) {
      if (attempt >= 20 || !inspect.State.Running) throw err;
      await sleep(100);
    }
  }
}

export async function isRunning(engine: Engine, id: string): Promise<boolean> {
  return (await engine.docker.getContainer(id).inspect()).State.Running;
}

/** Removes a container by name or id; absent is fine. */
export async function removeContainer(engine: Engine, nameOrId: string): Promise<boolean> {
  try {
    await engine.docker.getContainer(nameOrId).remove({ force: true, v: true });
    return true;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return false;
    throw err;
  }
}
