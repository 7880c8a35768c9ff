// The run's baseline: --baseline FILE, read once per process and refused when it was taken on another host.
import type { RunnerConfig } from '../config/types.ts';
import { ConfigError } from '../errors.ts';
import type { HostState } from './host-state.ts';
import { readHostState } from './state-file.ts';

const cache = new Map<string, HostState>();

/** undefined when the run has no --baseline. */
export function runBaseline(config: RunnerConfig): HostState | undefined {
  const file = config.baselineFile;
  if (file === undefined || file === '') return undefined;
  const state = cache.get(file) ?? readHostState(file);
  cache.set(file, state);
  if (state.host !== config.host) {
    throw new ConfigError(`baseline ${file} was taken on ${state.host}, but this run checks ${config.host}`);
  }
  return state;
}

/** WAZO_UPGRADE_VERSION: the package version every daemon must have after wazo-upgrade (optional). */
export function expectedUpgradeVersion(env: NodeJS.ProcessEnv): string | undefined {
  const version = env['WAZO_UPGRADE_VERSION'];
  return version === undefined || version === '' ? undefined : version;
}
