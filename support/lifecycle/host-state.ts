// The lifecycle baseline: what each daemon's unit, process and package looked like, taken from one fact snapshot.
import type { ServiceEntry } from '../catalog/types.ts';
import type { HostFacts } from '../facts/types.ts';
import { startedAt } from './unit-time.ts';

export const HOST_STATE_VERSION = 1;

export interface DaemonState {
  service: string;
  unit: string;
  package: string;
  /** ActiveState is active (or reloading). */
  active: boolean;
  activeState: string;
  subState: string;
  /** UnitFileState: enabled, disabled, static...; '' when unknown. */
  enabled: string;
  mainPid: number;
  /** When the unit's main process started, seconds since the epoch; null when it does not run. */
  startedAt: number | null;
  nRestarts: number | null;
  /** dpkg version; null when the package is not installed. */
  version: string | null;
}

export interface MonitView {
  running: boolean;
  processes: { name: string; status: string }[];
  error?: string;
}

export interface ConsulView {
  /** Whether Consul was asked; false means registrations is null and reason says why. */
  checked: boolean;
  registrations: string[] | null;
  reason?: string;
}

export interface HostState {
  version: typeof HOST_STATE_VERSION;
  host: string;
  /** ISO time of the snapshot (runner's clock). */
  takenAt: string;
  /** The host's clock at the snapshot, seconds since the epoch. */
  hostTime: number | null;
  bootId: string | null;
  pid1StartedAt: number | null;
  wazoDisabled: boolean;
  /** Absent in states recorded before the runner read /var/lib/wazo/is-secondary. */
  wazoSecondary?: boolean;
  monit: MonitView;
  consul: ConsulView;
  daemons: DaemonState[];
}

const NOT_ASKED: ConsulView = { checked: false, registrations: null, reason: 'Consul was not asked' };

/** Pure: the state of `services` as the facts show it. */
export function hostStateFrom(
  facts: HostFacts,
  services: readonly ServiceEntry[],
  host: string,
  consul: ConsulView = NOT_ASKED,
): HostState {
  return {
    version: HOST_STATE_VERSION,
    host,
    takenAt: facts.gatheredAt,
    hostTime: facts.hostTime ?? null,
    bootId: facts.bootId ?? null,
    pid1StartedAt: facts.pid1StartedAt ?? null,
    wazoDisabled: facts.wazoDisabled,
    wazoSecondary: facts.wazoSecondary,
    monit: monitView(facts),
    consul,
    daemons: services.map((service) => daemonState(facts, service)),
  };
}

export function daemonState(facts: HostFacts, service: ServiceEntry): DaemonState {
  const props = facts.units.get(service.unit) ?? {};
  const activeState = props['ActiveState'] ?? 'unknown';
  const active = activeState === 'active' || activeState === 'reloading';
  const mainPid = Number(props['MainPID'] ?? 0) || 0;
  const restarts = Number(props['NRestarts']);
  const info = facts.packages.get(service.package);
  return {
    service: service.name,
    unit: service.unit,
    package: service.package,
    active,
    activeState,
    subState: props['SubState'] ?? '',
    enabled: props['UnitFileState'] ?? '',
    mainPid,
    startedAt: active ? startedAt(props, facts.processes.get(mainPid)) : null,
    nRestarts: props['NRestarts'] === undefined || Number.isNaN(restarts) ? null : restarts,
    version: info && info.status.split(' ')[2] === 'installed' ? info.version : null,
  };
}

function monitView(facts: HostFacts): MonitView {
  const view: MonitView = {
    running: facts.monit.running,
    processes: facts.monit.processes.map((p) => ({ name: p.name, status: p.status })),
  };
  if (facts.monit.error !== undefined) view.error = facts.monit.error;
  return view;
}
