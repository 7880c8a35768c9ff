// Builds HostFacts on which every check passes for the given catalog services; tests then break one thing.
import type { ServiceEntry } from '../../catalog/types.ts';
import type { FileStat, HostFacts, PasswdEntry, ProcessInfo } from '../../facts/types.ts';
import { writableKey } from '../../facts/types.ts';

export const HOST = '127.0.0.1';
const WELL_KNOWN_UIDS: Record<string, number> = { root: 0, 'www-data': 33 };

export function healthyFacts(services: readonly ServiceEntry[]): HostFacts {
  const facts = emptyFacts();
  let nextUid = 110;
  services.forEach((service, index) => {
    const uid = facts.passwd.get(service.user)?.uid ?? WELL_KNOWN_UIDS[service.user] ?? nextUid++;
    addUser(facts, service, uid);
    addFiles(facts, service, uid);
    addUnitAndProcess(facts, service, uid, 1000 + index);
    addPackage(facts, service);
    addRoutes(facts, service);
  });
  return facts;
}

export function emptyFacts(): HostFacts {
  return {
    gatheredAt: '2026-11-28T06:00:00.000Z',
    raw: '',
    hostname: 'lab',
    debianVersion: '12.7',
    hostTime: 1_795_000_000,
    uid: 0,
    passwd: new Map(),
    groups: new Map(),
    userGroups: new Map(),
    shadow: new Map(),
    files: new Map(),
    writable: new Map(),
    writeMethod: 'setpriv',
    units: new Map(),
    processes: new Map(),
    listeners: [],
    monit: { running: true, processes: [] },
    wazoService: { available: true, exitCode: 0, services: [] },
    packages: new Map([
      ['dpkg', { name: 'dpkg', status: 'install ok installed', version: '1.21.22', architecture: 'amd64' }],
      [
        'base-files',
        {
          name: 'base-files',
          status: 'install ok installed',
          version: '12.4+deb12u7',
          architecture: 'amd64',
        },
      ],
    ]),
    wazoPackages: [],
    wazoUnits: [],
    unitFileStates: new Map(),
    homeEntries: [],
    usrLocalPython: [{ dir: '/usr/local/lib/python3.11/dist-packages', entries: [] }],
    nginxLocations: [],
    configOwnership: [],
    backupList: [],
    backupExcludes: [],
    wazoDisabled: false,
    wazoSecondary: false,
    consulTokenFile: false,
    errors: [],
  };
}

function addUser(facts: HostFacts, service: ServiceEntry, uid: number): void {
  const root = uid === 0;
  const entry: PasswdEntry = {
    name: service.user,
    uid,
    gid: uid,
    gecos: '',
    home: service.home ?? '/root',
    shell: root ? '/bin/bash' : '/usr/sbin/nologin',
  };
  facts.passwd.set(service.user, entry);
  facts.groups.set(service.group, { name: service.group, gid: uid, members: [] });
  facts.userGroups.set(service.user, [uid]);
  facts.shadow?.set(service.user, { name: service.user, password: root ? '<hash>' : '!', locked: !root });
}

function file(path: string, owner: string, uid: number, mode: string): FileStat {
  const type = path.endsWith('/') ? 'directory' : 'file';
  return { path, exists: true, type, owner, group: owner, uid, gid: uid, mode, size: 10 };
}

function addFiles(facts: HostFacts, service: ServiceEntry, uid: number): void {
  for (const log of service.logFiles) {
    facts.files.set(log, file(log, service.user, uid, '0644'));
    facts.writable.set(writableKey(service.user, log), true);
  }
  if (service.pidFile) {
    const { path, dir } = service.pidFile;
    facts.files.set(path, file(path, service.user, uid, '0644'));
    facts.files.set(dir, { ...file(dir, service.user, uid, '0755'), type: 'directory' });
    facts.writable.set(writableKey(service.user, path), true);
    facts.writable.set(writableKey(service.user, dir), true);
  }
  for (const path of [...service.configPaths, ...service.extraConfigPaths]) {
    facts.files.set(path, file(path, 'root', 0, path.endsWith('/') ? '0755' : '0644'));
    facts.backupList?.push(path);
  }
  if (service.home)
    facts.files.set(service.home, { ...file(service.home, service.user, uid, '0755'), type: 'directory' });
  const homeDir = `/home/${service.user}`;
  facts.files.set(homeDir, { path: homeDir, exists: false });
}

function addUnitAndProcess(facts: HostFacts, service: ServiceEntry, uid: number, pid: number): void {
  const restart = service.supervision === 'systemd-restart' ? 'on-failure' : 'no';
  facts.units.set(service.unit, {
    Id: service.unit,
    LoadState: 'loaded',
    ActiveState: 'active',
    SubState: 'running',
    UnitFileState: 'enabled',
    WantedBy: 'multi-user.target',
    User: '',
    MainPID: String(pid),
    Restart: restart,
  });
  const proc: ProcessInfo = {
    pid,
    ppid: 1,
    uid,
    gid: uid,
    user: service.user,
    command: `/usr/bin/python3 /usr/bin/${service.name}`,
  };
  facts.processes.set(pid, proc);
  for (const p of service.ports) {
    const protocol = p.address.includes(':') ? (`${p.protocol}6` as const) : p.protocol;
    facts.listeners.push({ protocol, address: p.address, port: p.port, pids: [pid], process: service.name });
  }
  if (service.monit)
    facts.monit.processes.push({ name: service.monit, status: 'OK', monitoringStatus: 'Monitored', pid });
  if (service.wazoService.python !== 'none')
    facts.wazoService.services.push({ name: service.name, status: 'running' });
  facts.wazoUnits.push(service.unit);
  facts.unitFileStates.set(service.unit, 'enabled');
}

function addPackage(facts: HostFacts, service: ServiceEntry): void {
  const info = {
    name: service.package,
    status: 'install ok installed',
    version: '25.14',
    architecture: 'all',
  };
  facts.packages.set(service.package, info);
  facts.wazoPackages.push(service.package);
}

function addRoutes(facts: HostFacts, service: ServiceEntry): void {
  const nginx = service.http?.nginx;
  if (!nginx || !service.http) return;
  const proxyPass = `http://127.0.0.1:${service.http.port}/`;
  facts.nginxLocations.push({ file: nginx.file, enabled: true, prefix: nginx.prefix, proxyPass });
}
