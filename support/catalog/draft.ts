// catalog draft, the pure part: what one fact snapshot (and the specs fetched) shows of a daemon -> a catalog entry,
// each field either observed or marked with why it was not.
import { ServiceNotFound } from '../errors.ts';
import type { DraftObservation } from '../facts/parsers/draft.ts';
import { backupCovers } from '../facts/parsers/backup-list.ts';
import { isInstalled } from '../facts/parsers/dpkg.ts';
import { processFamily } from '../facts/process-tree.ts';
import type { HostFacts, ListeningSocket } from '../facts/types.ts';
import type { ApiSpec, HttpApi, ItemId, PidFile, PortEntry, ServiceEntry } from './types.ts';
import { CHECKLIST_ITEMS } from './types.ts';

/** The ConditionPathExists= line of the daemons an HA slave stops (wazo-platform/wazo-confd's siblings, e.g. wazo-calld). */
export const DISABLED_CONDITION = 'ConditionPathExists=!/var/lib/wazo/disabled';
/** Accounts that are not a daemon's own (NSC-01/NSC-03 treat them apart). */
export const SHARED_ACCOUNTS: readonly string[] = ['www-data', 'root'];
/** Where Wazo daemons serve their spec on their own port: /<version>/api/api.yml, or /api/api.yml (FastAPI). */
export const SPEC_CANDIDATES: readonly string[] = [
  '/api/api.yml',
  '/0.1/api/api.yml',
  '/0.2/api/api.yml',
  '/1.0/api/api.yml',
  '/1.1/api/api.yml',
  '/2.0/api/api.yml',
];

/** What was asked for a spec on one TCP port of the daemon (through the SSH connection). */
export interface SpecProbe {
  port: number;
  /** The first candidate path that answered 200 with a Swagger 2.0 or OpenAPI 3 document. */
  found?: { path: string; doc: Record<string, unknown> };
  /** Each path asked, with what it gave (e.g. "404", "not a spec", "connection refused"). */
  tried: { path: string; outcome: string }[];
}

export interface DraftInput {
  name: string;
  host: string;
  facts: HostFacts;
  observation: DraftObservation;
  /** Absent when no spec was fetched (then the spec is marked not observed). */
  specs?: SpecProbe[];
}

export type NoteKind = 'seen' | 'not-observed' | 'breaks' | 'not-checked';

/** A comment on one field of the entry: `field` is its path, e.g. user, http.spec, checklist. */
export interface DraftNote {
  field: string;
  kind: NoteKind;
  text: string;
}

export interface Draft {
  entry: ServiceEntry;
  notes: DraftNote[];
}

const RESTARTING: readonly string[] = ['on-failure', 'always', 'on-abnormal'];

class Notes {
  readonly list: DraftNote[] = [];
  seen(field: string, text: string): void {
    this.list.push({ field, kind: 'seen', text });
  }
  missing(field: string, text: string): void {
    this.list.push({ field, kind: 'not-observed', text });
  }
}

export function draftEntry(input: DraftInput): Draft {
  const { name, facts, observation: obs } = input;
  assertPresent(input);
  const notes = new Notes();
  const unit = `${name}.service`;
  const account = accountOf(input, notes);
  const family = processFamily(facts.processes, Number(obs.unit['MainPID'] ?? 0) || 0);
  const ports = portsOf(facts.listeners, family, input, notes);
  const http = httpOf(input, ports, notes);
  const pidFile = pidFileOf(obs, notes, name);
  const monit = monitOf(input, notes);
  const configPaths = configPathsOf(input, notes);
  const disabledGated = obs.conditions.includes(DISABLED_CONDITION);
  const entry: ServiceEntry = {
    name,
    package: packageOf(input, notes),
    unit,
    ...account,
    logFiles: logFilesOf(obs, notes, name),
    pidFile,
    ports,
    http,
    monit,
    supervision: supervisionOf(obs, monit, notes),
    wazoService: wazoServiceOf(input, notes),
    consul: null,
    configPaths,
    extraConfigPaths: [],
    backup: backupOf(facts, configPaths, notes),
    haSlave: disabledGated ? 'stopped' : 'running',
    disabledGated,
    checklist: { applies: [], notApplicable: {} },
    sources: [
      `observed on ${input.host} by wazo-live-acceptance catalog draft: cite public sources (repo:path)`,
    ],
  };
  unitNotes(obs, notes);
  notes.missing(
    'consul',
    `Consul registration is not read by the draft: set { serviceName: ${name}, configFiles: [] } if it registers`,
  );
  notes.missing(
    'extraConfigPaths',
    'optional or generated config paths cannot be told apart by looking: add them by hand',
  );
  notes.missing(
    'haSlave',
    `derived from disabledGated (${disabledGated}): the HA scripts' lists are not on the host`,
  );
  notes.missing(
    'sources',
    'a host shows no public source: cite the files (owner/repo:path) this entry rests on',
  );
  entry.checklist = checklistOf(entry);
  notes.missing('checklist', 'derived from the fields above: review each reason');
  return { entry, notes: notes.list };
}

