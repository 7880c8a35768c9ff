// Cucumber hooks: service selection, destructive guard, a result for every failed scenario, closing connections.
import { After, AfterAll, Before, Status } from '@cucumber/cucumber';
import type { ITestCaseHookParameter } from '@cucumber/cucumber';
import { isDeselected, resultFromError, scenarioItem, scenarioServices } from '../support/cli/scenario.ts';
import { CONSUL_TOKEN_ENV, PASSPHRASE_ENV } from '../support/config/defaults.ts';
import { readSecrets, redactSecrets } from '../support/config/secrets.ts';
import { closeRunContext } from '../support/run-context.ts';
import type { WlaWorld, WorldParameters } from '../support/world.ts';

Before(function (this: WlaWorld, { pickle }: ITestCaseHookParameter) {
  const { services } = this.run.config;
  if (services.length === 0) return undefined;
  const names = this.run.catalog.services.map((service) => service.name);
  return isDeselected(pickle, names, services) ? 'skipped' : undefined;
});

Before({ tags: '@destructive' }, function (this: WlaWorld) {
  if (this.run.config.allowDestructive) return undefined;
  this.log('not run: this scenario changes the host; it needs --allow-destructive');
  return 'skipped';
});

After(function (this: WlaWorld, { pickle, result, error }: ITestCaseHookParameter) {
  if (this.resultAttached || result?.status !== Status.FAILED) return;
  const { host, service, secrets } = describeTarget(this, pickle);
  const settled = resultFromError(error ?? result.message, host, service, scenarioItem(pickle));
  this.attachResult({ ...settled, message: redactSecrets(settled.message, secrets) });
});

AfterAll(async function (this: { parameters: WorldParameters }) {
  await closeRunContext(this.parameters);
});

/** Best effort: the error may come from the configuration or the catalog themselves. */
function describeTarget(world: WlaWorld, pickle: ITestCaseHookParameter['pickle']) {
  const fallbackSecrets = {
    passphrase: process.env[PASSPHRASE_ENV],
    consulToken: process.env[CONSUL_TOKEN_ENV],
  };
  let config;
  try {
    config = world.run.config;
  } catch {
    return { host: '', service: '', secrets: fallbackSecrets };
  }
  const secrets = { ...fallbackSecrets, ...readSecrets(config, process.env) };
  try {
    const names = world.run.catalog.services.map((entry) => entry.name);
    return { host: config.host, service: scenarioServices(pickle, names)[0] ?? '', secrets };
  } catch {
    return { host: config.host, service: '', secrets };
  }
}
