// Turns the snapshot's sections into HostFacts; a section that failed becomes an entry of facts.errors.
import type { RawSection, Sections } from './frame.ts';
import { sectionLabel } from './frame.ts';
import { modeBitsAllow } from './mode-bits.ts';
import type { AccessFacts } from './mode-bits.ts';
import { parseBackupLists } from './parsers/backup-list.ts';
import { parseConfigOwnership } from './parsers/config-ownership.ts';
import { parseDirEntries } from './parsers/dir-entries.ts';
import type { DirEntry } from './parsers/dir-entries.ts';
import { isInstalled, parseDpkgQuery } from './parsers/dpkg.ts';
import { parseGroups, parseIdGroups } from './parsers/group.ts';
import { parseMeta } from './parsers/meta.ts';
import type { HostMeta } from './parsers/meta.ts';
import { parseMonitStatus } from './parsers/monit.ts';
import { parseNginxLocations } from './parsers/nginx-locations.ts';
import { parsePasswd } from './parsers/passwd.ts';
import { parsePs } from './parsers/ps.ts';
import { parsePythonLocal } from './parsers/python-local.ts';
import { parseShadow } from './parsers/shadow.ts';
import { parseSsInet, parseSsUnix } from './parsers/ss.ts';
import { parseStats } from './parsers/stat.ts';
import { parseSystemctlShow } from './parsers/systemctl-show.ts';
import { parseUnitFiles } from './parsers/unit-files.ts';
import { parseWazoServiceStatus } from './parsers/wazo-service.ts';
import { parseWriteAnswers } from './parsers/write-checks.ts';
import type { SectionName } from './sections.ts';
import type { GatherPlan, HostFacts, SectionError } from './types.ts';
import { writableKey } from './types.ts';

export const BACKUP_SCRIPT = '/usr/sbin/wazo-backup';
/** A shell's exit status for a command killed by a signal is 128 + the signal. */
const KILLED = 128;

class Reader {
  readonly errors: SectionError[] = [];
  readonly sections: Sections;
  constructor(sections: Sections) {
    this.sections = sections;
  }

  fail(section: string, key: string | undefined, message: string, raw?: RawSection): void {
    const error: SectionError = { section, exitCode: raw?.rc ?? null, stderr: raw?.stderr ?? '', message };
    if (key !== undefined && key !== '-') error.key = key;
    this.errors.push(error);
  }

  /** Runs parse on a section; a missing section or a parse error is recorded and yields undefined. */
  read<T>(section: SectionName, key: string, parse: (raw: RawSection) => T): T | undefined {
    const raw = this.sections.get(section)?.get(key);
    if (!raw) {
      this.fail(section, key, `${sectionLabel(section, key)}: missing from the snapshot`);
      return undefined;
    }
    if (raw.rc >= KILLED) {
      // What it printed is a prefix of its answer: parsing it would pass a partial look for the whole.
      this.fail(
        section,
        key,
        `${sectionLabel(section, key)}: cut short (killed by signal ${raw.rc - KILLED})`,
        raw,
      );
      return undefined;
    }
    try {
      return parse(raw);
    } catch (err) {
      this.fail(section, key, err instanceof Error ? err.message : String(err), raw);
      return undefined;
    }
  }

  keys(section: SectionName): string[] {
    return [...(this.sections.get(section)?.keys() ?? [])];
  }
}

/** Exit statuses that still mean "answered": getent's 2 is "some keys not found". */
function expectExit(raw: RawSection, allowed: readonly number[], what: string): void {
  if (!allowed.includes(raw.rc)) {
    const said = raw.stderr.trim() || raw.stdout.trim() || 'no output';
    throw new Error(`${what} exited with ${raw.rc}: ${said.slice(0, 300)}`);
  }
}

function readAccounts(r: Reader, plan: GatherPlan, meta: HostMeta) {
  const hasUsers = plan.users.length > 0;
  const passwd = hasUsers
    ? r.read('passwd', '-', (raw) => (expectExit(raw, [0, 2], 'getent passwd'), parsePasswd(raw.stdout)))
    : undefined;
  let shadow: HostFacts['shadow'] = null;
  if (hasUsers && !meta.shadowReadable) {
    r.fail('shadow', undefined, `shadow is not readable as uid ${meta.uid ?? '?'} (root or sudo is needed)`);
  } else if (hasUsers) {
    shadow =
      r.read('shadow', '-', (raw) => (expectExit(raw, [0, 2], 'getent shadow'), parseShadow(raw.stdout))) ??
      null;
  }
  const groups = r.read(
    'group',
    '-',
    (raw) => (expectExit(raw, [0, 2], 'getent group'), parseGroups(raw.stdout)),
  );
  const userGroups = new Map<string, number[]>();
  for (const user of hasUsers && meta.writeMethod === 'mode-bits' ? plan.users : []) {
    const gids = r.read('user-groups', user, (raw) =>
      raw.rc === 1 && /no such user/.test(raw.stderr)
        ? undefined
        : (expectExit(raw, [0], 'id -G'), parseIdGroups(raw.stdout)),
    );
    if (gids) userGroups.set(user, gids);
  }
  return { passwd: passwd ?? new Map(), shadow, groups: groups ?? new Map(), userGroups };
}

