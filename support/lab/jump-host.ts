// A bastion beside a lab: the lab image running only sshd, its SSH port alone published on 127.0.0.1, resolving
// the lab as wazo-lab (the name on the lab's certificate), a name the runner's machine does not know.
import type { ContainerCreateOptions } from 'dockerode';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { RemoteCommandFailed, TimedOut } from '../errors.ts';
import { LAB_LABEL, removeContainer } from './container.ts';
import { containerEngine } from './engine.ts';
import type { Engine } from './engine.ts';
import { execInContainer } from './exec.ts';
import type { Lab } from './lab.ts';
import { LAB_FILES } from './lab-files.ts';
import { readLabState } from './state.ts';

/** The lab as the jump host sees it; its certificate is issued for this name. */
export const LAB_HOST_NAME = 'wazo-lab';

export interface JumpHost {
  /** ssh.jumpHost for the runner: root@127.0.0.1:<published port>. */
  readonly spec: string;
  readonly port: number;
  /** known_hosts lines for the jump host on its published port and for the lab as wazo-lab:22. */
  readonly knownHosts: string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
const EXEC_TIMEOUT_MS = 30_000;
const HOST_KEY = '/etc/ssh/ssh_host_ed25519_key';
/** No systemd: make the host key and sshd's privilege-separation directory, then sshd in the foreground. */
const SSHD_ONLY = `ssh-keygen -q -t ed25519 -N '' -C '' -f ${HOST_KEY} && mkdir -p /run/sshd && exec /usr/sbin/sshd -D -e`;

export function jumpHostOptions(
  name: string,
  image: string,
  labDir: string,
  labIp: string,
): ContainerCreateOptions {
  return {
    name,
    Image: image,
    Hostname: 'bastion',
    Entrypoint: ['/bin/sh', '-c'],
    Cmd: [SSHD_ONLY],
    Labels: { [LAB_LABEL]: labDir },
    ExposedPorts: { '22/tcp': {} },
    HostConfig: {
      PortBindings: { '22/tcp': [{ HostIp: '127.0.0.1', HostPort: '0' }] },
      ExtraHosts: [`${LAB_HOST_NAME}:${labIp}`],
      Ulimits: [
        { Name: 'nofile', Soft: 1024, Hard: 20000 },
        { Name: 'nproc', Soft: 4096, Hard: 4096 },
      ],
    },
  };
}

/** Starts the jump host for a running lab; the lab's key logs in as root on both. */
export async function startJumpHost(lab: Lab): Promise<JumpHost> {
  const engine = await containerEngine(() => undefined);
  const state = readLabState(lab.dir);
  const labIp = await addressOf(engine, state.containerId, state.containerName);
  const name = `${state.containerName}-jump`;
  await removeContainer(engine, name);
  const container = await engine.docker.createContainer(jumpHostOptions(name, state.image, lab.dir, labIp));
  const stop = () => removeContainer(engine, container.id).then(() => undefined);
  try {
    await container.start();
    const port = await publishedSshPort(engine, container.id, name);
    const publicKey = readFileSync(join(lab.dir, LAB_FILES.publicKey), 'utf8').trim();
    await mustRun(engine, container.id, name, ['/usr/local/sbin/wazo-lab-authorize-key', 'root', publicKey]);
    await untilSshAnswers(port, name);
    const jumpKey = await mustRun(engine, container.id, name, ['cat', `${HOST_KEY}.pub`]);
    const labKey = await lab.exec(['cat', `${HOST_KEY}.pub`]);
    const knownHosts = `[127.0.0.1]:${port} ${keyOf(jumpKey)}\n${LAB_HOST_NAME} ${keyOf(labKey.output)}\n`;
    return { spec: `root@127.0.0.1:${port}`, port, knownHosts, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function addressOf(engine: Engine, id: string, label: string): Promise<string> {
  const networks = (await engine.docker.getContainer(id).inspect()).NetworkSettings.Networks;
  const address = Object.values(networks).find((network) => network.IPAddress !== '')?.IPAddress;
  if (address === undefined) {
    throw new RemoteCommandFailed(
      `${label} has no address on a container network (${Object.keys(networks).join(', ')})`,
    );
  }
  return address;
}

async function publishedSshPort(engine: Engine, id: string, label: string): Promise<number> {
  const started = Date.now();
  for (;;) {
    const bound = (await engine.docker.getContainer(id).inspect()).NetworkSettings.Ports['22/tcp'];
    const port = Number.parseInt(bound?.find((b) => b.HostIp === '127.0.0.1')?.HostPort ?? '', 10);
    if (port > 0) return port;
    if (Date.now() - started > READY_TIMEOUT_MS) {
      throw new TimedOut(`${label}: port 22/tcp not published on 127.0.0.1 after ${READY_TIMEOUT_MS} ms`);
    }
    await sleep(100);
  }
}

/** sshd greets with "SSH-" as soon as it listens. */
async function untilSshAnswers(port: number, label: string): Promise<void> {
  const started = Date.now();
  let last = 'no attempt';
  while (Date.now() - started < READY_TIMEOUT_MS) {
    last = await banner(port).then(
      (text) => (text.startsWith('SSH-') ? '' : `greeting ${JSON.stringify(text.slice(0, 40))}`),
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    );
    if (last === '') return;
    await sleep(200);
  }
  throw new TimedOut(
    `${label}: sshd on 127.0.0.1:${port} did not greet within ${READY_TIMEOUT_MS} ms (${last})`,
  );
}

function banner(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(2_000, () => socket.destroy(new Error('no greeting within 2000 ms')));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString('latin1'));
    });
    socket.once('error', reject);
    socket.once('end', () => resolve(''));
  });
}

async function mustRun(engine: Engine, id: string, label: string, argv: string[]): Promise<string> {
  const result = await execInContainer(engine, id, argv, EXEC_TIMEOUT_MS, label);
  if (result.exitCode !== 0) {
    throw new RemoteCommandFailed(`${label}: ${argv[0]} exited ${result.exitCode}: ${result.output.trim()}`);
  }
  return result.output;
}

/** "ssh-ed25519 AAAA... comment" -> "ssh-ed25519 AAAA...". */
function keyOf(line: string): string {
  const [type, key] = line.trim().split(/\s+/);
  if (type === undefined || key === undefined || !/^[A-Za-z0-9+/]+=*$/.test(key)) {
    throw new RemoteCommandFailed(`not a public host key: ${JSON.stringify(line.slice(0, 80))}`);
  }
  return `${type} ${key}`;
}
