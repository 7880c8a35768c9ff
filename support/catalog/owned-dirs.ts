// Where a fresh install must hold only packaged files (NSC-09 leftovers): the catalog's list or its default.
import type { ServiceEntry } from './types.ts';

/**
 * The daemon's package-owned directories. By default the directories of its config FILE paths (configPaths entries
 * not ending in /), e.g. /etc/wazo-confd/ for /etc/wazo-confd/config.yml: each package ships its config.yml
 * (e.g. wazo-platform/wazo-provd:debian/wazo-provd.install installs etc/wazo-provd/*), and
 * "config.yml should not be modified because [it] will be overridden during upgrades"
 * (wazo-platform.org:content/uc-doc/system/configuration_files.md). conf.d/ is never a default: local overrides
 * go there, and postinst scripts write there too (wazo-auth:debian/wazo-auth.postinst writes conf.d/50-db.yml).
 */
export function packageOwnedDirs(service: ServiceEntry): string[] {
  if (service.packageOwnedDirs !== undefined) return [...service.packageOwnedDirs];
  const files = service.configPaths.filter((path) => !path.endsWith('/'));
  return [...new Set(files.map((path) => path.slice(0, path.lastIndexOf('/') + 1)))];
}

/** Whether the catalog's list was given, for the wording of results ("catalog" or "default"). */
export function ownedDirsSource(service: ServiceEntry): 'catalog' | 'default' {
  return service.packageOwnedDirs === undefined ? 'default' : 'catalog';
}
