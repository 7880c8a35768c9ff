// Renders fact records as the evidence lines attached to a result (never a secret: facts hold none).
import type {
  FileStat,
  ListeningSocket,
  PackageInfo,
  PasswdEntry,
  ProcessInfo,
  UnitProperties,
} from '../facts/types.ts';

export function passwdLine(entry: PasswdEntry): string {
  const { name, uid, gid, gecos, home, shell } = entry;
  return `passwd: ${name}:x:${uid}:${gid}:${gecos}:${home}:${shell}`;
}

export function statLine(stat: FileStat | undefined, path: string): string {
  if (!stat || !stat.exists) return `stat ${path}: absent`;
  const target = stat.target ? ` -> ${stat.target}` : '';
  return `stat ${path}: ${stat.type ?? 'other'} ${ownership(stat)}${target}`;
}

/** "root:root 0644" */
export function ownership(stat: FileStat): string {
  return `${stat.owner ?? stat.uid ?? '?'}:${stat.group ?? stat.gid ?? '?'} ${stat.mode ?? '????'}`;
}

export function unitLine(unit: string, props: UnitProperties | undefined, keys: readonly string[]): string {
  if (!props) return `unit ${unit}: not known to systemd`;
  return `unit ${unit}: ${keys.map((k) => `${k}=${props[k] ?? ''}`).join(' ')}`;
}

export function processLine(proc: ProcessInfo): string {
  return `process ${proc.pid}: uid=${proc.uid} user=${proc.user} command=${proc.command}`;
}

export function listenerLine(socket: ListeningSocket): string {
  const owner = socket.pids.length > 0 ? ` pids=${socket.pids.join(',')}` : ' pids=?';
  const name = socket.process ? ` (${socket.process})` : '';
  return `listener ${socket.protocol} ${socket.address}:${socket.port}${owner}${name}`;
}

export function packageLine(info: PackageInfo | undefined, name: string): string {
  if (!info) return `package ${name}: unknown to dpkg`;
  return `package ${name}: ${info.status} version=${info.version} architecture=${info.architecture}`;
}
