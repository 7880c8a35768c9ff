// Every plain "facts -> check -> verdict" step of the checklist, registered in one loop from the registry.
import { Then } from '@cucumber/cucumber';
import type { ServiceEntry } from '../support/catalog/types.ts';
import { HOST_CHECKS, SERVICE_CHECKS } from '../support/checklist/registry.ts';
import type { WlaWorld } from '../support/world.ts';

for (const row of SERVICE_CHECKS) {
  Then(row.text, { timeout: row.timeoutMs }, async function (this: WlaWorld, service: ServiceEntry) {
    const { run } = this;
    return this.verdict(
      row.kind === 'facts'
        ? row.check(await run.facts(), service, run.config.host)
        : await row.check(run, service),
    );
  });
}

const { catalog, route } = HOST_CHECKS;

Then(catalog.text, { timeout: catalog.timeoutMs }, async function (this: WlaWorld) {
  return this.verdict(await catalog.check(this.run));
});

Then(route.text, { timeout: route.timeoutMs }, async function (this: WlaWorld, path: string, target: string) {
  return this.verdict(await route.check(this.run, path, target));
});