function assertPresent({ name, host, facts, observation }: DraftInput): void {
  const load = observation.unit['LoadState'] ?? 'unknown';
  const pkg = facts.packages.get(name);
  if (load === 'loaded' || isInstalled(pkg) || observation.packages.length > 0) return;
  const etc = facts.files.get(`/etc/${name}/`)?.exists ? 'present' : 'absent';
  throw new ServiceNotFound(
    `${name} is not on ${host}: looked for the unit ${name}.service (LoadState=${load}), ` +
      `the package ${name} (${pkg ? pkg.status : 'unknown to dpkg'}) and /etc/${name}/ (${etc})`,
  );
}

function accountOf({ name, facts, observation }: DraftInput, notes: Notes) {
  const user = observation.user?.name;
  if (user === undefined) {
    notes.missing(
      'user',
      `the unit has no User= and no process of ${name} runs: the daemon's name stands in`,
    );
    notes.missing('home', 'no user observed');
    notes.missing('shell', 'no user observed');
    return { user: name, group: name, sharedUser: false, home: null, shell: null };
  }
  const how = observation.user?.from === 'unit' ? "the unit's User=" : 'the owner of its main process';
  notes.seen('user', `${how}; groups: ${observation.groups.join(' ') || 'none'}`);
  const passwd = facts.passwd.get(user);
  if (user === 'root') {
    // As the shipped wazo-sysconfd entry: NSC-01 reports root; its home and shell are the system's, not the daemon's.
    notes.seen(
      'home',
      `root's home (${passwd?.home ?? '?'}) is the system's: null, and NSC-03 does not apply`,
    );
    notes.seen(
      'shell',
      `root's shell (${passwd?.shell ?? '?'}) is the system's: null, and NSC-02 does not apply`,
    );
    return { user, group: observation.groups[0] ?? user, sharedUser: true, home: null, shell: null };
  }
  if (!passwd) {
    notes.missing('home', `no passwd entry for ${user}`);
    notes.missing('shell', `no passwd entry for ${user}`);
  }
  return {
    user,
    group: observation.groups[0] ?? user,
    sharedUser: SHARED_ACCOUNTS.includes(user),
    home: passwd?.home ?? null,
    shell: passwd?.shell ?? null,
  };
}

function packageOf({ name, facts, observation }: DraftInput, notes: Notes): string {
  const owner = observation.packages[0];
  const pkg = owner ?? name;
  const info = facts.packages.get(pkg);
  const fragment = observation.unit['FragmentPath'] ?? '';
  if (owner === undefined)
    notes.missing(
      'package',
      `dpkg owns no unit file of ${name} (${fragment || 'no unit file'}): its name stands in`,
    );
  else
    notes.seen(
      'package',
      `owns ${fragment}${info ? `; ${info.version} (${info.architecture}), ${info.status}` : ''}`,
    );
  return pkg;
}

function unitNotes(observation: DraftObservation, notes: Notes): void {
  const u = observation.unit;
  const conditions = observation.conditions.length > 0 ? observation.conditions.join(', ') : 'no condition';
  notes.seen(
    'unit',
    `${u['UnitFileState'] || 'no unit file state'}, ${u['ActiveState'] ?? 'unknown'}; Restart=${u['Restart'] || 'no'}; ${conditions}`,
  );
}

function logFilesOf(observation: DraftObservation, notes: Notes, name: string): string[] {
  const open = observation.openFiles.filter((p) => p.startsWith('/var/log/'));
  const files = [...new Set([...observation.namedLogs, ...open])];
  if (files.length === 0)
    notes.missing('logFiles', `no /var/log/${name}.log and no open file under /var/log/`);
  return files;
}

function pidFileOf(observation: DraftObservation, notes: Notes, name: string): PidFile | null {
  const declared = observation.unit['PIDFile'] || undefined;
  const own = observation.runFiles.find((p) => p.endsWith(`/${name}.pid`));
  const path = declared ?? own ?? observation.runFiles[0];
  if (path === undefined) {
    notes.missing(
      'pidFile',
      `no PIDFile= in the unit, no /run/${name}/*.pid and no /run/${name}.pid: null means it writes none`,
    );
    return null;
  }
  const others = observation.runFiles.filter((p) => p !== path);
  const from = declared === undefined ? `found under /run` : "the unit's PIDFile=";
  notes.seen('pidFile', others.length > 0 ? `${from}; also found ${others.join(', ')}` : from);
  return { path, dir: path.slice(0, path.lastIndexOf('/')) || '/' };
}

