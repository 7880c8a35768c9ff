// Finds services and answers "does this checklist item apply to this service?" from the catalog alone.
import { CatalogError } from '../errors.ts';
import type { Catalog, ItemId, ServiceEntry } from './types.ts';

export type Applicability = { applies: true } | { applies: false; reason: string };

/** The entry named `name`; an unknown name throws CatalogError listing the catalog's names. */
export function findService(catalog: Catalog, name: string): ServiceEntry {
  const found = catalog.services.find((s) => s.name === name);
  if (found) return found;
  const names = catalog.services.map((s) => s.name).join(', ');
  throw new CatalogError(`unknown service "${name}": the catalog ${catalog.file} names ${names}`);
}

/** The services a run checks: all when `names` is empty, else those, in catalog order. */
export function selectServices(catalog: Catalog, names: readonly string[]): ServiceEntry[] {
  if (names.length === 0) return catalog.services;
  for (const name of names) findService(catalog, name);
  return catalog.services.filter((s) => names.includes(s.name));
}

/** NSC-19-NGINX -> NSC-19: derived checks share their item's applicability. */
export function baseItem(item: ItemId): ItemId {
  return item.slice(0, 6);
}

export function applicability(service: ServiceEntry, item: ItemId): Applicability {
  const reason = service.checklist.notApplicable[baseItem(item)];
  return reason === undefined ? { applies: true } : { applies: false, reason };
}
