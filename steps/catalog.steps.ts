// The catalog itself: every wazo-* daemon of the host is in it.
import { Then } from '@cucumber/cucumber';
import { checkCatalogCoverage } from '../support/checks/catalog-coverage.ts';
import { FACT_STEP_TIMEOUT_MS } from '../support/checks/step-timeout.ts';
import type { WlaWorld } from '../support/world.ts';

Then(
  'the catalog names every Wazo daemon of the host',
  { timeout: FACT_STEP_TIMEOUT_MS },
  async function (this: WlaWorld) {
    return this.verdict(checkCatalogCoverage(await this.run.facts(), this.run.catalog, this.run.config.host));
  },
);
