// Validates a GatherPlan and encodes it as the snapshot script's positional arguments (data, never code).
import { CatalogError } from '../errors.ts';
import type { GatherPlan } from './types.ts';

const PATTERNS = {
  user: /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}\$?$/,
  group: /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}\$?$/,
  unit: /^[A-Za-z0-9_][A-Za-z0-9@_.:\\-]{0,254}$/,
  package: /^[a-z0-9][a-z0-9+.-]{0,127}$/,
  path: /^\/[^\n\0]{0,4095}$/,
  daemon: /^[A-Za-z0-9][A-Za-z0-9_.+-]{0,99}$/,
} as const;

function checked(kind: keyof typeof PATTERNS, value: string): string {
  if (!PATTERNS[kind].test(value)) {
    throw new CatalogError(`fact plan: ${JSON.stringify(value)} is not a valid ${kind} name`);
  }
  return value;
}

const unique = (values: Iterable<string>): string[] => [...new Set(values)];

/** The plan with duplicates removed and every write-checked path also stat-ed (mode-bits fallback needs it). */
export function normalizePlan(plan: GatherPlan): GatherPlan {
  const writeChecks = [...new Map(plan.writeChecks.map((w) => [`${w.user}:${w.path}`, w])).values()];
  return {
    users: unique([...plan.users, ...writeChecks.map((w) => w.user)]),
    groups: unique(plan.groups),
    paths: unique([...plan.paths, ...writeChecks.map((w) => w.path)]),
    writeChecks,
    units: unique(plan.units),
    packages: unique(plan.packages),
    ...(plan.ownedDirs ? { ownedDirs: unique(plan.ownedDirs) } : {}),
    ...(plan.drafts ? { drafts: unique(plan.drafts) } : {}),
  };
}

/** u:USER g:GROUP p:PATH w:USER:PATH s:UNIT k:PACKAGE o:DIR d:DAEMON, each value validated. */
export function planArguments(plan: GatherPlan): string[] {
  return [
    ...plan.users.map((u) => `u:${checked('user', u)}`),
    ...plan.groups.map((g) => `g:${checked('group', g)}`),
    ...plan.paths.map((p) => `p:${checked('path', p)}`),
    ...plan.writeChecks.map((w) => `w:${checked('user', w.user)}:${checked('path', w.path)}`),
    ...plan.units.map((s) => `s:${checked('unit', s)}`),
    ...plan.packages.map((k) => `k:${checked('package', k)}`),
    ...(plan.ownedDirs ?? []).map((d) => `o:${checked('path', d)}`),
    ...(plan.drafts ?? []).map((d) => `d:${checked('daemon', d)}`),
  ];
}
