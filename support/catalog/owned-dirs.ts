// Where a fresh install must hold only packaged files (NSC-09 leftovers): the catalog's list or its default.
import type { ServiceEntry } from './types.ts';

/**
 * The daemon's package-owned directories. By default the directories of its config FILE paths (configPaths entries
 * not ending in /), e.g. /etc/wazo-confd/ for /etc/wazo-confd/config.yml: each Wazo daemon's package ships its
 * config.yml from the repository's etc/<svc>/config.yml (facts.md section 1 notes, section 5 "Every daemon's
 * config.yml ships ..."). conf.d/ is where local overrides go (an admin, a postinst, a key or wizard tool), so it
 * is never a default; wazo-upgrade ends with wazo-check-conffiles (facts.md section 8), since upgrades leave
 * .dpkg-old/.dpkg-dist files beside conffiles.
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
