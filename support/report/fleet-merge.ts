// Merges the directories of a sharded fleet run into one: each host's own reports copied, one fleet.json.
import { existsSync } from 'node:fs';
import { cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../errors.ts';
import { FLEET_FILE, hostDir, readFleetRecord } from './fleet-record.ts';
import type { FleetRecord } from './fleet-record.ts';

/**
 * Reads each shard's fleet.json, refuses a host name two shards share, copies every hosts/<name>/ into
 * OUT/hosts/ and writes OUT/fleet.json: hosts in shard order, the earliest start, the latest end, no shard.
 */
export async function mergeFleetDirs(dirs: readonly string[], out: string): Promise<FleetRecord> {
  if (dirs.length === 0) throw new ConfigError('--merge needs at least one fleet directory');
  if (dirs.includes(out))
    throw new ConfigError(`--report-dir ${out} is also a --merge directory: merge into a new directory`);
  const records = dirs.map((dir) => ({ dir, record: readFleetRecord(dir) }));
  const owner = new Map<string, string>();
  for (const { dir, record } of records) {
    for (const host of record.hosts) {
      const first = owner.get(host.name);
      if (first !== undefined)
        throw new ConfigError(
          `host "${host.name}" is in both ${join(first, FLEET_FILE)} and ${join(dir, FLEET_FILE)}: ` +
            'shards of one fleet never share a host name',
        );
      owner.set(host.name, dir);
    }
  }
  for (const { dir, record } of records) {
    for (const host of record.hosts) {
      const source = hostDir(dir, host.name);
      const target = hostDir(out, host.name);
      await rm(target, { recursive: true, force: true });
      if (existsSync(source)) await cp(source, target, { recursive: true });
    }
  }
  const merged = mergedRecord(records.map((r) => r.record));
  await mkdir(out, { recursive: true });
  const temporary = join(out, `${FLEET_FILE}.${process.pid}.tmp`);
  await writeFile(temporary, `${JSON.stringify(merged, null, 2)}\n`, 'utf8');
  await rename(temporary, join(out, FLEET_FILE));
  return merged;
}

/** The shards' records as one: hosts in shard order, earliest start, latest end, the inventory if they agree. */
export function mergedRecord(records: readonly FleetRecord[]): FleetRecord {
  const byTime = (pick: (r: FleetRecord) => string, sign: 1 | -1) =>
    records.map(pick).reduce((best, t) => (sign * (Date.parse(t) - Date.parse(best)) < 0 ? t : best));
  const inventories = new Set(records.map((r) => r.inventory));
  const inventory = inventories.size === 1 ? [...inventories][0] : undefined;
  return {
    version: 1,
    startedAt: byTime((r) => r.startedAt, 1),
    finishedAt: byTime((r) => r.finishedAt, -1),
    ...(inventory === undefined ? {} : { inventory }),
    hosts: records.flatMap((r) => r.hosts),
  };
}
