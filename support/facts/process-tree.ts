// Process ancestry from the snapshot's ps lines: a daemon's sockets may be held by a child (a worker it forked).
import type { ProcessInfo } from './types.ts';

/** The root PID and every process whose chain of parents reaches it (0 = no root: an empty set). */
export function processFamily(processes: ReadonlyMap<number, ProcessInfo>, root: number): Set<number> {
  const family = new Set<number>();
  if (root <= 0) return family;
  family.add(root);
  for (const pid of processes.keys()) {
    const chain: number[] = [];
    let current: number | undefined = pid;
    while (current !== undefined && current > 0 && !family.has(current) && !chain.includes(current)) {
      chain.push(current);
      current = processes.get(current)?.ppid;
    }
    if (current !== undefined && family.has(current)) for (const p of chain) family.add(p);
  }
  return family;
}
