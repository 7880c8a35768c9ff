// The WAZO_* environment variables: which configuration key each sets, and the two secrets.
import type { ConfigLayer } from './layer.ts';
import { setPath } from './layer.ts';

export type ValueKind = 'string' | 'int' | 'bool' | 'list' | 'tri';

export interface EnvVar {
  name: string;
  path: string;
  kind: ValueKind;
}

export const CONFIG_ENV = 'WAZO_CONFIG';

/** Every variable that sets a configuration key (WAZO_CONFIG picks the file; the secrets are below). */
export const ENV_VARS: readonly EnvVar[] = [
  { name: 'WAZO_HOST', path: 'host', kind: 'string' },
  { name: 'WAZO_SSH_PORT', path: 'ssh.port', kind: 'int' },
  { name: 'WAZO_SSH_USER', path: 'ssh.user', kind: 'string' },
  { name: 'WAZO_SSH_KEY', path: 'ssh.keyFile', kind: 'string' },
  { name: 'WAZO_SSH_AGENT', path: 'ssh.useAgent', kind: 'bool' },
  { name: 'WAZO_SSH_JUMP_HOST', path: 'ssh.jumpHost', kind: 'string' },
  { name: 'WAZO_KNOWN_HOSTS', path: 'ssh.knownHostsFile', kind: 'string' },
  { name: 'WAZO_ACCEPT_NEW_HOST_KEY', path: 'ssh.acceptNewHostKey', kind: 'bool' },
  { name: 'WAZO_SSH_SUDO', path: 'ssh.sudo', kind: 'bool' },
  { name: 'WAZO_SSH_MAX_CHANNELS', path: 'ssh.maxChannels', kind: 'int' },
  { name: 'WAZO_SSH_CONNECT_TIMEOUT_MS', path: 'ssh.connectTimeoutMs', kind: 'int' },
  { name: 'WAZO_SSH_COMMAND_TIMEOUT_MS', path: 'ssh.commandTimeoutMs', kind: 'int' },
  { name: 'WAZO_SSH_KEEPALIVE_MS', path: 'ssh.keepaliveIntervalMs', kind: 'int' },
  { name: 'WAZO_TRANSPORT', path: 'ssh.transport', kind: 'string' },
  { name: 'WAZO_HTTPS_ROUTE', path: 'https.route', kind: 'string' },
  { name: 'WAZO_HTTPS_PORT', path: 'https.port', kind: 'int' },
  { name: 'WAZO_HTTPS_SERVER_NAME', path: 'https.serverName', kind: 'string' },
  { name: 'WAZO_CA_FILE', path: 'https.caFile', kind: 'string' },
  { name: 'WAZO_PIN_FROM_HOST', path: 'https.pinFromHost', kind: 'bool' },
  { name: 'WAZO_INSECURE', path: 'https.insecure', kind: 'bool' },
  { name: 'WAZO_HTTPS_TIMEOUT_MS', path: 'https.timeoutMs', kind: 'int' },
  { name: 'WAZO_CONSUL_ADDRESS', path: 'consul.address', kind: 'string' },
  { name: 'WAZO_CONSUL_TOKEN_FILE', path: 'consul.tokenFile', kind: 'string' },
  { name: 'WAZO_CONSUL', path: 'consul.enabled', kind: 'tri' },
  { name: 'WAZO_CATALOG', path: 'catalogFile', kind: 'string' },
  { name: 'WAZO_WAIVERS', path: 'waiversFile', kind: 'string' },
  { name: 'WAZO_SERVICES', path: 'services', kind: 'list' },
  { name: 'WAZO_ALLOW_DESTRUCTIVE', path: 'allowDestructive', kind: 'bool' },
  { name: 'WAZO_BASELINE', path: 'baselineFile', kind: 'string' },
];

/** Converts text to the kind's type; text that does not convert is kept so validation names it. */
export function coerce(text: string, kind: ValueKind): unknown {
  const lower = text.trim().toLowerCase();
  switch (kind) {
    case 'int':
      return /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : text;
    case 'bool':
      return toBoolean(lower) ?? text;
    case 'tri':
      return toBoolean(lower) ?? lower;
    case 'list':
      return text.split(/[\s,]+/).filter((part) => part !== '');
    case 'string':
      return text;
  }
}

function toBoolean(lower: string): boolean | undefined {
  if (['true', '1', 'yes', 'on'].includes(lower)) return true;
  if (['false', '0', 'no', 'off'].includes(lower)) return false;
  return undefined;
}

/** An empty variable counts as unset. */
export function envLayer(env: NodeJS.ProcessEnv, cwd: string): ConfigLayer {
  const data: Record<string, unknown> = {};
  const names = new Map<string, string>();
  for (const variable of ENV_VARS) {
    const text = env[variable.name];
    if (text === undefined || text === '') continue;
    setPath(data, variable.path, coerce(text, variable.kind));
    names.set(variable.path, variable.name);
  }
  const originOf = (path: string): string =>
    `from ${names.get(path) ?? names.get(path.replace(/\[\d+\]$/, '')) ?? 'the environment'}`;
  return { data, originOf, baseDir: cwd };
}
