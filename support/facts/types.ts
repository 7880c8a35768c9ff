// What the fact snapshot gathers (GatherPlan) and what its parsers produce (HostFacts).
// Gathering is one read-only script over one exec channel; checks only read HostFacts.

/** What to gather, derived from the catalog's selected services; every name is data, never code. */
export interface GatherPlan {
  users: string[];
  groups: string[];
  /** Paths to stat (log files, PID files and their directories, config paths, homes). */
  paths: string[];
  /** (user, path) pairs for which the script asks "can this user write it?" (`test -w` as that user). */
  writeChecks: { user: string; path: string }[];
  /** systemd units, e.g. wazo-confd.service. */
  units: string[];
  packages: string[];
}

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  gecos: string;
  home: string;
  shell: string;
}

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

export interface ShadowEntry {
  name: string;
  /** The password field as is: '*', '!', '!...', '' or a hash (a hash is replaced by '<hash>' at parse time). */
  password: string;
  locked: boolean;
}

export interface FileStat {
  path: string;
  exists: boolean;
  type?: 'file' | 'directory' | 'symlink' | 'socket' | 'fifo' | 'other';
  owner?: string;
  group?: string;
  uid?: number;
  gid?: number;
  /** Octal permission bits, e.g. '0644'. */
  mode?: string;
  size?: number;
  /** Symlink target, where type is symlink. */
  target?: string;
}

/** `systemctl show` properties of one unit, as key -> value. */
export type UnitProperties = Record<string, string>;

export interface ProcessInfo {
  pid: number;
  uid: number;
  gid: number;
  user: string;
  /** Seconds since the epoch. */
  startedAt?: number;
  command: string;
}

export interface ListeningSocket {
  protocol: 'tcp' | 'tcp6' | 'udp' | 'udp6' | 'unix';
  address: string;
  port: number;
  pids: number[];
  process?: string;
}

export interface MonitProcess {
  name: string;
  status: string;
  monitoringStatus?: string;
  pid?: number;
}

export interface MonitStatus {
  running: boolean;
  processes: MonitProcess[];
  /** Why monit could not be read, when running is false. */
  error?: string;
}

export interface WazoServiceEntry {
  name: string;
  status: 'running' | 'stopped' | 'failed' | 'unknown';
}

export interface WazoServiceStatus {
  available: boolean;
  exitCode: number | null;
  services: WazoServiceEntry[];
  error?: string;
}

export interface PackageInfo {
  name: string;
  status: string;
  version: string;
  architecture: string;
}

export interface NginxLocation {
  /** File under locations/https-available. */
  file: string;
  enabled: boolean;
  /** Location prefix, e.g. /api/confd/. */
  prefix: string;
  /** proxy_pass target, e.g. http://127.0.0.1:9486/. */
  proxyPass?: string;
}

export interface SectionError {
  section: string;
  exitCode: number | null;
  stderr: string;
}

export interface HostFacts {
  /** ISO time the snapshot was taken. */
  gatheredAt: string;
  /** The raw output, kept as evidence (contains no secret: the script reads none). */
  raw: string;
  bootId?: string;
  /** PID 1's start time, seconds since the epoch. */
  pid1StartedAt?: number;
  debianVersion?: string;
  hostname?: string;
  passwd: Map<string, PasswdEntry>;
  groups: Map<string, GroupEntry>;
  /** null when shadow could not be read (not root, no sudo). */
  shadow: Map<string, ShadowEntry> | null;
  files: Map<string, FileStat>;
  /** key `${user}\u0000${path}` -> whether that user can write that path. */
  writable: Map<string, boolean>;
  units: Map<string, UnitProperties>;
  processes: Map<number, ProcessInfo>;
  listeners: ListeningSocket[];
  monit: MonitStatus;
  wazoService: WazoServiceStatus;
  packages: Map<string, PackageInfo>;
  /** Every installed package named wazo-* (for the catalog coverage check). */
  wazoPackages: string[];
  /** Every unit file named wazo-*.service. */
  wazoUnits: string[];
  /** Entries directly under /home. */
  homeEntries: string[];
  nginxLocations: NginxLocation[];
  /** Paths in wazo-backup's data list; null when wazo-backup is not installed. */
  backupList: string[] | null;
  /** /var/lib/wazo/disabled exists (HA slave or during an upgrade). */
  wazoDisabled: boolean;
  /** Consul: is an agent configured/listening (not the token: the script never reads it into the snapshot). */
  consulPresent: boolean;
  /** Sections whose command failed; a check that needs one reports "could not check". */
  errors: SectionError[];
}

export function writableKey(user: string, path: string): string {
  return `${user}\u0000${path}`;
}