function readFiles(r: Reader, paths: readonly string[]): HostFacts['files'] {
  const files: HostFacts['files'] = new Map();
  if (paths.length === 0) return files;
  const outcomes = r.read('stat', '-', (raw) => parseStats(paths, raw.stdout, raw.stderr));
  for (const path of paths) {
    const outcome = outcomes?.get(path);
    if (outcome && 'exists' in outcome) files.set(path, outcome);
    else if (outcome) r.fail('stat', path, outcome.error);
  }
  return files;
}

/** Answers of `test -w` run as each user; a user whose check failed fails each of its (user, path) keys. */
function askedAsUser(r: Reader, plan: GatherPlan): Map<string, boolean> {
  const writable = new Map<string, boolean>();
  for (const user of new Set(plan.writeChecks.map((w) => w.user))) {
    const raw = r.sections.get('write')?.get(user);
    let answers: Map<string, boolean> | undefined;
    let why = 'missing from the snapshot';
    try {
      if (raw && raw.rc === 0) answers = parseWriteAnswers(raw.stdout);
      else if (raw) why = raw.stderr.trim() || `exit status ${raw.rc}`;
    } catch (err) {
      why = err instanceof Error ? err.message : String(err);
    }
    for (const { path } of plan.writeChecks.filter((w) => w.user === user)) {
      const answer = answers?.get(path);
      if (answer !== undefined) writable.set(writableKey(user, path), answer);
      else
        r.fail('write', `${user}:${path}`, `can ${user} write ${path}: ${answers ? 'no answer' : why}`, raw);
    }
  }
  return writable;
}

/** Without meta the snapshot's write method is unknown, so no write answer can be trusted either way. */
function unknownWrites(r: Reader, plan: GatherPlan): HostFacts['writable'] {
  for (const { user, path } of plan.writeChecks)
    r.fail(
      'write',
      `${user}:${path}`,
      `can ${user} write ${path}: the write method is unknown (meta could not be read)`,
    );
  return new Map();
}

function fromModeBits(r: Reader, plan: GatherPlan, facts: AccessFacts): HostFacts['writable'] {
  const writable: HostFacts['writable'] = new Map();
  for (const { user, path } of plan.writeChecks) {
    // Without the user's groups, a group write bit would be judged on the primary group alone.
    const groupsFailed = r.errors.some((e) => e.section === 'user-groups' && e.key === user);
    const answer = groupsFailed ? undefined : modeBitsAllow(facts, user, path, 'write');
    if (answer !== undefined) writable.set(writableKey(user, path), answer);
    else r.fail('write', `${user}:${path}`, `can ${user} write ${path}: its user or path facts are missing`);
  }
  return writable;
}

function readUnits(r: Reader, plan: GatherPlan, meta: HostMeta) {
  if (plan.units.length === 0) return { units: new Map(), processes: new Map() };
  const units = r.read(
    'units',
    '-',
    (raw) => (expectExit(raw, [0], 'systemctl show'), parseSystemctlShow(raw.stdout, plan.units)),
  );
  const processes = r.read(
    'processes',
    '-',
    // ps exits 1, saying nothing, when none of the asked PIDs runs; anything on stderr is a failure.
    (raw) => (expectExit(raw, raw.stderr.trim() === '' ? [0, 1] : [0], 'ps'), parsePs(raw.stdout, meta.now)),
  );
  return { units: units ?? new Map(), processes: processes ?? new Map() };
}

function readListeners(r: Reader): HostFacts['listeners'] {
  const inet = r.read(
    'sockets',
    'inet',
    (raw) => (expectExit(raw, [0], 'ss -ltnup'), parseSsInet(raw.stdout)),
  );
  const unix = r.read('sockets', 'unix', (raw) => (expectExit(raw, [0], 'ss -lxp'), parseSsUnix(raw.stdout)));
  return [...(inet ?? []), ...(unix ?? [])];
}

function readPackages(r: Reader, plan: GatherPlan) {
  const planned =
    plan.packages.length > 0
      ? r.read('dpkg', 'plan', (raw) => parseDpkgQuery(raw.stdout, raw.stderr, raw.rc))
      : undefined;
  const wazo = r.read('dpkg', 'wazo', (raw) => parseDpkgQuery(raw.stdout, raw.stderr, raw.rc));
  const wazoPackages = [...(wazo?.values() ?? [])].filter((p) => isInstalled(p)).map((p) => p.name);
  const unitFileStates = r.read('unit-files', 'wazo', (raw) =>
    parseUnitFiles(raw.stdout, raw.stderr, raw.rc),
  );
  return {
    packages: planned ?? new Map(),
    wazoPackages,
    unitFileStates: unitFileStates ?? new Map(),
    wazoUnits: [...(unitFileStates?.keys() ?? [])],
  };
}

