// Test helper: reads a recorded command output from fixtures/recorded/<section>/<name>.txt (+ .stderr.txt, .rc).
import { existsSync, readFileSync } from 'node:fs';
import type { GatherPlan } from '../types.ts';

export const RECORDED_DIR = new URL('../../../fixtures/recorded/', import.meta.url);

export interface Recorded {
  stdout: string;
  stderr: string;
  rc: number;
}

function text(url: URL): string | undefined {
  return existsSync(url) ? readFileSync(url, 'utf8') : undefined;
}

export function recorded(section: string, name: string): Recorded {
  const base = new URL(`${section}/${name}`, RECORDED_DIR);
  const stdout = text(new URL(`${base.href}.txt`));
  if (stdout === undefined) throw new Error(`no recorded output ${section}/${name}.txt`);
  return {
    stdout: stdout.replace(/\n$/, ''),
    stderr: (text(new URL(`${base.href}.stderr.txt`)) ?? '').replace(/\n$/, ''),
    rc: Number(text(new URL(`${base.href}.rc`)) ?? '0'),
  };
}

export function recordedSnapshot(name: string): string {
  return readFileSync(new URL(`snapshot/${name}.txt`, RECORDED_DIR), 'utf8');
}

/** The nonce and plan a snapshot was recorded with (scripts/record-facts.ts writes them beside it). */
export function recordedSnapshotPlan(name: string): { nonce: string; plan: GatherPlan } {
  return JSON.parse(readFileSync(new URL(`snapshot/${name}.plan.json`, RECORDED_DIR), 'utf8')) as {
    nonce: string;
    plan: GatherPlan;
  };
}
