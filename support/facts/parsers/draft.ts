// Parses the snapshot's "draft" sections (catalog draft): what the script found about a daemon no plan could name.
import type { RawSection, Sections } from '../frame.ts';
import type { GatherPlan, UnitProperties } from '../types.ts';
import { numberedLines, unparsable } from './parse-error.ts';

export const DRAFT_SECTION = 'draft';

/** What the script saw of one daemon before the other sections ran (see draft_facts in snapshot.sh). */
export interface DraftObservation {
  name: string;
  /** `systemctl show` of <name>.service: Id, LoadState, FragmentPath, DropInPaths, User, Group, PIDFile, Restart... */
  unit: UnitProperties;
  /** Condition and Assert lines of its unit file and drop-ins, e.g. ConditionPathExists=!/var/lib/wazo/disabled. */
  conditions: string[];
  /** The account it runs as: the unit's User=, else its main process's owner; absent when neither is known. */
  user?: { name: string; from: 'unit' | 'process' };
  /** Group names of that account, primary first (`id -Gn`). */
  groups: string[];
  /** Packages dpkg says own its unit file. */
  packages: string[];
  /** Files its processes hold open (/proc/PID/fd of the main process and its descendants). */
  openFiles: string[];
  /** Log files named after it: /var/log/<name>.log, /var/log/<name>-*.log, /var/log/<name>/*.log. */
  namedLogs: string[];
  /** PID files named after it: /run/<name>/*.pid, /run/<name>.pid. */
  runFiles: string[];
  /** The plan items the script added for it (u:USER, p:PATH, w:USER:PATH...). */
  items: string[];
}

const TAGS = ['S', 'C', 'U', 'G', 'K', 'F', 'L', 'R', 'I'] as const;

export function parseDraft(
  name: string,
  raw: Pick<RawSection, 'stdout' | 'stderr' | 'rc'>,
): DraftObservation {
  if (raw.rc !== 0) {
    const said = raw.stderr.trim() || raw.stdout.trim() || 'no output';
    throw new Error(`looking up ${name} exited with ${raw.rc}: ${said.slice(0, 300)}`);
  }
  const found: DraftObservation = {
    name,
    unit: {},
    conditions: [],
    groups: [],
    packages: [],
    openFiles: [],
    namedLogs: [],
    runFiles: [],
    items: [],
  };
  for (const { line, lineNo } of numberedLines(raw.stdout)) {
    const tab = line.indexOf('\t');
    const tag = line.slice(0, tab);
    const value = line.slice(tab + 1);
    if (tab !== 1 || !(TAGS as readonly string[]).includes(tag))
      throw unparsable(`draft ${name}`, line, lineNo);
    take(found, tag as (typeof TAGS)[number], value, () => unparsable(`draft ${name}`, line, lineNo));
  }
  return found;
}

function take(found: DraftObservation, tag: (typeof TAGS)[number], value: string, bad: () => Error): void {
  switch (tag) {
    case 'S': {
      const eq = value.indexOf('=');
      if (eq <= 0) throw bad();
      found.unit[value.slice(0, eq)] = value.slice(eq + 1);
      return;
    }
    case 'U': {
      const [user, from] = value.split('\t');
      if (!user || (from !== 'unit' && from !== 'process')) throw bad();
      found.user = { name: user, from };
      return;
    }
    case 'G':
      found.groups = value.split(' ').filter((g) => g !== '');
      return;
    case 'C':
      found.conditions.push(value);
      return;
    case 'K':
      found.packages.push(value);
      return;
    case 'F':
      found.openFiles.push(value);
      return;
    case 'L':
      found.namedLogs.push(value);
      return;
    case 'R':
      found.runFiles.push(value);
      return;
    case 'I':
      if (!/^[ugpwsko]:./.test(value)) throw bad();
      found.items.push(value);
  }
}

/** Every draft section of the snapshot, parsed; a section that does not parse throws (the draft cannot go on). */
export function draftObservations(sections: Sections): Map<string, DraftObservation> {
  const byName = sections.get(DRAFT_SECTION) ?? new Map<string, RawSection>();
  return new Map([...byName].map(([name, raw]) => [name, parseDraft(name, raw)]));
}

/**
 * The plan as the script ran it: the asked plan plus the items its draft sections added, so that the facts of the
 * drafted daemon (its user, files, unit, package) are read like those of a catalog daemon.
 */
export function withDraftItems(plan: GatherPlan, sections: Sections): GatherPlan {
  const raws = sections.get(DRAFT_SECTION);
  if (!raws || raws.size === 0) return plan;
  const grown: GatherPlan = {
    ...plan,
    users: [...plan.users],
    groups: [...plan.groups],
    paths: [...plan.paths],
    writeChecks: [...plan.writeChecks],
    units: [...plan.units],
    packages: [...plan.packages],
    ownedDirs: [...(plan.ownedDirs ?? [])],
  };
  for (const [name, raw] of raws) {
    if (raw.rc !== 0) continue;
    for (const item of parseDraft(name, raw).items) addItem(grown, item);
  }
  return grown;
}

function addItem(plan: GatherPlan, item: string): void {
  const value = item.slice(2);
  const push = (list: string[]): void => {
    if (!list.includes(value)) list.push(value);
  };
  switch (item[0]) {
    case 'u':
      return push(plan.users);
    case 'g':
      return push(plan.groups);
    case 'p':
      return push(plan.paths);
    case 's':
      return push(plan.units);
    case 'k':
      return push(plan.packages);
    case 'o':
      return push(plan.ownedDirs ?? []);
    case 'w': {
      const colon = value.indexOf(':');
      const user = value.slice(0, colon);
      const path = value.slice(colon + 1);
      if (!plan.writeChecks.some((w) => w.user === user && w.path === path))
        plan.writeChecks.push({ user, path });
    }
  }
}
