// Parses `systemctl list-unit-files --no-legend --type=service` lines: "name state [preset]".
import { RemoteCommandFailed } from '../../errors.ts';
import { numberedLines, unparsable } from './parse-error.ts';

/** Exit 1 with no output at all is systemctl's "no unit file matched". */
export function parseUnitFiles(stdout: string, stderr: string, rc: number): Map<string, string> {
  if (rc === 1 && stdout.trim() === '' && stderr.trim() === '') return new Map();
  if (rc !== 0) {
    throw new RemoteCommandFailed(
      `systemctl list-unit-files exited with ${rc}: ${stderr.trim().slice(0, 300)}`,
    );
  }
  const states = new Map<string, string>();
  for (const { line, lineNo } of numberedLines(stdout)) {
    const [name, state] = line.trim().split(/\s+/);
    if (!name || !state) throw unparsable('systemctl list-unit-files', line, lineNo);
    states.set(name, state);
  }
  return states;
}
