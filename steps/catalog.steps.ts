// The catalog itself: every wazo-* daemon of the host is in it.
import { Then } from '@cucumber/cucumber';
import { checkCatalogCoverage } from '../support/checks/catalog-coverage.ts';
import type { WlaWorld } from '../support/world.ts';

Then('the catalog names every Wazo daemon of the host', async function (this: WlaWorld) {
  return this.verdict(checkCatalogCoverage(await this.run.facts(), this.run.catalog, this.run.config.host));
});
