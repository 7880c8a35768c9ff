// The shipped catalog for check tests, and a lookup that fails loudly on a typo.
import { loadCatalog } from '../../catalog/load.ts';
import { DEFAULT_CATALOG_FILE } from '../../config/defaults.ts';
import { findService } from '../../catalog/lookup.ts';
import type { ServiceEntry } from '../../catalog/types.ts';

export const catalog = loadCatalog(DEFAULT_CATALOG_FILE);

export function service(name: string): ServiceEntry {
  return findService(catalog, name);
}
