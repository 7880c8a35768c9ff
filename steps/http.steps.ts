// Steps for NSC-18 (the API specification is published) and NSC-19 (the REST API answers through the web server).
import { Then } from '@cucumber/cucumber';
import type { ServiceEntry } from '../support/catalog/types.ts';
import { API_STEP_TIMEOUT_MS as timeout } from '../support/http/api-results.ts';
import { apiSpecificationResult, restApiResult, webServerRouteResult } from '../support/http/api-results.ts';
import type { WlaWorld } from '../support/world.ts';

Then(
  'the service {service} publishes a valid API specification',
  { timeout },
  async function (this: WlaWorld, s: ServiceEntry) {
    return this.verdict(await apiSpecificationResult(this.run, s));
  },
);

Then(
  'the REST API of {service} is reachable through the web server',
  { timeout },
  async function (this: WlaWorld, s: ServiceEntry) {
    return this.verdict(await restApiResult(this.run, s));
  },
);

Then(
  'the web server serves {string} for {string}',
  { timeout },
  async function (this: WlaWorld, route: string, target: string) {
    return this.verdict(await webServerRouteResult(this.run, target, route));
  },
);
