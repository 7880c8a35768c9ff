// Derives the one fact snapshot's GatherPlan from the selected catalog services.
import type { GatherPlan } from '../facts/types.ts';
import type { Catalog, ServiceEntry } from './types.ts';
import { selectServices } from './lookup.ts';
import { packageOwnedDirs } from './owned-dirs.ts';

/** Packages read for host-wide facts: dpkg's architecture is the host's, base-files' version its Debian release. */
export const HOST_PACKAGES: readonly string[] = ['dpkg', 'base-files'];

/** Everything the checks of `services` (names; empty = all) read; unknown names throw CatalogError. */
export function gatherPlan(catalog: Catalog, services: readonly string[]): GatherPlan {
  const selected = selectServices(catalog, services);
  return {
    users: unique(selected.map((s) => s.user)),
    groups: unique([...selected.map((s) => s.group), ...(selected.some(readsConsulFiles) ? ['consul'] : [])]),
    paths: unique(selected.flatMap(pathsOf)),
    writeChecks: uniqueBy(selected.flatMap(writeChecksOf), (w) => `${w.user}\u0000${w.path}`),
    units: unique(selected.map((s) => s.unit)),
    packages: unique([...selected.map((s) => s.package), ...HOST_PACKAGES]),
    ownedDirs: unique(selected.flatMap(packageOwnedDirs)),
  };
}

function pathsOf(service: ServiceEntry): string[] {
  return [
    ...service.logFiles,
    ...(service.pidFile ? [service.pidFile.path, service.pidFile.dir] : []),
    ...service.configPaths,
    ...service.extraConfigPaths,
    ...(service.home ? [service.home] : []),
    `/home/${service.user}`,
    ...(service.consul?.configFiles ?? []),
  ];
}

function writeChecksOf(service: ServiceEntry): { user: string; path: string }[] {
  const paths = [
    ...service.logFiles,
    ...(service.pidFile ? [service.pidFile.path, service.pidFile.dir] : []),
  ];
  return paths.map((path) => ({ user: service.user, path }));
}

function readsConsulFiles(service: ServiceEntry): boolean {
  return (service.consul?.configFiles.length ?? 0) > 0;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function uniqueBy<T>(values: readonly T[], key: (value: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const value of values) if (!seen.has(key(value))) seen.set(key(value), value);
  return [...seen.values()];
}
