// Loads and validates the service catalog, and derives the fact-gathering plan (stub until the catalog lands).
import type { GatherPlan } from '../facts/types.ts';

export interface ServiceEntry {
  name: string;
}

export interface Catalog {
  services: ServiceEntry[];
}

export function loadCatalog(_file: string): Catalog {
  throw new Error('loadCatalog: not implemented yet');
}

export function gatherPlan(_catalog: Catalog, _services: readonly string[]): GatherPlan {
  throw new Error('gatherPlan: not implemented yet');
}
