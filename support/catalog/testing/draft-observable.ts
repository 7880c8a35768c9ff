// The fields of a catalog entry a host can show (catalog draft), so a drafted entry can be compared with a shipped one.
import type { ServiceEntry } from '../types.ts';

/**
 * Observable: the unit and its package (dpkg -S of the unit file), the account (process owner, passwd, id -Gn),
 * log and PID files (open files, /var/log/<name>*.log, PIDFile=, /run/<name>/*.pid), ports (ss, by the process
 * tree), the HTTP API (the nginx location proxying to a port, the spec it serves), monit and Restart=, config paths
 * (/etc/<name>/config.yml, conf.d/), backup coverage of those config paths (wazo-backup's list; a shipped entry also
 * counts its extraConfigPaths, which the draft cannot see: wazo-provd and wazo-sysconfd are "partial" for that),
 * ConditionPathExists= (disabledGated), and whether wazo-service lists the daemon.
 * Not observable: which wazo-service group (wazo or default) lists it - one status listing looks the same for both;
 * consul - a host with Consul off (Wazo's default since Dec 2022) shows no registration; extraConfigPaths - optional
 * and generated files look like any other; haSlave - only an HA slave shows it (the draft derives it from
 * disabledGated); checklist reasons, sources and http.routes - judgments and public citations, not host state.
 */
export function observableFields(entry: ServiceEntry) {
  const http = entry.http && {
    port: entry.http.port,
    version: entry.http.version,
    spec: entry.http.spec,
    nginx: entry.http.nginx,
  };
  return {
    name: entry.name,
    package: entry.package,
    unit: entry.unit,
    user: entry.user,
    group: entry.group,
    sharedUser: entry.sharedUser,
    home: entry.home,
    shell: entry.shell,
    logFiles: entry.logFiles,
    pidFile: entry.pidFile,
    ports: entry.ports.map(({ port, address, protocol }) => ({ port, address, protocol })),
    http,
    monit: entry.monit,
    supervision: entry.supervision,
    listedByWazoService: entry.wazoService.python !== 'none',
    configPaths: entry.configPaths,
    backup: entry.backup,
    disabledGated: entry.disabledGated,
  };
}
