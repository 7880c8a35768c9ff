// The argv of the system ssh for one target: strict host keys, batch mode, our known_hosts, no prompts.
import type { SshConfig } from '../config/types.ts';
import { parseJumpHost } from './jump-host.ts';
import { shellQuote } from './quote.ts';

export interface OpensshTarget {
  host: string;
  config: SshConfig;
  keepaliveCountMax: number;
  sshBinary: string;
  /** The master connection's socket (a private directory's file); commands share that connection. */
  controlPath?: string;
}

/** An idle master outlives its last command this long, so a crashed run does not leave it for ever. */
export const CONTROL_PERSIST_S = 60;

/** Options shared by the target and the jump host connection. */
function commonOptions(target: OpensshTarget): string[] {
  const { config } = target;
  return [
    '-o',
    'BatchMode=yes',
    '-o',
    `StrictHostKeyChecking=${config.acceptNewHostKey ? 'accept-new' : 'yes'}`,
    '-o',
    `UserKnownHostsFile=${config.knownHostsFile}`,
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    '-o',
    `ConnectTimeout=${Math.max(1, Math.ceil(config.connectTimeoutMs / 1000))}`,
    '-o',
    `ServerAliveInterval=${Math.max(1, Math.round(config.keepaliveIntervalMs / 1000))}`,
    '-o',
    `ServerAliveCountMax=${target.keepaliveCountMax}`,
    '-o',
    'LogLevel=ERROR',
    ...(config.keyFile ? ['-i', config.keyFile] : []),
    ...(config.useAgent ? [] : ['-o', 'IdentityAgent=none']),
  ];
}

/**
 * The jump host goes through ProxyCommand rather than -J: -J starts a second ssh that would not get
 * our known_hosts file or batch mode.
 */
function jumpOptions(target: OpensshTarget): string[] {
  const { jumpHost, user } = target.config;
  if (!jumpHost) return [];
  const jump = parseJumpHost(jumpHost, user);
  const proxy = [target.sshBinary, ...commonOptions(target), '-p', String(jump.port), '-W', '%h:%p'];
  return ['-o', `ProxyCommand=${shellQuote([...proxy, `${jump.user}@${jump.host}`])}`];
}

function destination(target: OpensshTarget): string {
  return `${target.config.user}@${target.host}`;
}

/** One master connection per target (made by the first command), for the commands and forwards only. */
function multiplexOptions(target: OpensshTarget): string[] {
  if (target.controlPath === undefined) return [];
  return [
    '-o',
    'ControlMaster=auto',
    '-o',
    `ControlPath=${target.controlPath}`,
    '-o',
    `ControlPersist=${CONTROL_PERSIST_S}`,
  ];
}

export function execArgs(target: OpensshTarget, commandLine: string): string[] {
  const port = String(target.config.port);
  return [
    ...commonOptions(target),
    ...multiplexOptions(target),
    ...jumpOptions(target),
    '-p',
    port,
    destination(target),
    '--',
    commandLine,
  ];
}

export function forwardArgs(target: OpensshTarget, host: string, port: number): string[] {
  const sshPort = String(target.config.port);
  return [
    ...commonOptions(target),
    ...multiplexOptions(target),
    ...jumpOptions(target),
    '-p',
    sshPort,
    '-W',
    `${host}:${port}`,
    destination(target),
  ];
}

/** Asks the master connection to end (`ssh -O exit`); the destination only has to match the master's. */
export function exitMasterArgs(target: OpensshTarget & { controlPath: string }): string[] {
  return [
    '-o',
    `ControlPath=${target.controlPath}`,
    '-o',
    'LogLevel=ERROR',
    '-p',
    String(target.config.port),
    '-O',
    'exit',
    destination(target),
  ];
}