function portsOf(
  listeners: readonly ListeningSocket[],
  family: ReadonlySet<number>,
  { name, observation }: DraftInput,
  notes: Notes,
): PortEntry[] {
  if (family.size === 0) {
    notes.missing(
      'ports',
      `${name} is not running (ActiveState=${observation.unit['ActiveState'] ?? 'unknown'}): no socket to see`,
    );
    return [];
  }
  const seen = new Map<string, PortEntry>();
  for (const l of listeners) {
    if (l.protocol === 'unix' || !l.pids.some((pid) => family.has(pid))) continue;
    const port: PortEntry = {
      port: l.port,
      address: plainAddress(l.address),
      protocol: l.protocol.startsWith('udp') ? 'udp' : 'tcp',
    };
    seen.set(`${port.protocol} ${port.address} ${port.port}`, port);
  }
  const ports = [...seen.values()].sort((a, b) => a.protocol.localeCompare(b.protocol) || a.port - b.port);
  if (ports.length === 0)
    notes.missing(
      'ports',
      `ss shows no listener of ${name}'s processes (without CAP_SYS_PTRACE ss may hide owners)`,
    );
  return ports;
}

/** ss prints the wildcard as *, [::] or ::, and IPv6 addresses in brackets. */
function plainAddress(address: string): string {
  const bare = address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  return bare === '*' ? '0.0.0.0' : bare;
}

function httpOf(input: DraftInput, ports: readonly PortEntry[], notes: Notes): HttpApi | null {
  const tcp = ports.filter((p) => p.protocol === 'tcp').map((p) => p.port);
  // Wazo's files put narrower ^~ blocks (/api/auth/0.1/backends) before the generic one: the shortest prefix is the API's.
  const location = input.facts.nginxLocations
    .filter((l) => !['=', '~', '~*'].includes(l.modifier ?? '') && tcp.includes(proxyPort(l.proxyPass) ?? -1))
    .sort((a, b) => a.prefix.length - b.prefix.length)[0];
  const probe = input.specs?.find(
    (s) => s.found && (location ? s.port === proxyPort(location.proxyPass) : true),
  );
  const port = location ? proxyPort(location.proxyPass) : probe?.port;
  if (port === undefined) {
    notes.missing('http', httpAbsence(input, tcp));
    return null;
  }
  const nginx = location ? { prefix: location.prefix, file: location.file } : null;
  if (location)
    notes.seen(
      'http.nginx',
      `location ${location.prefix} proxy_pass ${location.proxyPass ?? ''}${location.enabled ? '' : ' (not enabled)'}`,
    );
  else
    notes.missing(
      'http.nginx',
      `no location under /etc/nginx/locations/https-available proxies to port ${port}`,
    );
  const spec = probe?.found ? specOf(probe.found.path, probe.found.doc) : null;
  if (spec === null) notes.missing('http.spec', specAbsence(input.specs, port));
  else
    notes.seen(
      'http.spec',
      `served on 127.0.0.1:${port}${spec.path}${servedVersion(spec, probe?.found?.doc)}`,
    );
  const version = spec ? versionOf(spec.path) : null;
  return { port, version, spec, nginx };
}

function httpAbsence(input: DraftInput, tcp: readonly number[]): string {
  if (tcp.length === 0) return 'no TCP listener: no HTTP API seen';
  if (input.specs === undefined)
    return `no nginx location proxies to ${tcp.join(', ')} and no spec was fetched`;
  return `no nginx location proxies to ${tcp.join(', ')} and none serves a spec at ${SPEC_CANDIDATES.join(', ')}`;
}

function specAbsence(specs: readonly SpecProbe[] | undefined, port: number): string {
  const probe = specs?.find((s) => s.port === port);
  if (!probe) return 'the spec was not fetched';
  return `no spec on 127.0.0.1:${port}: ${probe.tried.map((t) => `${t.path} ${t.outcome}`).join(', ')}`;
}

function proxyPort(proxyPass: string | undefined): number | undefined {
  const m = /^https?:\/\/(?:127\.0\.0\.1|localhost):(\d+)(\/|$)/.exec(proxyPass ?? '');
  return m ? Number(m[1]) : undefined;
}

/** A served document as the catalog's spec entry; null when it is neither Swagger 2.0 nor OpenAPI 3. */
export function specOf(path: string, doc: Record<string, unknown>): ApiSpec | null {
  const openapi = doc['openapi'];
  const format =
    doc['swagger'] === '2.0'
      ? 'swagger-2.0'
      : typeof openapi === 'string' && /^3\./.test(openapi)
        ? 'openapi-3'
        : null;
  if (format === null) return null;
  const info = doc['info'] as { version?: unknown } | undefined;
  const version = info?.version;
  const basePath = doc['basePath'];
  return {
    path,
    format,
    // FastAPI (OpenAPI 3) serves its package's version, which every release changes: null, as the catalog does.
    infoVersion:
      format === 'swagger-2.0' && (typeof version === 'string' || typeof version === 'number')
        ? String(version)
        : null,
    basePath: typeof basePath === 'string' ? basePath : null,
  };
}

