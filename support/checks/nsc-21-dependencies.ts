// NSC-21 "The dependencies are Debian packages": nothing pip-installed under /usr/local/lib/python3*.
import type { ServiceEntry } from '../catalog/types.ts';
import type { HostFacts, UsrLocalPythonDir } from '../facts/types.ts';
import { decide, notChecked, precheck, subject } from './build-result.ts';
import type { CheckResult } from '../result.ts';

/**
 * Why a host-wide finding fails every Python daemon: Debian's python3 puts /usr/local/lib/python3.N/dist-packages
 * before /usr/lib/python3/dist-packages on sys.path, so a pip install there shadows whatever Debian package a
 * daemon imports. Attributing an entry to one daemon would need its import graph; the snapshot does not read it.
 */
export const NSC21_HOST_WIDE =
  'host-wide: /usr/local/lib/python3.N/dist-packages precedes /usr/lib/python3/dist-packages on sys.path of every python3 daemon';

export function checkDebianDependencies(facts: HostFacts, service: ServiceEntry, host: string): CheckResult {
  const s = subject(service, host, 'NSC-21');
  const early = precheck(facts, s, [{ section: 'python-local' }]);
  if (early) return early;
  if (facts.usrLocalPython === null)
    return notChecked(s, 'the fact snapshot has no listing of /usr/local Python packages');
  const evidence = facts.usrLocalPython.map(evidenceLine);
  const found = facts.usrLocalPython.flatMap((d) => d.entries.map((e) => `${distribution(e)} in ${d.dir}`));
  const mismatches =
    found.length > 0
      ? [
          `Python packages installed outside Debian: ${found.join(', ')}: expected none (dependencies must be Debian packages)`,
        ]
      : [];
  if (found.length > 0) evidence.push(NSC21_HOST_WIDE);
  return decide(
    s,
    mismatches,
    evidence,
    `no Python package installed outside Debian ${searched(facts.usrLocalPython)}`,
  );
}

/** netaddr-1.3.0.dist-info -> netaddr-1.3.0 */
function distribution(entry: string): string {
  return entry.replace(/\.(dist|egg)-info$/, '');
}

function evidenceLine(d: UsrLocalPythonDir): string {
  return `python packages ${d.dir}: ${d.entries.join(', ') || 'no dist-info or egg-info'}`;
}

function searched(dirs: readonly UsrLocalPythonDir[]): string {
  return dirs.length > 0
    ? `(pip metadata searched in ${dirs.map((d) => d.dir).join(', ')})`
    : '(no /usr/local/lib/python3* package directory)';
}
