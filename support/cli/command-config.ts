// A subcommand's configuration: its connection options read as a run reads them (flags, WAZO_*, the config file).
import { ConfigError } from '../errors.ts';
import { parseArgs } from './args.ts';
import type { RunnerConfig } from '../config/types.ts';
import type { CliIo } from './main.ts';

/** Resolves the host, SSH and catalog settings of `argv` (a subcommand's arguments, its own options removed). */
export async function commandConfig(
  argv: readonly string[],
  io: CliIo,
  command: string,
): Promise<RunnerConfig> {
  const { resolveConfig } = await import('../config/resolve.ts');
  const { run, flags } = parseArgs(argv, io.cwd);
  if (run.hosts !== undefined || run.inventoryFile !== undefined) {
    throw new ConfigError(
      `${command} reads one host: give --host once (--inventory and a repeated --host are for checklist runs)`,
    );
  }
  return resolveConfig({
    flags,
    ...(run.configFlag === undefined ? {} : { configFlag: run.configFlag }),
    env: io.env,
    cwd: io.cwd,
    ...(io.home === undefined ? {} : { home: io.home }),
    requireHost: true,
  }).config;
}
