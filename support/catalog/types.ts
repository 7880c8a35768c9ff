// The catalog's shape: what the checks expect of each Wazo daemon (mirrors fixtures/services.schema.json).

/** Checklist item IDs, NSC-01..NSC-21; derived checks add a suffix (e.g. NSC-19-NGINX). */
export type ItemId = string;

export interface PortEntry {
  port: number;
  /** The address the daemon binds, e.g. 127.0.0.1 or 0.0.0.0. */
  address: string;
  protocol: 'tcp' | 'udp';
  /**
   * No process owns the socket as ss shows it, even to root (held by the kernel): NSC-17 checks it by port and
   * address only. Absent or false: it must belong to the daemon, and unseen owners leave NSC-17 not checked.
   */
  ownerFree?: boolean;
}

export interface ApiSpec {
  /** Path on the daemon's own port, e.g. /1.1/api/api.yml. */
  path: string;
  format: 'swagger-2.0' | 'openapi-3';
  /** info.version as the daemon serves it; null when it varies (e.g. FastAPI's). */
  infoVersion: string | null;
  basePath: string | null;
}

export interface NginxRoute {
  /** Location prefix, e.g. /api/confd/. */
  prefix: string;
  /** File name under /etc/nginx/locations/https-available. */
  file: string;
}

export interface HttpApi {
  /** Served as plain HTTP on 127.0.0.1 (TLS is nginx's since Wazo 20.06), fetched through the SSH connection. */
  port: number;
  /** URL version prefix without slashes, e.g. '1.1'; null when routes are not prefixed. */
  version: string | null;
  spec: ApiSpec | null;
  nginx: NginxRoute | null;
  /** Routes the web server must serve for the daemon without a token (NSC-19), e.g. 'GET /api/confd/1.1/infos'. */
  routes?: string[];
}

export interface PidFile {
  path: string;
  dir: string;
}

export type Supervision = 'monit' | 'systemd-restart' | 'none';
export type WazoServiceGroup = 'wazo' | 'default' | 'none';

export interface ConsulUse {
  serviceName: string;
  /** Default consul config files the daemon reads (NSC-06); empty since Dec 2022. */
  configFiles: string[];
}

export interface Checklist {
  applies: ItemId[];
  /** Item ID -> one-line reason. */
  notApplicable: Record<ItemId, string>;
}

export interface ServiceEntry {
  name: string;
  package: string;
  unit: string;
  user: string;
  group: string;
  /** The account is not the daemon's own (www-data, root). */
  sharedUser: boolean;
  home: string | null;
  shell: string | null;
  logFiles: string[];
  pidFile: PidFile | null;
  ports: PortEntry[];
  http: HttpApi | null;
  monit: string | null;
  supervision: Supervision;
  /** Stops itself once its job is done (wazo-setupd): when it is not running, process checks do not apply. */
  oneShot?: boolean;
  /** Group in bin/wazo-service's bash start/stop lists and in wazo_service/main.py's status lists. */
  wazoService: { bash: WazoServiceGroup; python: WazoServiceGroup };
  consul: ConsulUse | null;
  /** Config paths a fresh install ships (NSC-09) and wazo-backup must cover (NSC-14). */
  configPaths: string[];
  /** Optional or generated config paths: checked for backup coverage only. */
  extraConfigPaths: string[];
  /**
   * Directories (ending in /) whose direct entries other than subdirectories must all belong to an installed
   * package: a file there that none owns is a leftover of an earlier install (NSC-09, fresh-install profile).
   * Absent: the directories of the configPaths files (see support/catalog/owned-dirs.ts); [] turns that check off.
   */
  packageOwnedDirs?: string[];
  /** What the public sources say about backup coverage (informational; NSC-14 observes it). */
  backup: 'full' | 'partial' | 'none';
  /** State on an HA slave with the master alive; null when the HA scripts do not manage it. */
  haSlave: 'stopped' | 'running' | null;
  /** The unit has ConditionPathExists=!/var/lib/wazo/disabled. */
  disabledGated: boolean;
  checklist: Checklist;
  sources: string[];
}

export interface Catalog {
  /** The file it was loaded from, for messages. */
  file: string;
  services: ServiceEntry[];
}

export const CHECKLIST_ITEMS: readonly ItemId[] = Array.from(
  { length: 21 },
  (_, i) => `NSC-${String(i + 1).padStart(2, '0')}`,
);
