// Plans a profile the way a run does - cucumber.js expands the templates over the catalog, cucumber dry-runs them -
// and returns the planned checks (per daemon and item, with the catalog's not-applicable reason).
import { PassThrough } from 'node:stream';
import { loadConfiguration, loadSupport, runCucumber } from '@cucumber/cucumber/api';
import type { ISupportCodeLibrary } from '@cucumber/cucumber/api';
import { useCatalogForFeatures } from '../../catalog/feature-files.ts';
import { loadCatalog } from '../../catalog/load.ts';
import type { PlannedCheck } from '../../cli/dry-run.ts';
import { plannedChecks } from '../../cli/dry-run.ts';
import { PACKAGE_ROOT } from '../../config/defaults.ts';
import type { MessageEnvelope } from '../../report/messages.ts';

let support: ISupportCodeLibrary | undefined;

/** tags: overrides the profile's tag expression (e.g. '@online'). */
export async function plannedFor(
  catalogFile: string,
  profile: string,
  tags?: string,
): Promise<PlannedCheck[]> {
  const environment = {
    cwd: PACKAGE_ROOT,
    stdout: new PassThrough().resume(),
    stderr: new PassThrough().resume(),
  };
  useCatalogForFeatures(catalogFile);
  try {
    const { runConfiguration } = await loadConfiguration(
      { file: 'cucumber.js', profiles: [profile], provided: { dryRun: true, format: [] } },
      environment,
    );
    if (tags !== undefined) runConfiguration.sources.tagExpression = tags;
    // Support code is imported once per process: cucumber's loadSupport, reused by every later plan.
    support ??= await loadSupport(runConfiguration, environment);
    const envelopes: MessageEnvelope[] = [];
    await runCucumber({ ...runConfiguration, support }, environment, (envelope) => {
      envelopes.push(envelope);
    });
    return plannedChecks(envelopes, loadCatalog(catalogFile));
  } finally {
    useCatalogForFeatures(undefined);
  }
}
