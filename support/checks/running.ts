// What systemd says about a service's unit and its main process, read once for the checks that need it.
import type { ServiceEntry } from '../catalog/types.ts';
import type { HostFacts, ProcessInfo, UnitProperties } from '../facts/types.ts';

export interface RunningState {
  unit: string;
  props: UnitProperties | undefined;
  loaded: boolean;
  active: boolean;
  activeState: string;
  mainPid: number;
  process: ProcessInfo | undefined;
}

export function runningState(facts: HostFacts, service: ServiceEntry): RunningState {
  const props = facts.units.get(service.unit);
  const mainPid = Number(props?.['MainPID'] ?? 0) || 0;
  const activeState = props?.['ActiveState'] ?? 'unknown';
  return {
    unit: service.unit,
    props,
    loaded: props?.['LoadState'] === 'loaded',
    active: activeState === 'active' || activeState === 'reloading',
    activeState,
    mainPid,
    process: mainPid > 0 ? facts.processes.get(mainPid) : undefined,
  };
}

/** For a one-shot daemon that is not running, the reason process checks do not apply; else undefined. */
export function idleOneShot(service: ServiceEntry, state: RunningState): string | undefined {
  if (!service.oneShot || state.active) return undefined;
  return `${service.name} stops itself once its job is done and is not running now (ActiveState=${state.activeState}): no process to observe`;
}
