// Several labs as one fleet: started together, described by an inventory file (the fleet lab test and the bench).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { startLab } from '../../lab/lab.ts';
import type { Lab } from '../../lab/lab.ts';

export interface LabMember {
  /** The host's name in the inventory. */
  name: string;
  mutation?: string;
  variant?: string;
}

export interface StartedMember extends LabMember {
  lab: Lab;
}

/** Starts the labs at once (the image is built once, under the build lock), then applies each one's change. */
export async function startLabFleet(dir: string, members: readonly LabMember[]): Promise<StartedMember[]> {
  const started = await Promise.allSettled(
    members.map(async (member) => {
      const lab = await startLab({ dir: join(dir, member.name) });
      try {
        if (member.variant) await lab.applyVariant(member.variant);
        if (member.mutation) await lab.applyMutation(member.mutation);
      } catch (error) {
        await lab.stop();
        throw error;
      }
      return { ...member, lab };
    }),
  );
  const labs = started.flatMap((settled) => (settled.status === 'fulfilled' ? [settled.value] : []));
  const failed = started.find((settled) => settled.status === 'rejected');
  if (failed) {
    await stopLabFleet(labs);
    throw failed.reason;
  }
  return labs;
}

export async function stopLabFleet(members: readonly StartedMember[]): Promise<void> {
  await Promise.allSettled(members.map((member) => member.lab.stop()));
}

/** One inventory entry with the lab's own settings (its config.yml: address, ports, key, known_hosts, CA). */
export function labEntry(lab: Lab, name: string): Record<string, unknown> {
  const config = parse(readFileSync(lab.configFile, 'utf8')) as Record<string, unknown>;
  const absolute = (path: unknown): string => join(dirname(lab.configFile), String(path));
  const ssh = config['ssh'] as Record<string, unknown>;
  const https = config['https'] as Record<string, unknown>;
  return {
    name,
    host: config['host'],
    ssh: { ...ssh, keyFile: absolute(ssh['keyFile']), knownHostsFile: absolute(ssh['knownHostsFile']) },
    https: { ...https, caFile: absolute(https['caFile']) },
    consul: config['consul'],
  };
}

export function writeInventory(file: string, hosts: readonly Record<string, unknown>[]): string {
  writeFileSync(
    file,
    `# Written by a lab test: the labs of one fleet run.\n${stringify({ version: 1, hosts })}`,
  );
  return file;
}
