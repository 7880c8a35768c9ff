// When a unit's main process started: ps's elapsed time when there is a process, else systemd's timestamp.
import type { ProcessInfo, UnitProperties } from '../facts/types.ts';

const SYSTEMD_UTC = /^\w{3} (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) (UTC|GMT)$/;

/** Seconds since the epoch; undefined for an empty, local-zone or unknown timestamp. */
export function parseSystemdTimestamp(text: string | undefined): number | undefined {
  const match = SYSTEMD_UTC.exec(text ?? '');
  if (!match) return undefined;
  const ms = Date.parse(`${match[1]}T${match[2]}Z`);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

/** The process's start (ps etimes against the host clock), else ActiveEnterTimestamp when it is in UTC; else null. */
export function startedAt(props: UnitProperties, process: ProcessInfo | undefined): number | null {
  return process?.startedAt ?? parseSystemdTimestamp(props['ActiveEnterTimestamp']) ?? null;
}
