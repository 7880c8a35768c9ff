// Parses `ss -Hltnup` (TCP/UDP listeners) and `ss -Hlxp` (unix listeners) lines with their owning processes.
import type { ListeningSocket } from '../types.ts';
import { numberedLines, unparsable } from './parse-error.ts';

function owners(rest: string): { pids: number[]; process?: string } {
  const users = [...rest.matchAll(/\("((?:[^"\\]|\\.)*)",pid=(\d+)/g)];
  const pids = [...new Set(users.map((u) => Number(u[2])))];
  const process = users[0]?.[1];
  return process === undefined ? { pids } : { pids, process };
}

function splitHostPort(local: string): { address: string; port: number } | undefined {
  const m = /^(.*):(\d+|\*)$/.exec(local);
  if (!m || m[2] === '*') return undefined;
  const address = (m[1] ?? '').replace(/^\[(.*)\]$/, '$1');
  return { address, port: Number(m[2]) };
}

function inetProtocol(netid: string, address: string): ListeningSocket['protocol'] | undefined {
  if (netid !== 'tcp' && netid !== 'udp') return undefined;
  const v6 = address.includes(':') || address === '*';
  return v6 ? `${netid}6` : netid;
}

export function parseSsInet(text: string): ListeningSocket[] {
  return numberedLines(text).map(({ line, lineNo }) => {
    const fields = line.trim().split(/\s+/);
    const [netid = '', , , , local = ''] = fields;
    const hostPort = splitHostPort(local);
    const protocol = hostPort && inetProtocol(netid, hostPort.address);
    if (fields.length < 6 || !hostPort || !protocol) throw unparsable('ss (tcp/udp)', line, lineNo);
    return { protocol, ...hostPort, ...owners(fields.slice(6).join(' ')) };
  });
}

export function parseSsUnix(text: string): ListeningSocket[] {
  return numberedLines(text).map(({ line, lineNo }) => {
    const fields = line.trim().split(/\s+/);
    const [netid = '', , , , path = ''] = fields;
    if (fields.length < 8 || !netid.startsWith('u_')) throw unparsable('ss (unix)', line, lineNo);
    return { protocol: 'unix' as const, address: path, port: 0, ...owners(fields.slice(8).join(' ')) };
  });
}
