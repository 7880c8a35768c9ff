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
  /** Directories whose direct non-directory entries dpkg is asked about (NSC-09 leftovers); absent = none. */
  ownedDirs?: string[];
  /**
   * Daemons to look up first for `catalog draft` (absent = none): the script finds their unit, user and files and
   * adds the items their checks need to the lists above (parsers/draft.ts reads what it added).
   */
  drafts?: string[];
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
  /** '*', '!', '!!', '!*', '' or, for a hash, '<hash>' / '!<hash>': the script masks hashes on the host, the parser again. */
  password: string;
  /** No password can log in: the field is '*' or starts with '!'. An empty field ('' = no password) is not locked. */
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
  /** Parent PID: the snapshot keeps each main process and its descendants, so a child's ancestry is complete. */
  ppid: number;
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
  /** A monit daemon process exists (pgrep), or `monit status` answered. */
  running: boolean;
  processes: MonitProcess[];
  /** Why monit's status could not be read: monit's own words (not running, socket refused) or 'monit is not installed'. */
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
  /** Location modifier before the prefix: '^~', '=', '~', '~*', or absent. */
  modifier?: string;
  /** proxy_pass target, e.g. http://127.0.0.1:9486/. */
  proxyPass?: string;
  /** Files the block includes, as written (e.g. /etc/nginx/wazo-confd-shared.conf); the snapshot does not read them. */
  includes?: string[];
}

/** A package that owns a file, with its dpkg state. */
export interface OwnerPackage {
  name: string;
  /** dpkg's status abbreviation without the blank error flag: 'ii' installed, 'rc' removed with its conffiles kept. */
  state: string;
}

/** A file directly in a package-owned directory, and the packages dpkg says own it. */
export interface OwnedEntry {
  path: string;
  /** Owning packages from `dpkg-query -S`, sorted by name; empty when none owns it (a leftover). */
  owners: OwnerPackage[];
  /** The package whose dpkg-divert moved a packaged file to this path (the path is then dpkg-managed). */
  divertedBy?: string;
}

/** A package-owned directory as found: its direct entries other than subdirectories. */
export interface OwnedDirListing {
  dir: string;
  exists: boolean;
  entries: OwnedEntry[];
}

/** A Python package directory under /usr/local and the distributions installed there outside dpkg. */
export interface UsrLocalPythonDir {
  dir: string;
  /** Directory names such as netaddr-1.3.0.dist-info. */
  entries: string[];
}

export interface SectionError {
  section: string;
  /** The section's key (a path, a user:path pair, a unit...); absent for host-wide sections. */
  key?: string;
  exitCode: number | null;
  stderr: string;
  /** What went wrong, for the report (e.g. `stat /var/log/x: Permission denied`). */
  message?: string;
}

/** How `writable` was decided: as the user (setpriv/runuser + test -w), or from owner/group/mode bits (no ACLs). */
export type WriteMethod = 'setpriv' | 'runuser' | 'mode-bits';

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
  /** The host's clock when the snapshot ran, seconds since the epoch. */
  hostTime?: number;
  /** The uid the snapshot ran as (0 under root or sudo). */
  uid?: number;
  passwd: Map<string, PasswdEntry>;
  groups: Map<string, GroupEntry>;
  /** Every gid (primary and supplementary) of each plan user, from `id -G`; gathered only when writeMethod is 'mode-bits'. */
  userGroups: Map<string, number[]>;
  /** null when shadow could not be read (not root, no sudo). */
  shadow: Map<string, ShadowEntry> | null;
  files: Map<string, FileStat>;
  /** key `${user}\u0000${path}` -> whether that user can write that path. */
  writable: Map<string, boolean>;
  writeMethod: WriteMethod;
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
  /** Unit file name -> its state (enabled, disabled, static...), for the wazo-*.service files. */
  unitFileStates: Map<string, string>;
  /** Entries directly under /home. */
  homeEntries: string[];
  /** pip metadata (dist-info, egg-info) in each /usr/local/lib/python3.N/{dist,site}-packages; null when unreadable. */
  usrLocalPython: UsrLocalPythonDir[] | null;
  nginxLocations: NginxLocation[];
  /** Each plan.ownedDirs directory with the owners of its files (NSC-09 leftovers); null when the section failed. */
  configOwnership: OwnedDirListing[] | null;
  /** Paths in wazo-backup's data list; null when wazo-backup is not installed. */
  backupList: string[] | null;
  /** Paths in wazo-backup's EXCLUDE_FILES list (globs as written); null when not installed. */
  backupExcludes: string[] | null;
  /** /var/lib/wazo/disabled exists (HA slave or during an upgrade). */
  wazoDisabled: boolean;
  /** /var/lib/wazo/is-secondary exists: the HA sentinel of a slave, which wazo-upgrade leaves in place (wazo-platform/xivo-config:sbin/xivo-check-master-status@1dae1fad). */
  wazoSecondary: boolean;
  /** /var/lib/consul/master_token exists (its content is never read). */
  consulTokenFile: boolean;
  /** Sections whose command failed; a check that needs one reports "could not check". */
  errors: SectionError[];
}

export function writableKey(user: string, path: string): string {
  return `${user}\u0000${path}`;
}
