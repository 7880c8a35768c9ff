// Builds fleet report directories for the tests: fleet.json plus, per reached host, what a single-host run writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLEET_FILE, HOST_RUN_FILES, hostDir } from '../fleet-record.ts';
import type { FleetHostRecord, FleetRecord } from '../fleet-record.ts';
import type { MessageEnvelope } from '../messages.ts';
import { buildRunMeta } from '../meta.ts';
import { writeReports } from '../write.ts';
import { MessageBuilder, result } from './message-builder.ts';

export interface HostSpec {
  record: Partial<FleetHostRecord> & Pick<FleetHostRecord, 'name'>;
  /** The host's run; none for a host never reached. */
  envelopes?: MessageEnvelope[];
}

/** A host record with the fields a test does not care about filled in: a checked standalone that passed. */
export function hostRecord(partial: HostSpec['record']): FleetHostRecord {
  return {
    host: `${partial.name}.example.net`,
    role: 'standalone',
    groups: [],
    labels: {},
    profile: 'daily',
    outcome: 'checked',
    exitCode: 0,
    startedAt: '2026-11-28T02:00:00.000Z',
    finishedAt: '2026-11-28T02:01:00.000Z',
    ...partial,
  };
}

/** Writes DIR/fleet.json and each reached host's run.ndjson, run-meta.json, junit.xml and matrix.html. */
export async function writeFleetDir(
  dir: string,
  hosts: readonly HostSpec[],
  extra: Partial<FleetRecord> = {},
): Promise<FleetRecord> {
  const record: FleetRecord = {
    version: 1,
    startedAt: '2026-11-28T02:00:00.000Z',
    finishedAt: '2026-11-28T02:05:00.000Z',
    inventory: 'fleet.yml',
    hosts: hosts.map((spec) => hostRecord(spec.record)),
    ...extra,
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, FLEET_FILE), `${JSON.stringify(record, null, 2)}\n`);
  for (const [index, spec] of hosts.entries()) {
    const host = record.hosts[index];
    if (!spec.envelopes || !host) continue;
    const base = hostDir(dir, host.name);
    mkdirSync(base, { recursive: true });
    const meta = buildRunMeta(spec.envelopes, { host: host.host, profile: host.profile });
    writeFileSync(
      join(base, HOST_RUN_FILES.messages),
      spec.envelopes.map((e) => `${JSON.stringify(e)}\n`).join(''),
    );
    writeFileSync(join(base, HOST_RUN_FILES.meta), `${JSON.stringify(meta, null, 2)}\n`);
    await writeReports(spec.envelopes, meta, { dir: base, formats: ['junit', 'matrix'] });
  }
  return record;
}

/** A run of the given daemons with one result each for NSC-01 and NSC-08: all passed unless `outcomes` says. */
export function runOf(
  host: string,
  daemons: readonly string[],
  outcomes: Record<string, 'passed' | 'failed' | 'waived' | 'not-applicable' | 'not-checked'> = {},
): MessageEnvelope[] {
  const builder = new MessageBuilder();
  for (const daemon of daemons) {
    for (const item of ['NSC-01', 'NSC-08']) {
      const status = outcomes[`${daemon} ${item}`] ?? 'passed';
      builder.scenario({
        name: `${daemon}: check ${item}`,
        tags: [`@${item}`, '@daily'],
        results: [
          result({
            host,
            service: daemon,
            item,
            status,
            message: `${daemon} on ${host}: ${item} ${status}`,
            ...(status === 'not-checked' ? { errorCode: 'TIMED_OUT' } : {}),
          }),
        ],
      });
    }
  }
  return builder.envelopes();
}
