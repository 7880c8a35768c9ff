// The naive baseline: the snapshot's facts gathered one remote command per property, as a tool without a snapshot would.
import type { GatherPlan } from '../../facts/types.ts';
import type { RemoteHost } from '../../ssh/transport.ts';

/** The unit properties the checks read, asked one `systemctl show` each. */
const UNIT_PROPERTIES = [
  'LoadState',
  'FragmentPath',
  'UnitFileState',
  'ActiveState',
  'MainPID',
  'Restart',
  'ConditionResult',
  'ActiveEnterTimestamp',
] as const;

const HOST_COMMANDS: readonly (readonly string[])[] = [
  ['id', '-u'],
  ['uname', '-n'],
  ['cat', '/proc/sys/kernel/random/boot_id'],
  ['stat', '-c', '%Y', '/proc/1'],
  ['cat', '/etc/debian_version'],
  ['pgrep', '-x', 'monit'],
  ['test', '-e', '/var/lib/wazo/disabled'],
  ['test', '-e', '/var/lib/consul/master_token'],
  ['test', '-f', '/usr/sbin/wazo-backup'],
  ['getent', 'group', 'consul'],
  ['systemctl', 'list-unit-files', '--no-legend', '--no-pager', '--type=service', 'wazo-*'],
  ['ss', '-Hltnup'],
  ['ss', '-Hlxp'],
  ['dpkg-query', '-W', '-f=${Package}\\t${Version}\\n', 'wazo-*'],
  ['ls', '-la', '/home'],
  ['ls', '-la', '/etc/nginx/locations/https-enabled'],
  ['ls', '-la', '/etc/nginx/locations/https-available'],
  ['cat', '/usr/sbin/wazo-backup'],
  ['monit', 'status'],
  ['wazo-service', 'status'],
];

/** One argv per fact: per user, group, path, write check, unit property, main process and package. */
export function perCommandArgvs(plan: GatherPlan): string[][] {
  return [
    ...HOST_COMMANDS.map((argv) => [...argv]),
    ...plan.users.flatMap((user) => [
      ['getent', 'passwd', user],
      ['getent', 'shadow', user],
      ['id', '-G', user],
    ]),
    ...plan.groups.map((group) => ['getent', 'group', group]),
    ...plan.paths.map((path) => ['stat', '-c', '%F %U %G %a %s', '--', path]),
    ...plan.writeChecks.map(({ user, path }) => ['runuser', '-u', user, '--', 'test', '-w', path]),
    ...plan.units.flatMap((unit) => [
      ...UNIT_PROPERTIES.map((property) => ['systemctl', 'show', '-p', property, '--value', '--', unit]),
      ['sh', '-c', 'ps -o user=,args= -p "$(systemctl show -p MainPID --value -- "$1")"', 'sh', unit],
    ]),
    ...plan.packages.map((name) => ['dpkg-query', '-W', '-f=${Version} ${Architecture}\\n', '--', name]),
  ];
}

/**
 * Runs every argv through the transport; returns how many ran. Concurrent: as many at once as the transport's pool
 * allows (a per-command runner that parallelizes); sequential: one after the other, as a per-command tool such as
 * testinfra or a shell loop runs them by default.
 */
export async function runPerCommand(
  remote: RemoteHost,
  argvs: readonly string[][],
  mode: 'concurrent' | 'sequential' = 'concurrent',
): Promise<number> {
  if (mode === 'sequential') {
    for (const argv of argvs) await remote.exec(argv, { timeoutMs: 60_000 });
    return argvs.length;
  }
  const results = await Promise.all(argvs.map((argv) => remote.exec(argv, { timeoutMs: 60_000 })));
  return results.length;
}
