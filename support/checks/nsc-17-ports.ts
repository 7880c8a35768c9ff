// NSC-17 "The ports used are listed in the doc; no usual test ports": the daemon's own listeners match the catalog.
import type { PortEntry, ServiceEntry } from '../catalog/types.ts';
import { processFamily } from '../facts/process-tree.ts';
import type { HostFacts, ListeningSocket } from '../facts/types.ts';
import { listenerLine, unitLine } from './evidence.ts';
import { decide, notApplicable, notChecked, precheck, subject } from './build-result.ts';
import type { CheckResult } from '../result.ts';
import { idleOneShot, runningState } from './running.ts';

/** Ports development servers use by default; a daemon shipping on one of them collides sooner or later. */
export const USUAL_TEST_PORTS: readonly number[] = [
  3000, 4200, 5000, 5173, 8000, 8008, 8080, 8081, 8443, 8888, 9000,
];

export function checkListeningPorts(facts: HostFacts, service: ServiceEntry, host: string): CheckResult {
  const s = subject(service, host, 'NSC-17');
  const early = precheck(facts, s, [
    // meta's uid tells whether ss could name the owners at all.
    { section: 'meta' },
    { section: 'units' },
    { section: 'processes' },
    { section: 'sockets', keys: ['inet'] },
  ]);
  if (early) return early;
  const state = runningState(facts, service);
  const idle = idleOneShot(service, state);
  if (idle) return notApplicable(s, idle);
  // A socket held by a child of the main process (a forked worker) is the daemon's.
  const family = processFamily(facts.processes, state.mainPid);
  const own = facts.listeners.filter((l) => l.protocol !== 'unix' && heldBy(l, family));
  const evidence = [unitLine(service.unit, state.props, ['ActiveState', 'MainPID'])];
  const mismatches = testPortMismatches(service.ports);
  if (!state.active || state.mainPid === 0) {
    mismatches.push(
      `${service.name}: expected running to own its ports, found ActiveState=${state.activeState}`,
    );
    return decide(s, mismatches, evidence, '');
  }
  const unseen: string[] = [];
  const byAddressOnly: string[] = [];
  for (const port of service.ports) {
    const candidates = facts.listeners.filter((l) => sameFamily(l, port) && l.port === port.port);
    evidence.push(
      ...(candidates.length > 0 ? candidates.map(listenerLine) : [`listener ${label(port)}: none`]),
    );
    const owned = ownedListeners(candidates, family);
    evidence.push(...childLines(owned.sockets, state.mainPid));
    if (owned.unseen) (port.ownerFree === true ? byAddressOnly : unseen).push(label(port));
    mismatches.push(...portMismatches(port, candidates, owned.sockets, state.mainPid, service.name, own));
  }
  const hidden = ownersHidden(facts.uid, unseen);
  if (!hidden) {
    for (const extra of own.filter(
      (l) => !service.ports.some((p) => sameFamily(l, p) && p.port === l.port),
    )) {
      evidence.push(listenerLine(extra));
      mismatches.push(
        `undeclared listener ${extra.protocol} ${extra.address}:${extra.port}: expected only the catalog's ports (${portList(service.ports)})`,
      );
    }
  }
  if (unseen.length > 0 || byAddressOnly.length > 0)
    evidence.push(
      `owner not visible to ss (no process shown): ${[...unseen, ...byAddressOnly].join(', ')}` +
        (byAddressOnly.length > 0 ? `; owner-free in the catalog: ${byAddressOnly.join(', ')}` : ''),
    );
  const caveat =
    byAddressOnly.length > 0
      ? ` (${byAddressOnly.join(', ')}: owner-free in the catalog, checked by port and address)`
      : '';
  const summary = `listens on ${portList(service.ports)} as the catalog says, no usual test port${caveat}`;
  if (hidden && mismatches.length === 0) {
    const unknown =
      unseen.length > 0
        ? `ss named no owner for ${unseen.join(', ')} (${hidden}), so whether ${service.name} holds ${unseen.length === 1 ? 'it' : 'them'} and whether it listens on undeclared ports are unknown`
        : `socket owners are not visible (${hidden}), so whether ${service.name} listens on undeclared ports is unknown`;
    return notChecked(
      s,
      `${unknown}; the port and address part passed (${summary.replace(/^listens/, 'it listens')})`,
      evidence,
    );
  }
  return decide(s, mismatches, evidence, summary);
}

