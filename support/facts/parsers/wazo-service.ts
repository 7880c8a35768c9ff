// Parses `wazo-service status`: "\t{status}\t\t{name}" lines, exit 0 all running, 1 some stopped, 2 some failed.
import { RemoteCommandFailed } from '../../errors.ts';
import type { WazoServiceEntry, WazoServiceStatus } from '../types.ts';

const ENTRY = /^\s+(running|stopped|failed|unknown)\s+(\S+)\s*$/;
const STATUS_EXITS = new Set([0, 1, 2]);

export function parseWazoServiceStatus(stdout: string, stderr: string, rc: number): WazoServiceStatus {
  if (rc === 127) {
    return { available: false, exitCode: rc, services: [], error: 'wazo-service is not installed' };
  }
  const services: WazoServiceEntry[] = [];
  for (const line of stdout.split('\n')) {
    const m = ENTRY.exec(line);
    if (m) services.push({ name: m[2] ?? '', status: (m[1] ?? 'unknown') as WazoServiceEntry['status'] });
  }
  if (!STATUS_EXITS.has(rc) || services.length === 0) {
    const said = stderr.trim() || stdout.trim() || 'no output';
    throw new RemoteCommandFailed(
      `wazo-service status exited with ${rc} and listed ${services.length} services: ${said.slice(0, 300)}`,
    );
  }
  return { available: true, exitCode: rc, services };
}
