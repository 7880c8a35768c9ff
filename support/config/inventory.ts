// An inventory: the hosts of a fleet run (a YAML file, or --host repeated), each resolved to its own RunnerConfig.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { ConfigError } from '../errors.ts';
import { CONSUL_TOKEN_ENV, PACKAGE_ROOT, PASSPHRASE_ENV } from './defaults.ts';
import type { ConfigLayer } from './layer.ts';
import type { BaseConfig, ConfigSources } from './resolve.ts';
import { baseConfig, configOver } from './resolve.ts';
import type { RunnerConfig } from './types.ts';
import { isSecretKey, renderValue } from './validate.ts';

export type HostRole = 'standalone' | 'master' | 'slave';

export interface FleetHostPlan {
  /** Unique in the run; names the host's directory in the reports. */
  name: string;
  role: HostRole;
  /** Master and slave: the master entry's name. */
  pair?: string;
  groups: string[];
  labels: Record<string, string>;
  /** The entry's (else its groups', else the defaults') profile; a slave's own, else ha-slave. */
  profile?: string;
  config: RunnerConfig;
}

export interface InventorySources extends ConfigSources {
  /** Absolute. */
  inventoryFile?: string;
  /** --host given more than once: one standalone host per value, named by it. */
  hosts?: readonly string[];
}

export const HOST_AND_INVENTORY =
  '--host and --inventory: give one (an inventory lists its hosts; --limit selects among them)';

/** The keys of an entry that are not RunnerConfig keys. */
const INVENTORY_KEYS = ['name', 'host', 'groups', 'labels', 'profile', 'role', 'slave'];
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const SECRET_HINT = `secrets are read only from the environment (${PASSPHRASE_ENV}, ${CONSUL_TOKEN_ENV})`;

interface Settings extends Record<string, unknown> {
  profile?: string;
  labels?: Record<string, string>;
}

interface SlaveEntry extends Settings {
  name?: string;
  host?: string;
}

interface HostEntry extends Settings {
  name: string;
  host?: string;
  groups?: string[];
  role?: 'standalone' | 'master';
  slave?: SlaveEntry;
}

interface Inventory {
  defaults?: Settings;
  groups?: Record<string, Settings>;
  hosts: HostEntry[];
}

export function resolveInventory(sources: InventorySources): {
  hosts: FleetHostPlan[];
  inventoryFile?: string;
} {
  const { inventoryFile, hosts } = sources;
  if (inventoryFile !== undefined && hosts !== undefined) throw new ConfigError(HOST_AND_INVENTORY);
  if (sources.flags?.data.host !== undefined) throw new ConfigError(HOST_AND_INVENTORY);
  if (hosts !== undefined)
    return { hosts: adHocHosts(hosts, sources.cwd, baseConfig(sources), sources.flags) };
  if (inventoryFile === undefined) {
    throw new ConfigError('a fleet run needs its hosts: give --inventory FILE, or --host more than once');
  }
  const inventory = readInventory(inventoryFile);
  const plans = planHosts(inventory, inventoryFile, baseConfig(sources), sources.flags);
  return { hosts: plans, inventoryFile };
}

function adHocHosts(
  values: readonly string[],
  cwd: string,
  base: BaseConfig,
  flags: ConfigLayer | undefined,
): FleetHostPlan[] {
  const seen = new Set<string>();
  return values.map((value) => {
    if (seen.has(value)) throw new ConfigError(`--host ${JSON.stringify(value)} is given twice`);
    seen.add(value);
    const layer: ConfigLayer = { data: { host: value }, originOf: () => 'from --host', baseDir: cwd };
    const config = configOver(base, [layer, flags]);
    if (!NAME.test(value)) {
      throw new ConfigError(
        `--host ${JSON.stringify(value)}: a fleet run names each host's report directory after it, so it must be ${nameRule()}; give it a name in an inventory`,
      );
    }
    return { name: value, role: 'standalone', groups: [], labels: {}, config };
  });
}

