// Parses `ps -o pid= -o ppid= -o uid= -o gid= -o etimes= -o user:32= -o args=` lines.
import type { ProcessInfo } from '../types.ts';
import { numberedLines, unparsable } from './parse-error.ts';

const LINE = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/;

/** `now` is the host's clock (seconds) when ps ran; a start time is now minus the elapsed seconds. */
export function parsePs(text: string, now: number | undefined): Map<number, ProcessInfo> {
  const processes = new Map<number, ProcessInfo>();
  for (const { line, lineNo } of numberedLines(text)) {
    const m = LINE.exec(line);
    if (!m) throw unparsable('ps', line, lineNo);
    const [, pid, ppid, uid, gid, elapsed, user = '', command = ''] = m;
    const info: ProcessInfo = {
      pid: Number(pid),
      ppid: Number(ppid),
      uid: Number(uid),
      gid: Number(gid),
      user,
      command,
    };
    if (now !== undefined) info.startedAt = now - Number(elapsed);
    processes.set(info.pid, info);
  }
  return processes;
}
