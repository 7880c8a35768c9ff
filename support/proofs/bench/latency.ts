// The lab seen from afar: delay proxies in front of its SSH and HTTPS ports, and a runner config pointing at them.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LAB_FILES, renderRunnerConfig } from '../../lab/lab-files.ts';
import { startDelayProxy } from './delay-proxy.ts';
import type { DelayProxy } from './delay-proxy.ts';
import type { RunFigures } from './figures.ts';

export interface LabPorts {
  /** The lab's directory (its key, CA and known_hosts). */
  dir: string;
  sshPort: number;
  httpsPort: number;
}

export interface DistantLab {
  rttMs: number;
  /** A root runner config for 127.0.0.1 on the proxies' ports. */
  configFile: string;
  ssh: DelayProxy;
  https: DelayProxy;
  close(): Promise<void>;
}

/**
 * The host name stays 127.0.0.1, so the lab's certificate still verifies; known_hosts names the port, so the
 * lab's host keys are written again for the SSH proxy's port.
 */
export async function distantLab(lab: LabPorts, rttMs: number): Promise<DistantLab> {
  const ssh = await startDelayProxy({ targetHost: '127.0.0.1', targetPort: lab.sshPort, rttMs });
  const https = await startDelayProxy({ targetHost: '127.0.0.1', targetPort: lab.httpsPort, rttMs }).catch(
    async (error: unknown) => {
      await ssh.close();
      throw error;
    },
  );
  const dir = mkdtempSync(join(tmpdir(), `wla-rtt${rttMs}-`));
  copyFileSync(join(lab.dir, LAB_FILES.privateKey), join(dir, LAB_FILES.privateKey));
  copyFileSync(join(lab.dir, LAB_FILES.ca), join(dir, LAB_FILES.ca));
  const knownHosts = readFileSync(join(lab.dir, LAB_FILES.knownHosts), 'utf8');
  writeFileSync(join(dir, LAB_FILES.knownHosts), portedKnownHosts(knownHosts, lab.sshPort, ssh.port));
  const configFile = join(dir, LAB_FILES.config);
  writeFileSync(configFile, renderRunnerConfig({ ssh: ssh.port, http: 0, https: https.port }, 'root'));
  return {
    rttMs,
    configFile,
    ssh,
    https,
    close: async () => {
      await Promise.all([ssh.close(), https.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The lab's known_hosts lines for `[127.0.0.1]:from`, written for `[127.0.0.1]:to`; other lines dropped. */
export function portedKnownHosts(knownHosts: string, from: number, to: number): string {
  const prefix = `[127.0.0.1]:${from} `;
  const lines = knownHosts
    .split('\n')
    .filter((line) => line.startsWith(prefix))
    .map((line) => `[127.0.0.1]:${to} ${line.slice(prefix.length)}\n`);
  if (lines.length === 0) throw new Error(`the lab's known_hosts has no key for [127.0.0.1]:${from}`);
  return lines.join('');
}

/** Round trips a run spent: what the added RTT cost its checking time, in RTTs. */
export function roundTripsSpent(checkingMs: number, checkingAtZeroMs: number, rttMs: number): number {
  if (rttMs <= 0) throw new Error('round trips are counted at an RTT above 0 ms');
  return (checkingMs - checkingAtZeroMs) / rttMs;
}

export interface LatencyRow {
  transport: string;
  rttMs: number;
  runs: number;
  /** Medians over the runs. */
  figures: RunFigures;
  /** TCP connections the proxies accepted per run (median): what the run really opened. */
  tcp: { ssh: number; https: number };
}

/** Round trips against the same transport's row at 0 ms; '-' without one. */
function spent(row: LatencyRow, rows: readonly LatencyRow[], pick: (f: RunFigures) => number): string {
  const zero = rows.find((other) => other.transport === row.transport && other.rttMs === 0);
  if (row.rttMs === 0 || zero === undefined) return '-';
  return roundTripsSpent(pick(row.figures), pick(zero.figures), row.rttMs).toFixed(1);
}

export function latencyTable(rows: readonly LatencyRow[]): string {
  const s = (ms: number) => (Number.isNaN(ms) ? '-' : `${(ms / 1000).toFixed(2)} s`);
  const header = [
    '| transport | RTT | runs | wall time | of which checking | start-up (wall - checking) | round trips spent (checking) | round trips (wall) | TCP connections SSH / HTTPS | exec channels | HTTP requests |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const lines = rows.map((row) => {
    const f = row.figures;
    const checking = spent(row, rows, (x) => x.runMs);
    const wall = spent(row, rows, (x) => x.wallMs);
    return `| ${row.transport} | ${row.rttMs} ms | ${row.runs} | ${s(f.wallMs)} | ${s(f.runMs)} | ${s(f.wallMs - f.runMs)} | ${checking} | ${wall} | ${row.tcp.ssh} / ${row.tcp.https} | ${f.channels} | ${f.httpRequests} |`;
  });
  return [...header, ...lines].join('\n');
}
