// NSC-09 on a fresh install: no leftover from an earlier install, i.e. every file directly in the daemon's
// package-owned directories belongs to an installed package (an upgraded host keeps .dpkg-old files: not @daily).
import { ownedDirsSource, packageOwnedDirs } from '../catalog/owned-dirs.ts';
import type { ServiceEntry } from '../catalog/types.ts';
import type { OwnedDirListing, OwnedEntry, OwnerPackage } from '../facts/types.ts';
import type { HostFacts } from '../facts/types.ts';
import { decide, notApplicable, notChecked, precheck, subject } from './build-result.ts';
import type { Subject } from './build-result.ts';
import type { CheckResult } from '../result.ts';

const EXPECTED = 'expected owned by an installed package (no leftover from an earlier install)';

export function checkNoLeftover(facts: HostFacts, service: ServiceEntry, host: string): CheckResult {
  const s = subject(service, host, 'NSC-09');
  const dirs = packageOwnedDirs(service).sort(byteOrder);
  if (dirs.length === 0) return precheck(facts, s, []) ?? notApplicable(s, noDirsReason(service));
  const early = precheck(facts, s, [{ section: 'config-ownership' }]);
  if (early) return early;
  const listings = listingsOf(facts, s, dirs);
  if (!Array.isArray(listings)) return listings;
  const entries = listings.flatMap((l) => l.entries).sort((a, b) => byteOrder(a.path, b.path));
  const leftovers = entries.filter((e) => !e.owners.some(isInstalled) && e.divertedBy === undefined);
  const evidence = [...listings.map(dirLine), ...entries.map(entryLine)];
  return decide(
    s,
    leftovers.map((e) => `${e.path}: ${EXPECTED}, found ${ownedBy(e)}`),
    evidence,
    `no leftover from an earlier install: ${summary(listings, entries)}`,
  );
}

/** The listing of each directory, or the not-checked result when the snapshot has none for one of them. */
function listingsOf(facts: HostFacts, s: Subject, dirs: readonly string[]): OwnedDirListing[] | CheckResult {
  if (facts.configOwnership === null)
    return notChecked(s, 'the fact snapshot has no listing of the package-owned directories');
  const listings: OwnedDirListing[] = [];
  for (const dir of dirs) {
    const listing = facts.configOwnership.find((l) => l.dir === dir);
    if (!listing) return notChecked(s, `the fact snapshot did not list the package-owned directory ${dir}`);
    listings.push(listing);
  }
  return listings;
}

/** dpkg's status letter (the second) says installed, whatever the wanted state (install, hold). */
function isInstalled(owner: OwnerPackage): boolean {
  return owner.state[1] === 'i';
}

function ownedBy(entry: OwnedEntry): string {
  if (entry.owners.length === 0) return 'owned by none';
  return `owned only by ${entry.owners.map((o) => `${o.name} (dpkg state ${o.state || 'unknown'}: not installed)`).join(', ')}`;
}

function noDirsReason(service: ServiceEntry): string {
  return ownedDirsSource(service) === 'catalog'
    ? `the catalog lists no package-owned directory for ${service.name} (packageOwnedDirs: [])`
    : `${service.name} has no config file in configPaths, so no directory must hold only packaged files`;
}

function summary(listings: readonly OwnedDirListing[], entries: readonly OwnedEntry[]): string {
  const where = listings.map((l) => (l.exists ? l.dir : `${l.dir} (absent)`)).join(', ');
  if (entries.length === 0) return `no file in ${where}`;
  const owners = entries.flatMap((e) => e.owners.filter(isInstalled).map((o) => o.name));
  const names = [...new Set(owners)].sort(byteOrder).join(', ');
  const files = entries.length === 1 ? '1 file' : `${entries.length} files`;
  return `${files} in ${where}, each owned by an installed package (${names || 'diversions only'})`;
}

function dirLine(listing: OwnedDirListing): string {
  if (!listing.exists) return `package-owned dir ${listing.dir}: absent`;
  const count = listing.entries.length;
  return `package-owned dir ${listing.dir}: ${count === 1 ? '1 file' : `${count} files`} (subdirectories not checked)`;
}

function entryLine(entry: OwnedEntry): string {
  const diverted = entry.divertedBy === undefined ? '' : ` (target of a diversion by ${entry.divertedBy})`;
  const owners = entry.owners.map((o) => `${o.name} (${o.state || 'state unknown'})`).join(', ');
  return `dpkg owner of ${entry.path}: ${owners || 'none'}${diverted}`;
}

/** Byte order, so that messages compared exactly by self-tests never depend on the order of the facts. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
