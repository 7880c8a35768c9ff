// The wazo-live-acceptance command: options -> configuration -> preflight -> cucumber run -> exit code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { Catalog } from '../catalog/load.ts';
import type { ConfigLayer } from '../config/layer.ts';
import type { RunnerConfig } from '../config/types.ts';
import { CONSUL_TOKEN_ENV, PACKAGE_ROOT, PASSPHRASE_ENV } from '../config/defaults.ts';
import { resolveConfig } from '../config/resolve.ts';
import { readSecrets, redactSecrets } from '../config/secrets.ts';
import { ConfigError, EXIT_NOT_CHECKED, EXIT_PASSED, WlaError } from '../errors.ts';
import type { SshSecrets } from '../ssh/connect.ts';
import type { RemoteHost } from '../ssh/transport.ts';
import type { RunOptions } from './args.ts';
import { parseArgs } from './args.ts';
import { causeChain } from './cause.ts';
import { preflight } from './preflight.ts';
import { wantsHelp } from './command-help.ts';
import { helpText } from './help.ts';
import { printableConfig } from './print-config.ts';
import { checkServiceNames, serviceList } from './services.ts';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  cwd: string;
  home?: string;
  /**
   * Ctrl-C as a signal, asked for by runs that end cleanly on it (a fleet run reports what finished); the bin installs
   * the SIGINT handler only then, so other runs keep the default (end at once). Absent in tests: no interrupt.
   */
  interrupts?: () => AbortSignal;
}

/** Loaded lazily, so --help and argument errors need neither cucumber nor the SSH layer. */
export interface CliDependencies {
  loadCatalog: (file: string) => Promise<Catalog>;
  /** Only validates: a bad waivers file must stop the run before it starts, not fail every scenario. */
  loadWaivers: (file: string) => Promise<unknown>;
  openRemoteHost: (host: string, ssh: RunnerConfig['ssh'], secrets: SshSecrets) => Promise<RemoteHost>;
  /** serviceNames: the catalog's, to filter scenarios by --service. */
  runFeatures: (
    config: RunnerConfig,
    run: RunOptions,
    io: CliIo,
    serviceNames: readonly string[],
    /** The preflight's connection, for the in-process run to go on with (closed by it either way). */
    connection?: RemoteHost,
  ) => Promise<number>;
  /** Loads runFeatures' code (cucumber) while the preflight waits on the network. */
  prepareRun?: () => Promise<unknown>;
}

const NAME = 'wazo-live-acceptance';

export async function main(
  argv: readonly string[],
  io: CliIo,
  deps: CliDependencies = REAL_CLI,
): Promise<number> {
  try {
    return await runCli(argv, io, deps);
  } catch (error) {
    const secrets = { passphrase: io.env[PASSPHRASE_ENV], consulToken: io.env[CONSUL_TOKEN_ENV] };
    const message = error instanceof WlaError ? error.message : `internal error: ${causeChain(error)}`;
    io.stderr.write(`${NAME}: ${redactSecrets(message, secrets)}\n`);
    return EXIT_NOT_CHECKED;
  }
}

/** The subcommands, each loaded only when named: `wazo-live-acceptance NAME ...`. */
const COMMANDS: Readonly<Record<string, (argv: readonly string[], io: CliIo) => Promise<number>>> = {
  snapshot: async (argv, io) => (await import('./snapshot.ts')).snapshotCommand(argv, io),
  catalog: async (argv, io) => (await import('./catalog-command.ts')).catalogCommand(argv, io),
  report: async (argv, io) => (await import('./report-command.ts')).reportCommand(argv, io),
};

async function runCli(argv: readonly string[], io: CliIo, deps: CliDependencies): Promise<number> {
  const [first, ...rest] = argv;
  if (first !== undefined && !first.startsWith('-')) return runCommand(first, rest, io);
  if (wantsHelp(argv)) return print(io, helpText(packageVersion()));
  const { run, flags } = parseArgs(argv, io.cwd);
  if (run.version) return print(io, `${packageVersion()}\n`);
  if (run.inventoryFile !== undefined || run.hosts !== undefined) return runFleet(run, flags, io, deps);
  const offline = run.dryRun || run.listServices || run.printConfig;
  const { config, configFile } = resolveConfig({
    flags,
    ...(run.configFlag === undefined ? {} : { configFlag: run.configFlag }),
    env: io.env,
    cwd: io.cwd,
    ...(io.home === undefined ? {} : { home: io.home }),
    requireHost: !offline,
  });
  if (run.printConfig) return print(io, printableConfig(config, readSecrets(config, io.env), configFile));
  if (run.listServices) return print(io, serviceList(await deps.loadCatalog(config.catalogFile)));
  let serviceNames: string[] = [];
  if (config.services.length > 0 || !run.dryRun) {
    const catalog = await deps.loadCatalog(config.catalogFile);
    checkServiceNames(config.services, catalog, config.catalogFile);
    serviceNames = catalog.services.map((service) => service.name);
  }
  if (config.waiversFile !== undefined) await deps.loadWaivers(config.waiversFile);
  let connection: RemoteHost | undefined;
  if (!run.dryRun) {
    const loading = deps.prepareRun?.().catch(() => undefined);
    // The run goes on over the preflight's connection.
    connection = await preflight(config, io.env, deps.openRemoteHost, true);
    await loading;
  }
  return deps.runFeatures(config, run, io, serviceNames, connection);
}

/** --inventory or --host given more than once: many hosts in this one process (support/cli/fleet-run.ts). */
async function runFleet(
  run: RunOptions,
  flags: ConfigLayer,
  io: CliIo,
  deps: CliDependencies,
): Promise<number> {
  const { fleetCommand } = await import('./fleet-run.ts');
  const signal = run.dryRun || run.printConfig || run.listServices ? undefined : io.interrupts?.();
  return fleetCommand(run, flags, io, {
    openRemoteHost: deps.openRemoteHost,
    loadCatalog: deps.loadCatalog,
    loadWaivers: deps.loadWaivers,
    ...(signal ? { signal } : {}),
  });
}

function runCommand(name: string, argv: readonly string[], io: CliIo): Promise<number> {
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command) return command(argv, io);
  throw new ConfigError(
    `unknown command ${JSON.stringify(name)}: the commands are ${Object.keys(COMMANDS).join(', ')}; ` +
      'a run takes only options, such as --host HOST (see --help)',
  );
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function print(io: CliIo, text: string): number {
  io.stdout.write(text);
  return EXIT_PASSED;
}

const REAL_CLI: CliDependencies = {
  loadCatalog: async (file) => (await import('../catalog/load.ts')).loadCatalog(file),
  loadWaivers: async (file) => (await import('../checks/waivers.ts')).loadWaivers(file),
  openRemoteHost: async (host, ssh, secrets) =>
    (await import('../ssh/connect.ts')).openRemoteHost(host, ssh, secrets),
  runFeatures: async (config, run, io, names, connection) =>
    (await import('./run-features.ts')).runFeatures(config, run, io, names, connection),
  prepareRun: () => import('./run-features.ts'),
};
