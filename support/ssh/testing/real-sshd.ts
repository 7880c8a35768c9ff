// Starts a throwaway OpenSSH sshd on 127.0.0.1 with its own host key and authorized key, for contract tests.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { TempDir } from './keys.ts';

const SSHD = '/usr/sbin/sshd';
const START_TIMEOUT_MS = 10_000;

export interface RealSshd {
  port: number;
  dir: TempDir;
  /** Client private key the server accepts (unencrypted ed25519). */
  clientKeyFile: string;
  /** The server's public host key line (`ssh-ed25519 AAAA...`). */
  hostPublicKey: string;
  stop(): Promise<void>;
}

/** Throws with the reason when sshd cannot run here: the contract tests must fail, not skip. */
export async function startRealSshd(): Promise<RealSshd> {
  if (!existsSync(SSHD))
    throw new Error(`${SSHD} is missing: apt-get install -y openssh-server openssh-client`);
  // sshd refuses to start without its privilege separation directory.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const dir = new TempDir('wla-sshd-');
  keygen(dir.file('host_ed25519'));
  keygen(dir.file('client_ed25519'));
  dir.file('authorized_keys', readFileSync(dir.file('client_ed25519.pub'), 'utf8'));
  const port = await freePort();
  const config = dir.file('sshd_config', sshdConfig(dir, port));
  const child = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  await waitListening(child, port, stderr);
  return {
    port,
    dir,
    clientKeyFile: dir.file('client_ed25519'),
    hostPublicKey: readFileSync(dir.file('host_ed25519.pub'), 'utf8').trim().split(' ').slice(0, 2).join(' '),
    stop: async () => {
      await stopChild(child);
      dir.remove();
    },
  };
}

function keygen(file: string): void {
  const out = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'wla-test', '-f', file], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  if (out.status !== 0) throw new Error(`ssh-keygen failed for ${file}: ${out.stderr || String(out.error)}`);
}

function sshdConfig(dir: TempDir, port: number): string {
  return [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${dir.file('host_ed25519')}`,
    `AuthorizedKeysFile ${dir.file('authorized_keys')}`,
    'PidFile none',
    'StrictModes no',
    'UsePAM no',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    'AllowTcpForwarding yes',
    'MaxSessions 10',
    'LogLevel ERROR',
    // bash sources ~/.bashrc for ssh commands only at shell level 1; this machine's root .bashrc is slow.
    'SetEnv SHLVL=1',
    '',
  ].join('\n');
}

async function waitListening(child: ChildProcess, port: number, stderr: string[]): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `sshd exited with status ${child.exitCode} before listening: ${stderr.join('').trim()}`,
      );
    }
    if (await accepts(port)) return;
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(
    `sshd did not listen on 127.0.0.1:${port} within ${START_TIMEOUT_MS} ms: ${stderr.join('').trim()}`,
  );
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  child.kill('SIGTERM');
  await Promise.race([closed, sleep(3000)]);
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
