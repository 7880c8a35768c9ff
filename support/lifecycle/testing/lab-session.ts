// One lab per lifecycle test file: started before its tests, stopped and removed after, with baseline snapshots.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { startLab } from '../../lab/lab.ts';
import type { Lab } from '../../lab/lab.ts';
import type { HostState } from '../host-state.ts';
import { snapshotTo } from './snapshot-cli.ts';

export interface LabSession {
  readonly lab: Lab;
  /** Writes a baseline of the lab into the session's directory. */
  snapshot(name: string): Promise<{ file: string; state: HostState }>;
}

/** Registers the node:test hooks; use the returned session inside tests only. */
export function labSession(prefix: string): LabSession {
  let lab: Lab | undefined;
  let dir = '';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), `wla-lifecycle-${prefix}-`));
    lab = await startLab({ dir: join(dir, 'lab') });
  });
  after(async () => {
    await lab?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get lab() {
      if (!lab) throw new Error('the lab is not started: use the session inside a test');
      return lab;
    },
    async snapshot(name) {
      const file = join(dir, name);
      return { file, state: await snapshotTo(this.lab.configFile, file) };
    },
  };
}
