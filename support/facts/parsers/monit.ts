// Parses `monit status`: `Process '<name>'` headers followed by indented "key   value" detail lines.
import { RemoteCommandFailed } from '../../errors.ts';
import type { MonitProcess, MonitStatus } from '../types.ts';
import { numberedLines, toInt } from './parse-error.ts';

/** What monit says when its daemon (or its HTTP interface) cannot be reached; see wazo-platform/wazo-acceptance:wazo_acceptance/helpers/monit.py@69975a7c. */
const NOT_RUNNING = [
  // monit 5.33 (Debian bookworm) says 'Cannot connect to', older ones 'Cannot create socket to'.
  /Cannot (?:create socket|connect) to \[[^\]]*\]:\d+ -- Connection refused/,
  /error connecting to the monit daemon/i,
  /the monit daemon is not running/,
  /the monit HTTP interface is not enabled/,
];

const HEADER = /^(\w+(?: \w+)?) '(.*)'$/;
const DETAIL = /^\s+(\S.*?)\s{2,}(.*)$/;

function parseProcesses(text: string): MonitProcess[] {
  const processes: MonitProcess[] = [];
  let current: MonitProcess | undefined;
  for (const { line } of numberedLines(text)) {
    const header = HEADER.exec(line);
    if (header) {
      current = header[1] === 'Process' ? { name: header[2] ?? '', status: '' } : undefined;
      if (current) processes.push(current);
      continue;
    }
    const detail = DETAIL.exec(line);
    if (!current || !detail) continue;
    const [, key, value = ''] = detail;
    if (key === 'status') current.status = value;
    else if (key === 'monitoring status') current.monitoringStatus = value;
    else if (key === 'pid') {
      const pid = toInt(value);
      if (pid !== undefined) current.pid = pid;
    }
  }
  return processes;
}

/**
 * `daemonRunning` is whether a monit process exists (pgrep). A monit that is absent (127) or
 * unreachable is a fact about the host; any other failure means monit could not be read.
 * Unreachable while its process runs (`running` true with an `error`) is monit not answering yet: Wazo's
 * monitrc starts it `with start delay 45` (wazo-platform/wazo-monitoring:etc/monit/monitrc.tmpl), and only then
 * does it open its HTTP interface; NSC-08 reads that as not checked, never as no check.
 */
export function parseMonitStatus(
  stdout: string,
  stderr: string,
  rc: number,
  daemonRunning: boolean | undefined,
): MonitStatus {
  const both = `${stdout}\n${stderr}`;
  if (rc === 127) return { running: false, processes: [], error: 'monit is not installed' };
  const down = NOT_RUNNING.map((re) => re.exec(both)?.[0]).find((m) => m !== undefined);
  if (down) return { running: daemonRunning ?? false, processes: [], error: down };
  if (rc !== 0) {
    const said = stderr.trim() || stdout.trim() || 'no output';
    throw new RemoteCommandFailed(`monit status exited with ${rc}: ${said.slice(0, 300)}`);
  }
  return { running: true, processes: parseProcesses(stdout) };
}
