// Resolves the RunnerConfig: flags > (an inventory's layers) > WAZO_* environment > YAML file > defaults, each validated.
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { RunnerConfig } from './types.ts';
import { ConfigError } from '../errors.ts';
import { defaultConfigFile, defaultLayer } from './defaults.ts';
import { CONFIG_ENV, envLayer } from './env.ts';
import type { ConfigFileChoice } from './file.ts';
import { fileLayer } from './file.ts';
import type { ConfigLayer } from './layer.ts';
import { expandPath, mergeLayers, prepareLayer } from './layer.ts';
import { validateLayer } from './validate.ts';

export interface ConfigSources {
  /** Values from command-line flags (see support/cli/args.ts). */
  flags?: ConfigLayer;
  /** --config, when given. */
  configFlag?: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
  home?: string;
  /** False for runs that never reach the host (--dry-run, --list-services, --print-config): host may be empty. */
  requireHost?: boolean;
}

export interface ResolvedConfig {
  config: RunnerConfig;
  /** The YAML file that was read, if any. */
  configFile?: string;
}

export function resolveConfig(sources: ConfigSources): ResolvedConfig {
  const base = baseConfig(sources);
  const config = configOver(base, [sources.flags], sources.requireHost ?? true);
  return base.configFile === undefined ? { config } : { config, configFile: base.configFile };
}

/** The lower sources, read once: built-in defaults < config file < WAZO_* environment, merged and prepared. */
export interface BaseConfig {
  merged: Record<string, unknown>;
  home: string;
  choice: ConfigFileChoice;
  /** The YAML file that was read, if any. */
  configFile?: string;
}

export function baseConfig(sources: ConfigSources): BaseConfig {
  const home = sources.home ?? homedir();
  const choice = chooseConfigFile(sources, home);
  const file = fileLayer(choice);
  const merged = [file, envLayer(sources.env, sources.cwd)]
    .filter((layer) => layer !== undefined)
    .reduce((acc, layer) => mergeLayers(acc, prepareLayer(layer, home)), defaultLayer(home));
  return file ? { merged, home, choice, configFile: choice.path } : { merged, home, choice };
}

/** The base with `layers` over it, lowest first (an inventory's layers, then the flags), finished like a run's. */
export function configOver(
  base: BaseConfig,
  layers: readonly (ConfigLayer | undefined)[],
  requireHost = true,
): RunnerConfig {
  const merged = layers
    .filter((layer) => layer !== undefined)
    .reduce((acc, layer) => mergeLayers(acc, prepareLayer(layer, base.home)), base.merged);
  return finish(structuredClone(merged), base.choice, requireHost);
}

/** Re-checks a configuration handed over in worldParameters (a worker cannot trust its input blindly). */
export function checkPassedConfig(data: unknown): RunnerConfig {
  validateLayer(data, () => 'in worldParameters');
  const config = data as RunnerConfig;
  if (!config.host) throw new ConfigError('host: missing (in worldParameters)');
  return config;
}

function chooseConfigFile(sources: ConfigSources, home: string): ConfigFileChoice {
  if (sources.configFlag !== undefined) {
    return { path: expandPath(sources.configFlag, sources.cwd, home), explicitFrom: '--config' };
  }
  const fromEnv = sources.env[CONFIG_ENV];
  if (fromEnv) return { path: expandPath(fromEnv, sources.cwd, home), explicitFrom: CONFIG_ENV };
  return { path: resolve(defaultConfigFile(home)) };
}

function finish(
  merged: Record<string, unknown>,
  choice: ConfigFileChoice,
  requireHost: boolean,
): RunnerConfig {
  const config = merged as unknown as RunnerConfig;
  if (!requireHost) merged.host ??= '';
  if (requireHost && (typeof config.host !== 'string' || config.host === '')) {
    throw new ConfigError(
      `host: missing: the target to check; give --host, WAZO_HOST or "host:" in the config file (${choice.path})`,
    );
  }
  const ssh = merged.ssh as Record<string, unknown>;
  ssh.sudo ??= config.ssh.user !== 'root';
  ssh.useAgent ??= config.ssh.keyFile === undefined;
  const https = merged.https as Record<string, unknown>;
  https.route ??= config.ssh.jumpHost === undefined ? 'direct' : 'ssh';
  return config;
}
