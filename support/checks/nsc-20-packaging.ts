// NSC-20 "The service has packaging for the latest Debian stable": an installed Debian package built for this host.
import type { ServiceEntry } from '../catalog/types.ts';
import type { HostFacts } from '../facts/types.ts';
import { packageLine } from './evidence.ts';
import { decide, precheck, subject } from './build-result.ts';
import type { CheckResult } from '../result.ts';

const CODENAMES: Record<string, string> = {
  '10': 'buster',
  '11': 'bullseye',
  '12': 'bookworm',
  '13': 'trixie',
  '14': 'forky',
};

export function checkDebianPackaging(facts: HostFacts, service: ServiceEntry, host: string): CheckResult {
  const s = subject(service, host, 'NSC-20');
  const early = precheck(facts, s, [{ section: 'dpkg' }, { section: 'meta' }]);
  if (early) return early;
  const info = facts.packages.get(service.package);
  const hostArch = facts.packages.get('dpkg')?.architecture;
  const release = facts.debianVersion?.split('.')[0];
  const evidence = [
    packageLine(info, service.package),
    `host: Debian ${facts.debianVersion ?? 'unknown'}, architecture ${hostArch ?? 'unknown'}`,
  ];
  if (info?.status !== 'install ok installed') {
    return decide(
      s,
      [`package ${service.package}: expected install ok installed, found ${info?.status || 'not installed'}`],
      evidence,
      '',
    );
  }
  const mismatches: string[] = [];
  if (info.architecture !== 'all' && hostArch !== undefined && info.architecture !== hostArch) {
    mismatches.push(
      `package ${service.package} architecture: expected all or ${hostArch}, found ${info.architecture}`,
    );
  }
  const built = builtFor(info.version);
  if (built && release && built !== release && built !== CODENAMES[release]) {
    mismatches.push(
      `package ${service.package} ${info.version}: expected built for Debian ${release} (${CODENAMES[release] ?? '?'}), found built for ${built}`,
    );
  }
  evidence.push(
    built
      ? `version ${info.version} names Debian ${built}`
      : `version ${info.version} names no Debian release (accepted)`,
  );
  return decide(
    s,
    mismatches,
    evidence,
    `${service.package} ${info.version} (${info.architecture}) installed from a Debian package`,
  );
}

/** "1.2+deb12u1" -> "12", "25.01~bookworm1" -> "bookworm"; undefined when the version names no release. */
export function builtFor(version: string): string | undefined {
  const deb = /[+~]deb(\d+)/.exec(version);
  if (deb) return deb[1];
  const name = new RegExp(`(?:^|[+~.-])(${Object.values(CODENAMES).join('|')})\\d*(?:$|[+~.-])`).exec(
    version,
  );
  return name?.[1];
}