/** The info.version a spec served where the entry says null (OpenAPI 3), so the reader sees it anyway. */
function servedVersion(spec: ApiSpec, doc: Record<string, unknown> | undefined): string {
  const version = (doc?.['info'] as { version?: unknown } | undefined)?.version;
  if (spec.infoVersion !== null || (typeof version !== 'string' && typeof version !== 'number')) return '';
  return `; info.version ${String(version)} left null: it follows each release`;
}

/** /1.1/api/api.yml -> '1.1'; /api/api.yml -> null. */
function versionOf(specPath: string): string | null {
  return /^\/(\d+(?:\.\d+)*)\//.exec(specPath)?.[1] ?? null;
}

function monitOf({ name, facts }: DraftInput, notes: Notes): string | null {
  const check = facts.monit.processes.find((p) => p.name === name);
  if (!facts.monit.running && facts.monit.processes.length === 0) {
    notes.missing('monit', `monit's status could not be read (${facts.monit.error ?? 'not running'})`);
  } else if (check) notes.seen('monit', `Process '${check.name}' ${check.monitoringStatus ?? check.status}`);
  return check ? check.name : null;
}

function supervisionOf(
  observation: DraftObservation,
  monit: string | null,
  notes: Notes,
): ServiceEntry['supervision'] {
  const restart = observation.unit['Restart'] || 'no';
  notes.seen('supervision', `${monit ? `monit check ${monit}` : 'no monit check'}, unit Restart=${restart}`);
  if (monit) return 'monit';
  return RESTARTING.includes(restart) ? 'systemd-restart' : 'none';
}

function wazoServiceOf({ name, facts }: DraftInput, notes: Notes): ServiceEntry['wazoService'] {
  const status = facts.wazoService;
  if (!status.available) {
    notes.missing(
      'wazoService',
      `wazo-service status could not be read (${status.error ?? 'not available'})`,
    );
    return { bash: 'none', python: 'none' };
  }
  const entry = status.services.find((e) => e.name === name);
  if (!entry) {
    notes.seen('wazoService', 'wazo-service status does not list it');
    return { bash: 'none', python: 'none' };
  }
  notes.missing(
    'wazoService',
    `wazo-service status lists it (${entry.status}); one listing cannot tell the wazo group from the default one`,
  );
  return { bash: 'default', python: 'default' };
}

function configPathsOf({ name, facts }: DraftInput, notes: Notes): string[] {
  const candidates = [`/etc/${name}/config.yml`, `/etc/${name}/conf.d/`];
  const present = candidates.filter((p) => facts.files.get(p)?.exists);
  if (present.length > 0) return present;
  notes.missing('configPaths', `neither ${candidates.join(' nor ')} exists: the Wazo convention stands in`);
  return [candidates[0] as string];
}

function backupOf(facts: HostFacts, configPaths: readonly string[], notes: Notes): ServiceEntry['backup'] {
  if (facts.backupList === null) {
    notes.missing('backup', 'wazo-backup is not installed');
    return 'none';
  }
  const list = facts.backupList;
  const covered = configPaths.filter((path) => backupCovers(list, path));
  notes.seen(
    'backup',
    `wazo-backup's data list covers ${covered.length} of ${configPaths.length} config paths`,
  );
  if (covered.length === configPaths.length) return 'full';
  return covered.length === 0 ? 'none' : 'partial';
}

/** Every item applies unless a field says there is nothing to check; each reason says which. */
function checklistOf(entry: ServiceEntry): ServiceEntry['checklist'] {
  const notApplicable: Record<ItemId, string> = {};
  if (entry.user === 'root') {
    notApplicable['NSC-02'] =
      "runs as root (NSC-01 reports it): root's login shell is the system's, not the service's";
    notApplicable['NSC-03'] =
      "runs as root (NSC-01 reports it): /root is the system's home, not the service's";
  }
  if (entry.pidFile === null) notApplicable['NSC-05'] = 'no PID file observed by catalog draft';
  notApplicable['NSC-06'] =
    'reads no default consul config file (no Consul config path observed by catalog draft)';
  notApplicable['NSC-16'] = 'no Consul registration observed by catalog draft';
  if (entry.http?.spec == null) notApplicable['NSC-18'] = 'no API spec observed by catalog draft';
  if (entry.http?.nginx == null) notApplicable['NSC-19'] = 'no nginx location observed by catalog draft';
  return { applies: CHECKLIST_ITEMS.filter((item) => !(item in notApplicable)), notApplicable };
}
