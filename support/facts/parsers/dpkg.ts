// Parses `dpkg-query -W -f '${Package}\t${Version}\t${Architecture}\t${db:Status-Abbrev}\t${Status}\n'`.
import { RemoteCommandFailed } from '../../errors.ts';
import type { PackageInfo } from '../types.ts';
import { numberedLines, unparsable } from './parse-error.ts';

const NOT_FOUND = /^dpkg-query: no packages found matching \S+$/;

/** Exit 1 with only "no packages found" complaints just means some packages are unknown to dpkg. */
export function parseDpkgQuery(stdout: string, stderr: string, rc: number): Map<string, PackageInfo> {
  const complaints = numberedLines(stderr).filter(({ line }) => !NOT_FOUND.test(line.trim()));
  if (rc !== 0 && (rc !== 1 || complaints.length > 0)) {
    const said = complaints[0]?.line ?? `exit status ${rc}`;
    throw new RemoteCommandFailed(`dpkg-query exited with ${rc}: ${said.slice(0, 300)}`);
  }
  const packages = new Map<string, PackageInfo>();
  for (const { line, lineNo } of numberedLines(stdout)) {
    const fields = line.split('\t');
    const [name, version = '', architecture = '', , status = ''] = fields;
    if (fields.length !== 5 || !name) throw unparsable('dpkg-query', line, lineNo);
    packages.set(name, { name, status, version, architecture });
  }
  return packages;
}

/** dpkg's Status "want ok state": installed when the state is "installed" (also on hold). */
export function isInstalled(info: PackageInfo | undefined): boolean {
  return info?.status.split(' ')[2] === 'installed';
}
