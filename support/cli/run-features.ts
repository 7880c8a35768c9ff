// Runs the features through cucumber's API with the configuration in worldParameters; returns the exit code.
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Writable } from 'node:stream';
import { loadConfiguration, loadSupport, runCucumber } from '@cucumber/cucumber/api';
import type { IConfiguration, IRunEnvironment, ISupportCodeLibrary } from '@cucumber/cucumber/api';
import { useCatalogForFeatures } from '../catalog/feature-files.ts';
import { offerConnection, withdrawConnection } from '../ssh/handoff.ts';
import type { RemoteHost } from '../ssh/transport.ts';
import { loadCatalog } from '../catalog/load.ts';
import type { RunnerConfig } from '../config/types.ts';
import { PACKAGE_ROOT } from '../config/defaults.ts';
import { ConfigError, EXIT_CHECK_FAILED, EXIT_NOT_CHECKED, EXIT_PASSED } from '../errors.ts';
import { causeChain } from './cause.ts';
import type { RunOptions } from './args.ts';
import type { CliIo } from './main.ts';
import { ResultCollector, exitCodeFor, summaryLine, tally } from './run-outcome.ts';
import { serviceNameFilters } from './scenario.ts';
import { dryRunListing, plannedChecks } from './dry-run.ts';
import { runMetaOf, terminalOf, writeRunReports } from './reports.ts';

/** Runs the features in-process (or in cucumber workers) with the configuration in worldParameters. */
export async function runFeatures(
  config: RunnerConfig,
  run: RunOptions,
  io: CliIo,
  serviceNames: readonly string[] = [],
  connection?: RemoteHost,
): Promise<number> {
  const started = Date.now();
  const terminal = terminalOf(io.stdout, io.env);
  // The dry run's answer is the listing: cucumber's own skipped dots would only hide it.
  const quiet = run.dryRun && run.formats.length === 0;
  const stdout = quiet ? new PassThrough().resume() : io.stdout;
  const collector = new ResultCollector();
  const success = await runCucumberFor(
    {
      config,
      run,
      serviceNames,
      formats: formatsFor(run.formats, io.cwd, terminal.isTTY),
      stdout,
      stderr: io.stderr,
      env: io.env,
      ...(connection ? { connection } : {}),
    },
    collector,
  );
  if (run.dryRun) {
    if (quiet) io.stdout.write(listing(collector, config, run));
    return success ? EXIT_PASSED : EXIT_CHECK_FAILED;
  }
  const results = collector.results(config.host);
  const meta = runMetaOf(collector.envelopes(), config, run.profile);
  const prefix = `wazo-live-acceptance: ${config.host}: `;
  let reportsWritten = true;
  try {
    io.stdout.write(await writeRunReports(collector.envelopes(), meta, run, terminal));
  } catch (error) {
    // The run's verdict still counts; a nightly must not mistake a missing report for a green run.
    reportsWritten = false;
    io.stderr.write(`${prefix}cannot write the reports to ${run.reportDir ?? '.'}: ${causeChain(error)}\n`);
  }
  if (results.length === 0) {
    const tags = run.tags === undefined ? '' : ` and --tags ${JSON.stringify(run.tags)}`;
    io.stderr.write(`${prefix}no check ran: no scenario matched profile ${run.profile}${tags}\n`);
  }
  io.stderr.write(`${prefix}${summaryLine(tally(results), Date.now() - started)}\n`);
  if (run.reportDir !== undefined && reportsWritten)
    io.stderr.write(`${prefix}reports in ${run.reportDir}\n`);
  return reportsWritten ? exitCodeFor(results, success) : EXIT_NOT_CHECKED;
}

/** One host's cucumber run: what it needs besides the shared support code. */
export interface CucumberRunInput {
  config: RunnerConfig;
  run: Pick<RunOptions, 'profile' | 'tags' | 'dryRun'>;
  serviceNames: readonly string[];
  formats: (string | [string, string])[];
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  /** A fleet run's key for this host (its inventory name); absent for a single-host run. */
  runKey?: string;
  /** The preflight's connection, for the run to go on with (closed by it either way). */
  connection?: RemoteHost;
  /** The step definitions loaded once for every host of a fleet run. */
  support?: ISupportCodeLibrary;
}

