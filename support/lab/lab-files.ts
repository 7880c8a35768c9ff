// The files a lab leaves for the runner and the tests: runner configs, known_hosts, key, CA, state.
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

export const LAB_FILES = {
  config: 'config.yml',
  qaConfig: 'config-qa.yml',
  qaPwConfig: 'config-qa-pw.yml',
  privateKey: 'id_ed25519',
  publicKey: 'id_ed25519.pub',
  knownHosts: 'known_hosts',
  ca: 'ca.crt',
  state: 'state.json',
} as const;

export interface LabPorts {
  ssh: number;
  http: number;
  https: number;
}

export type LabUser = 'root' | 'qa' | 'qa-pw';

/** A runner configuration (keys mirror RunnerConfig); paths are relative to the config file's directory. */
export function renderRunnerConfig(ports: LabPorts, user: LabUser): string {
  const ssh: Record<string, unknown> = {
    port: ports.ssh,
    user,
    keyFile: LAB_FILES.privateKey,
    knownHostsFile: LAB_FILES.knownHosts,
  };
  if (user !== 'root') ssh['sudo'] = true;
  const config = {
    host: '127.0.0.1',
    ssh,
    https: { port: ports.https, caFile: LAB_FILES.ca },
    consul: { enabled: 'auto' },
  };
  return `# Written by the lab driver (support/lab) for the lab on these ports; rewritten on each start.\n${stringify(config)}`;
}

/**
 * known_hosts lines for the lab's host keys as seen on the mapped port.
 * Each input line is a host key file (`type base64 [comment]`); comments are dropped.
 */
export function renderKnownHosts(sshPort: number, hostKeyFiles: string): string {
  const lines = hostKeyFiles
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length === 0)
    throw new Error('the lab offered no SSH host key (/etc/ssh/ssh_host_*_key.pub is empty)');
  return lines.map((line) => `[127.0.0.1]:${sshPort} ${hostKeyLine(line)}\n`).join('');
}

function hostKeyLine(line: string): string {
  const [type, key] = line.split(/\s+/);
  if (
    type === undefined ||
    key === undefined ||
    !/^(ssh-|ecdsa-)/.test(type) ||
    !/^[A-Za-z0-9+/]+=*$/.test(key)
  ) {
    throw new Error(`the lab's host key line is not "type base64": ${JSON.stringify(line)}`);
  }
  return `${type} ${key}`;
}

export function writeConfigs(dir: string, ports: LabPorts): void {
  writeFileSync(join(dir, LAB_FILES.config), renderRunnerConfig(ports, 'root'));
  writeFileSync(join(dir, LAB_FILES.qaConfig), renderRunnerConfig(ports, 'qa'));
  writeFileSync(join(dir, LAB_FILES.qaPwConfig), renderRunnerConfig(ports, 'qa-pw'));
}

export function writeKeyPair(dir: string, privateKey: string, publicKey: string): void {
  mkdirSync(dir, { recursive: true });
  const keyPath = join(dir, LAB_FILES.privateKey);
  rmSync(keyPath, { force: true });
  writeFileSync(keyPath, privateKey, { mode: 0o600 });
  chmodSync(keyPath, 0o600);
  writeFileSync(join(dir, LAB_FILES.publicKey), `${publicKey}\n`);
}

export function writeLabFile(dir: string, name: string, content: string): void {
  writeFileSync(join(dir, name), content);
}

export function removeLabFiles(dir: string): void {
  for (const name of Object.values(LAB_FILES)) rmSync(join(dir, name), { force: true });
}
