// Test helper: reads a recorded command output from fixtures/recorded/<section>/<name>.txt (+ .stderr.txt, .rc).
import { existsSync, readFileSync } from 'node:fs';

export const RECORDED_DIR = new URL('../../fixtures/recorded/', import.meta.url);

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