/** Runs cucumber once; the messages go to the collector; resolves with cucumber's success. */
export async function runCucumberFor(input: CucumberRunInput, collector: ResultCollector): Promise<boolean> {
  const { config, run } = input;
  const runKey = input.runKey ?? config.host;
  const environment = { cwd: PACKAGE_ROOT, stdout: input.stdout, stderr: input.stderr, env: input.env };
  const provided: Partial<IConfiguration> = {
    worldParameters: {
      wla: {
        config: JSON.parse(JSON.stringify(config)) as Record<string, never>,
        prefetchHttp: plansHttp(run),
        ...(input.runKey === undefined ? {} : { runKey: input.runKey }),
      },
    },
    parallel: 0,
    dryRun: run.dryRun,
    format: input.formats,
    ...(run.tags === undefined ? {} : { tags: run.tags }),
    ...(config.services.length === 0
      ? {}
      : { name: serviceNameFilters(config.services, input.serviceNames) }),
  };
  if (input.connection) offerConnection(runKey, input.connection);
  try {
    const { runConfiguration } = await loadConfigurationFor(
      config.catalogFile,
      run.profile,
      provided,
      environment,
    );
    const configuration = input.support ? { ...runConfiguration, support: input.support } : runConfiguration;
    const { success } = await runCucumber(configuration, environment, (envelope) =>
      collector.onMessage(envelope),
    );
    return success;
  } catch (error) {
    throw new ConfigError(`cucumber could not run: ${causeChain(error)}`, { cause: error });
  } finally {
    await withdrawConnection(runKey)
      ?.close()
      .catch(() => undefined);
  }
}

/** Loads the support code (steps, hooks, World) once, for a fleet run's hosts to share. */
export async function loadSharedSupport(input: CucumberRunInput): Promise<ISupportCodeLibrary> {
  const environment = { cwd: PACKAGE_ROOT, stdout: input.stdout, stderr: input.stderr, env: input.env };
  const { runConfiguration } = await loadConfigurationFor(
    input.config.catalogFile,
    input.run.profile,
    {},
    environment,
  );
  return loadSupport(runConfiguration, environment);
}

let loading: Promise<unknown> = Promise.resolve();

/**
 * cucumber.js reads the catalog to expand the features over from a module-level choice (useCatalogForFeatures):
 * loads are serialized so concurrent hosts with different catalogs each get their own expansion.
 */
function loadConfigurationFor(
  catalogFile: string,
  profile: string,
  provided: Partial<IConfiguration>,
  environment: IRunEnvironment,
): ReturnType<typeof loadConfiguration> {
  const next = loading.then(() => {
    // cucumber.js expands the feature templates over this run's catalog (--catalog included).
    useCatalogForFeatures(catalogFile);
    return loadConfiguration({ file: 'cucumber.js', profiles: [profile], provided }, environment);
  });
  loading = next.catch(() => undefined);
  return next;
}

function listing(collector: ResultCollector, config: RunnerConfig, run: RunOptions): string {
  const catalog = loadCatalog(config.catalogFile);
  const checks = plannedChecks(collector.envelopes(), catalog);
  return dryRunListing(checks, catalog, { host: config.host, profile: run.profile });
}

/** The user's formatters; a progress display on stdout unless one of them already writes there. */
export function formatsFor(
  formats: readonly string[],
  cwd: string,
  isTTY: boolean,
): (string | [string, string])[] {
  const given = formats.map((format) => formatFor(format, cwd));
  if (given.some((format) => typeof format === 'string')) return given;
  return [isTTY ? 'progress-bar' : 'progress', ...given];
}

/** "json:reports/x.json" -> ["json", "<cwd>/reports/x.json"]: cucumber runs from the package root. */
export function formatFor(format: string, cwd: string): string | [string, string] {
  const colon = format.indexOf(':');
  const name = colon === -1 ? format : format.slice(0, colon);
  const localName = name.startsWith('.') ? resolve(cwd, name) : name;
  return colon === -1 ? localName : [localName, resolve(cwd, format.slice(colon + 1))];
}

/** Profiles whose tags take in http.feature's @daily scenarios (cucumber.js); an explicit --tags may not. */
const HTTP_PROFILES: readonly string[] = [
  'default',
  'daily',
  'after-reboot',
  'after-upgrade',
  'fresh-install',
  'lab',
];

/** Whether the run surely has NSC-18/19 scenarios, so their requests can start with the snapshot. */
export function plansHttp(run: Pick<RunOptions, 'profile' | 'tags' | 'dryRun'>): boolean {
  return !run.dryRun && run.tags === undefined && HTTP_PROFILES.includes(run.profile);
}