/** Why the snapshot could not see who owns sockets, or undefined when it could. */
function ownersHidden(uid: number | undefined, unseen: readonly string[]): string | undefined {
  if (uid !== undefined && uid !== 0)
    return `the snapshot ran as uid ${uid}: root or sudo is needed to see socket owners`;
  if (unseen.length === 0) return undefined;
  return uid === 0
    ? 'ss shows no owner even to root, e.g. in a container without CAP_SYS_PTRACE'
    : 'root or sudo is needed to see socket owners';
}

function heldBy(socket: ListeningSocket, family: ReadonlySet<number>): boolean {
  return socket.pids.some((pid) => family.has(pid));
}

/** Evidence for sockets the main process does not hold itself but a descendant does. */
function childLines(sockets: readonly ListeningSocket[], mainPid: number): string[] {
  return sockets
    .filter((l) => l.pids.length > 0 && !l.pids.includes(mainPid))
    .map(
      (l) =>
        `${l.protocol} ${l.address}:${l.port} held by pid ${l.pids.join(',')}, a descendant of MainPID ${mainPid}`,
    );
}

/** The listeners of the main process or its descendants; where ss shows no process at all, the unnamed ones stand in. */
function ownedListeners(
  candidates: readonly ListeningSocket[],
  family: ReadonlySet<number>,
): { sockets: ListeningSocket[]; unseen: boolean } {
  const mine = candidates.filter((l) => heldBy(l, family));
  if (mine.length > 0) return { sockets: mine, unseen: false };
  const anonymous = candidates.filter((l) => l.pids.length === 0);
  return { sockets: anonymous, unseen: anonymous.length > 0 };
}

function testPortMismatches(ports: readonly PortEntry[]): string[] {
  return ports
    .filter((p) => USUAL_TEST_PORTS.includes(p.port))
    .map(
      (p) =>
        `port ${p.port}: expected not a usual test port (${USUAL_TEST_PORTS.join(', ')}), found ${p.port}`,
    );
}

function portMismatches(
  port: PortEntry,
  candidates: readonly ListeningSocket[],
  mine: readonly ListeningSocket[],
  mainPid: number,
  name: string,
  own: readonly ListeningSocket[],
): string[] {
  if (mine.length === 0 && candidates.length === 0) {
    // ss lists sockets in no stable order; sorted, the message is the same on every run.
    const seen = own
      .toSorted(
        (a, b) =>
          a.port - b.port || a.protocol.localeCompare(b.protocol) || a.address.localeCompare(b.address),
      )
      .map((l) => `${l.protocol} ${l.address}:${l.port}`)
      .join(', ');
    const attributed = seen ? `ss attributes to ${name}: ${seen}` : `ss attributes no listener to ${name}`;
    return [
      `port ${label(port)}: expected a listener of ${name} (MainPID ${mainPid}), found none; ${attributed}`,
    ];
  }
  if (mine.length === 0) {
    const owners = candidates.map((l) => `${l.process ?? '?'} pids ${l.pids.join(',') || '?'}`).join('; ');
    return [`port ${label(port)}: expected owned by ${name} (MainPID ${mainPid}), found ${owners}`];
  }
  if (!mine.some((l) => sameAddress(l.address, port.address))) {
    return [
      `port ${label(port)}: expected bound to ${port.address}, found ${mine.map((l) => l.address).join(', ')}`,
    ];
  }
  return [];
}

function sameFamily(socket: ListeningSocket, port: PortEntry): boolean {
  return socket.protocol === port.protocol || socket.protocol === `${port.protocol}6`;
}

/** ss prints the wildcard as 0.0.0.0, ::, [::] or *. */
function sameAddress(found: string, expected: string): boolean {
  const norm = (a: string): string => {
    const bare = a.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
    return ['*', '0.0.0.0', '::'].includes(bare) ? 'any' : bare;
  };
  return norm(found) === norm(expected);
}

function label(port: PortEntry): string {
  return `${port.protocol} ${port.address}:${port.port}`;
}

function portList(ports: readonly PortEntry[]): string {
  return ports.map((p) => `${p.protocol} ${p.address}:${p.port}`).join(', ') || 'no port';
}