function planHosts(
  inventory: Inventory,
  file: string,
  base: BaseConfig,
  flags: ConfigLayer | undefined,
): FleetHostPlan[] {
  const layerOf = (settings: Settings | undefined, where: string, host?: string): ConfigLayer =>
    settingsLayer(settings ?? {}, `in inventory ${file}: ${where}`, dirname(file), host);
  const defaults = inventory.defaults ?? {};
  return inventory.hosts.flatMap((entry, index) => {
    const where = `hosts[${index}] (${entry.name})`;
    const groups = entry.groups ?? [];
    const tiers: { settings: Settings; layer: ConfigLayer }[] = [
      { settings: defaults, layer: layerOf(defaults, 'defaults') },
      ...groups.map((group) => {
        const settings = inventory.groups?.[group] ?? {};
        return { settings, layer: layerOf(settings, `groups.${group}`) };
      }),
      { settings: entry, layer: layerOf(entry, where, entry.host ?? entry.name) },
    ];
    const layers = tiers.map((tier) => tier.layer);
    const labels = Object.assign({}, ...tiers.map((tier) => tier.settings.labels)) as Record<string, string>;
    const profile = tiers.reduce<string | undefined>((acc, tier) => tier.settings.profile ?? acc, undefined);
    const slave = entry.slave;
    const pair = slave ? { pair: entry.name } : {};
    const master: FleetHostPlan = {
      name: entry.name,
      role: entry.role ?? 'standalone',
      ...pair,
      groups: [...groups],
      labels,
      ...(profile === undefined ? {} : { profile }),
      config: configOver(base, [...layers, flags]),
    };
    if (!slave) return [master];
    const name = slaveName(entry);
    const slaveLayer = layerOf(slave, `${where}: slave`, slave.host ?? name);
    return [
      master,
      {
        name,
        role: 'slave',
        pair: entry.name,
        groups: [...groups],
        labels: { ...labels, ...slave.labels },
        profile: slave.profile ?? 'ha-slave',
        config: configOver(base, [...layers, slaveLayer, flags]),
      },
    ];
  });
}

function slaveName(entry: HostEntry): string {
  return entry.slave?.name ?? `${entry.name}-slave`;
}

/** The RunnerConfig keys of an inventory entry, with the address when it is a host's own entry. */
function settingsLayer(settings: Settings, origin: string, baseDir: string, host?: string): ConfigLayer {
  const data = Object.fromEntries(Object.entries(settings).filter(([key]) => !INVENTORY_KEYS.includes(key)));
  if (host !== undefined) data.host = host;
  return { data, originOf: () => origin, baseDir };
}

/**
 * Comma-separated glob patterns (* and ?, and a leading ! to exclude) matched against each host's name and groups;
 * a slave follows its master (a pair is never split). Throws ConfigError naming the pattern and the available
 * names/groups when nothing matches.
 */
export function limitHosts(hosts: readonly FleetHostPlan[], pattern: string): FleetHostPlan[] {
  const terms = pattern
    .split(',')
    .map((term) => term.trim())
    .filter((term) => term !== '');
  const include = terms.filter((term) => !term.startsWith('!')).map(globToRegExp);
  const exclude = terms.filter((term) => term.startsWith('!')).map((term) => globToRegExp(term.slice(1)));
  if (terms.length === 0 || exclude.some((glob) => glob.source === '^$')) {
    throw new ConfigError(
      `--limit ${JSON.stringify(pattern)}: give names or groups, e.g. "staging,!stack-b"`,
    );
  }
  const matches = (globs: RegExp[], host: FleetHostPlan): boolean =>
    globs.some((glob) => glob.test(host.name) || host.groups.some((group) => glob.test(group)));
  const units = new Map<string, FleetHostPlan[]>();
  for (const host of hosts) {
    const key = host.pair ?? host.name;
    units.set(key, [...(units.get(key) ?? []), host]);
  }
  const kept = new Set<string>();
  for (const [key, members] of units) {
    const wanted = include.length === 0 || members.some((host) => matches(include, host));
    if (wanted && !members.some((host) => matches(exclude, host))) kept.add(key);
  }
  const selected = hosts.filter((host) => kept.has(host.pair ?? host.name));
  if (selected.length === 0) {
    const groups = [...new Set(hosts.flatMap((host) => host.groups))];
    throw new ConfigError(
      `--limit ${JSON.stringify(pattern)} matches no host; hosts: ${hosts.map((host) => host.name).join(', ')}; groups: ${groups.join(', ') || '(none)'}`,
    );
  }
  return selected;
}

