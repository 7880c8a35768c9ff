// .lab/state.json: which container a lab directory belongs to, so another process can attach to it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors.ts';
import { LAB_FILES } from './lab-files.ts';
import type { LabPorts } from './lab-files.ts';

export interface LabState {
  containerId: string;
  containerName: string;
  image: string;
  variant: string | null;
  /** Mutations applied since the start, in order; a mutated lab is never reused. */
  mutations: string[];
  ports: LabPorts;
  startedAt: string;
}

export function writeLabState(dir: string, state: LabState): void {
  writeFileSync(join(dir, LAB_FILES.state), `${JSON.stringify(state, null, 2)}\n`);
}

export function readLabState(dir: string): LabState {
  const path = join(dir, LAB_FILES.state);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ConfigError(`no lab in ${dir}: ${path} cannot be read (start one with npm run lab:up)`, {
      cause,
    });
  }
  return parseLabState(text, path);
}

export function parseLabState(text: string, path: string): LabState {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(`${path} is not JSON: ${(cause as Error).message}`, { cause });
  }
  if (!isLabState(data)) {
    throw new ConfigError(
      `${path} is not a lab state: expected containerId, containerName, image, variant, mutations, ports {ssh, http, https}, startedAt`,
    );
  }
  return data;
}

function isLabState(data: unknown): data is LabState {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  const ports = d['ports'] as Record<string, unknown> | undefined;
  return (
    typeof d['containerId'] === 'string' &&
    typeof d['containerName'] === 'string' &&
    typeof d['image'] === 'string' &&
    (typeof d['variant'] === 'string' || d['variant'] === null) &&
    Array.isArray(d['mutations']) &&
    d['mutations'].every((m) => typeof m === 'string') &&
    typeof d['startedAt'] === 'string' &&
    typeof ports === 'object' &&
    ports !== null &&
    ['ssh', 'http', 'https'].every((key) => Number.isInteger(ports[key]))
  );
}
