// --service and --list-services against the catalog.
import type { Catalog } from '../catalog/load.ts';
import { ConfigError } from '../errors.ts';

/** Rejects names the catalog does not have, listing the ones it has. */
export function checkServiceNames(names: readonly string[], catalog: Catalog, catalogFile: string): void {
  const known = catalog.services.map((service) => service.name);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length === 0) return;
  const list = unknown.map((name) => JSON.stringify(name)).join(', ');
  const noun = unknown.length === 1 ? 'service' : 'services';
  throw new ConfigError(`unknown ${noun} ${list}: the catalog ${catalogFile} has ${known.join(', ')}`);
}

export function serviceList(catalog: Catalog): string {
  return catalog.services.map((service) => `${service.name}\n`).join('');
}