function globToRegExp(glob: string): RegExp {
  const body = [...glob]
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

// --- reading and checking the file

function readInventory(file: string): Inventory {
  const data = parseYaml(file);
  const validate = validator();
  if (!validate(data)) {
    const error = validate.errors?.[0];
    throw new ConfigError(`inventory ${file}: ${error ? describeError(error, data) : 'is invalid'}`);
  }
  const inventory = data as unknown as Inventory;
  checkEntries(inventory, file);
  return inventory;
}

function parseYaml(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(cause)})`;
    throw new ConfigError(`inventory file ${file} ${why}`, { cause });
  }
  let data: unknown;
  try {
    data = parse(text, { prettyErrors: false });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new ConfigError(`inventory file ${file} is not valid YAML: ${reason}`, { cause });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const found =
      data === null || data === undefined ? 'nothing' : Array.isArray(data) ? 'a list' : typeof data;
    throw new ConfigError(
      `inventory file ${file} must hold a mapping of keys (version, defaults, groups, hosts), found ${found}`,
    );
  }
  return data as Record<string, unknown>;
}

/** What the schema cannot say: unique names (slaves included), and slave: only under a master. */
function checkEntries(inventory: Inventory, file: string): void {
  const firstAt = new Map<string, string>();
  inventory.hosts.forEach((entry, index) => {
    const where = `hosts[${index}] (${entry.name})`;
    if (entry.slave && entry.role !== 'master') {
      throw new ConfigError(
        `inventory ${file}: ${where}: slave: only a master has a slave; give role: master, or remove slave:`,
      );
    }
    if (entry.role === 'master' && !entry.slave) {
      throw new ConfigError(
        `inventory ${file}: ${where}: role: a master needs its slave under slave: (the pair's other host)`,
      );
    }
    const names = [{ name: entry.name, at: `hosts[${index}]`, key: 'name' }];
    if (entry.slave) names.push({ name: slaveName(entry), at: `hosts[${index}].slave`, key: 'slave.name' });
    for (const { name, at, key } of names) {
      const first = firstAt.get(name);
      if (first !== undefined) {
        throw new ConfigError(
          `inventory ${file}: ${where}: ${key}: ${JSON.stringify(name)} is already the name of ${first}; every host name is unique`,
        );
      }
      firstAt.set(name, at);
    }
  });
}

let compiled:
  { validate: ValidateFunction; definitions: Record<string, { description?: string }> } | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const read = (name: string): Record<string, unknown> =>
      JSON.parse(readFileSync(join(PACKAGE_ROOT, 'fixtures', name), 'utf8')) as Record<string, unknown>;
    const schema = read('inventory.schema.json');
    const ajv = new Ajv({ allErrors: false, verbose: true, strict: true });
    ajv.addSchema(read('config.schema.json'));
    compiled = {
      validate: ajv.compile(schema),
      definitions: schema.definitions as Record<string, { description?: string }>,
    };
  }
  return compiled.validate;
}

function nameRule(): string {
  validator();
  return compiled?.definitions.name?.description ?? 'a name';
}

/** "hosts[2] (stack-b): ssh.port: 0 is not allowed: an integer from 1 to 65535". */
function describeError(error: ErrorObject, data: Record<string, unknown>): string {
  const parts = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
  const [entry, rest] = splitEntry(parts, data);
  const prefix = entry ? `${entry}: ` : '';
  const path = rest.join('.');
  const parent = error.parentSchema as
    | { description?: string; properties?: Record<string, { description?: string; $ref?: string }> }
    | undefined;
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') {
    const extra = String(params.additionalProperty);
    const key = path ? `${path}.${extra}` : extra;
    const scope = path ? ` in ${path}` : '';
    const allowed = Object.keys(parent?.properties ?? {}).join(', ');
    return `${prefix}${key}: unknown key; allowed keys${scope}: ${allowed}${extraHint(key)}`;
  }
  if (error.keyword === 'required') {
    const missing = String(params.missingProperty);
    const key = path ? `${path}.${missing}` : missing;
    return `${prefix}${key}: missing: ${describeProperty(parent?.properties?.[missing])}`;
  }
  const subject = path ? `${path}: ` : '';
  const allowed = parent?.description ?? error.message ?? 'a valid value';
  return `${prefix}${subject}${renderValue(error.data, path)} is not allowed: ${allowed}`;
}

/** ["hosts", "2", "ssh", "port"] -> ["hosts[2] (stack-b)", ["ssh", "port"]]. */
function splitEntry(parts: string[], data: Record<string, unknown>): [string, string[]] {
  const [top, second, ...rest] = parts;
  if (top === 'hosts' && second !== undefined) {
    const entry = (data.hosts as unknown[])[Number(second)] as Record<string, unknown> | undefined;
    const name = typeof entry?.name === 'string' ? ` (${entry.name})` : '';
    return [`hosts[${second}]${name}`, rest];
  }
  if (top === 'groups' && second !== undefined) return [`groups.${second}`, rest];
  if (top === 'defaults') return ['defaults', second === undefined ? rest : [second, ...rest]];
  return ['', parts];
}

function describeProperty(property: { description?: string; $ref?: string } | undefined): string {
  if (property?.description) return property.description;
  const ref = property?.$ref?.replace('#/definitions/', '');
  return (ref && compiled?.definitions[ref]?.description) ?? 'required';
}

function extraHint(key: string): string {
  if (key.endsWith('allowDestructive'))
    return '; allowDestructive is never in an inventory (give --allow-destructive)';
  return isSecretKey(key) ? `; ${SECRET_HINT}` : '';
}