/** dir_entries exits 2 when the directory does not exist: an empty directory, as far as checks go. */
function dirEntries(raw: RawSection): DirEntry[] {
  if (raw.rc === 2 && /^no directory /.test(raw.stderr)) return [];
  expectExit(raw, [0], 'directory listing');
  return parseDirEntries(raw.stdout);
}

function readNginx(r: Reader): HostFacts['nginxLocations'] {
  const enabled = r.read('nginx-enabled', '-', dirEntries) ?? [];
  const live = new Set(enabled.filter((e) => e.resolves).map((e) => e.name));
  return r.keys('nginx-available').flatMap((file) => {
    const locations = r.read(
      'nginx-available',
      file,
      (raw) => (expectExit(raw, [0], `cat ${file}`), parseNginxLocations(file, raw.stdout)),
    );
    return (locations ?? []).map((l) => ({ ...l, enabled: live.has(file) }));
  });
}

function readBackup(r: Reader, meta: HostMeta) {
  if (!meta.wazoBackup) return { backupList: null, backupExcludes: null };
  const lists = r.read(
    'file',
    BACKUP_SCRIPT,
    (raw) => (expectExit(raw, [0], `cat ${BACKUP_SCRIPT}`), parseBackupLists(raw.stdout)),
  );
  return { backupList: lists?.include ?? null, backupExcludes: lists?.exclude ?? null };
}

/** The owners of the files in plan.ownedDirs; [] when none is planned, null when the section failed. */
function readOwnership(r: Reader, plan: GatherPlan): HostFacts['configOwnership'] {
  const dirs = plan.ownedDirs ?? [];
  if (dirs.length === 0) return [];
  return r.read('config-ownership', '-', (raw) => parseConfigOwnership(dirs, raw)) ?? null;
}

const NO_META: HostMeta = {
  writeMethod: 'mode-bits',
  shadowReadable: false,
  monitRunning: false,
  wazoDisabled: false,
  wazoSecondary: false,
  consulTokenFile: false,
  wazoBackup: false,
};

export interface AssembleInput {
  sections: Sections;
  plan: GatherPlan;
  raw: string;
  gatheredAt: string;
}

export function assembleFacts({ sections, plan, raw, gatheredAt }: AssembleInput): HostFacts {
  const r = new Reader(sections);
  const metaRead = r.read('meta', '-', (s) => (expectExit(s, [0], 'the host facts'), parseMeta(s.stdout)));
  const meta = metaRead ?? NO_META;
  const accounts = readAccounts(r, plan, meta);
  const files = readFiles(r, plan.paths);
  const writable = !metaRead
    ? unknownWrites(r, plan)
    : meta.writeMethod === 'mode-bits'
      ? fromModeBits(r, plan, { ...accounts, files })
      : askedAsUser(r, plan);
  const listeners = readListeners(r);
  const monit = r.read('monit', 'status', (s) =>
    parseMonitStatus(s.stdout, s.stderr, s.rc, meta.monitRunning),
  );
  const wazoService = r.read('wazo-service', 'status', (s) =>
    parseWazoServiceStatus(s.stdout, s.stderr, s.rc),
  );
  const homeEntries = r.read('home', '-', dirEntries)?.map((e) => e.name) ?? [];
  const usrLocalPython = r.read(
    'python-local',
    '-',
    (raw) => (expectExit(raw, [0], 'listing /usr/local Python packages'), parsePythonLocal(raw.stdout)),
  );
  return {
    gatheredAt,
    raw,
    bootId: meta.bootId,
    pid1StartedAt: meta.pid1StartedAt,
    debianVersion: meta.debianVersion,
    hostname: meta.hostname,
    hostTime: meta.now,
    uid: meta.uid,
    ...accounts,
    files,
    writable,
    writeMethod: meta.writeMethod,
    ...readUnits(r, plan, meta),
    listeners,
    monit: monit ?? { running: meta.monitRunning, processes: [], error: 'monit status could not be read' },
    wazoService: wazoService ?? {
      available: false,
      exitCode: null,
      services: [],
      error: 'wazo-service status could not be read',
    },
    ...readPackages(r, plan),
    homeEntries,
    usrLocalPython: usrLocalPython ?? null,
    nginxLocations: readNginx(r),
    configOwnership: readOwnership(r, plan),
    ...readBackup(r, meta),
    wazoDisabled: meta.wazoDisabled,
    wazoSecondary: meta.wazoSecondary,
    consulTokenFile: meta.consulTokenFile,
    errors: r.errors,
  };
}
