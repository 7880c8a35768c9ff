// Custom parameter types: {service} turns a quoted daemon name into its catalog entry (no host I/O).
import { defineParameterType } from '@cucumber/cucumber';
import { findService } from '../support/catalog/lookup.ts';
import type { ServiceEntry } from '../support/catalog/types.ts';
import type { WlaWorld } from '../support/world.ts';

defineParameterType({
  name: 'service',
  regexp: /"([^"]*)"/,
  transformer(this: WlaWorld, name: string): ServiceEntry {
    return findService(this.run.catalog, name);
  },
  useForSnippets: false,
});
