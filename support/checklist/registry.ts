// The checklist in one table: item -> step text -> check -> time limit. steps/checklist.steps.ts registers every row
// in one loop; the proofs (support/checklist/*.test.ts) walk the same rows, so a new check is covered by both.
import type { ItemId, ServiceEntry } from '../catalog/types.ts';
import type { RunnerConfig } from '../config/types.ts';
import type { SectionName } from '../facts/sections.ts';
import type { HostFacts } from '../facts/types.ts';
import { checkCatalogCoverage } from '../checks/catalog-coverage.ts';
import type { Catalog } from '../catalog/types.ts';
import { checkUnprivilegedUser } from '../checks/nsc-01-unprivileged-user.ts';
import { checkNoLoginShell } from '../checks/nsc-02-no-login.ts';
import { checkHomeDirectory } from '../checks/nsc-03-home.ts';
import { checkLogFileWritable } from '../checks/nsc-04-log-file.ts';
import { checkPidFileWritable } from '../checks/nsc-05-pid-file.ts';
import { checkConsulGroup } from '../checks/nsc-06-consul-group.ts';
import { checkWazoServiceListing } from '../checks/nsc-07-wazo-service.ts';
import { checkSupervision } from '../checks/nsc-08-supervision.ts';
import { checkInstalled } from '../checks/nsc-09-installed.ts';
import { checkNoLeftover } from '../checks/nsc-09-leftover.ts';
import { checkStartsOnBoot } from '../checks/nsc-10-boot.ts';
import { checkHaSlaveState } from '../checks/nsc-12-ha-slave.ts';
import { checkBackupCoverage } from '../checks/nsc-14-backup.ts';
import type { DiscoveryRun } from '../checks/nsc-16-discovery.ts';
import { serviceDiscoveryResult } from '../checks/nsc-16-discovery.ts';
import { checkListeningPorts } from '../checks/nsc-17-ports.ts';
import type { ApiRun } from '../checks/nsc-18-19-api.ts';
import { apiSpecificationResult, restApiResult, webServerRouteResult } from '../checks/nsc-18-19-api.ts';
import { checkNginxRoute } from '../checks/nsc-19-nginx.ts';
import { checkDebianPackaging } from '../checks/nsc-20-packaging.ts';
import { checkDebianDependencies } from '../checks/nsc-21-dependencies.ts';
import { checkOnline } from '../checks/online.ts';
import type { CheckResult } from '../result.ts';
import { expectedUpgradeVersion, runBaseline } from '../lifecycle/baseline.ts';
import { checkAfterReboot, checkAfterUpgrade } from '../lifecycle/compare.ts';
import { checkSlaveStateAfterUpgrade } from '../lifecycle/ha-slave.ts';
import { STEADY_WINDOW_MS } from '../lifecycle/restarts.ts';
import {
  API_STEP_TIMEOUT_MS,
  DISCOVERY_STEP_TIMEOUT_MS,
  FACT_STEP_TIMEOUT_MS,
  ONLINE_STEP_TIMEOUT_MS,
  WATCH_STEP_TIMEOUT_MS,
} from './timeouts.ts';

/** What the run-bound checks need of the run: the RunContext satisfies it. */
export interface ChecklistRun extends ApiRun, DiscoveryRun {
  readonly config: RunnerConfig;
  readonly catalog: Catalog;
  facts(): Promise<HostFacts>;
  watched(windowMs: number): Promise<{ earlier: HostFacts; facts: HostFacts; windowS: number }>;
}

interface Row {
  /** The checklist item the scenario's tag names (@NSC-xx), for the proofs and the listing. */
  item: ItemId;
  /** The step text; {service} is the daemon's catalog entry, looked up without I/O. */
  text: string;
  timeoutMs: number;
  /**
   * The snapshot sections the check reads for this daemon. support/checklist/blind.test.ts holds every check to it:
   * with one of them missing, failed, cut short or garbled the check never passes; with any other broken, its
   * result does not change.
   */
  reads: (service: ServiceEntry) => readonly SectionName[];
}

/** A pure check over the run's one fact snapshot: what most of the checklist is. */
export interface FactCheck extends Row {
  kind: 'facts';
  check: (facts: HostFacts, service: ServiceEntry, host: string) => CheckResult;
}

/** A check that fetches (HTTP, Consul, the internet) or looks twice (lifecycle) through the run. */
export interface RunCheck extends Row {
  kind: 'run';
  check: (run: ChecklistRun, service: ServiceEntry) => Promise<CheckResult>;
}

export type ServiceCheck = FactCheck | RunCheck;

const facts = (
  item: ItemId,
  text: string,
  check: FactCheck['check'],
  reads: readonly SectionName[] | FactCheck['reads'],
): FactCheck => ({
  kind: 'facts',
  item,
  text,
  check,
  reads: typeof reads === 'function' ? reads : () => reads,
  timeoutMs: FACT_STEP_TIMEOUT_MS,
});

const run = (
  item: ItemId,
  text: string,
  timeoutMs: number,
  reads: readonly SectionName[] | RunCheck['reads'],
  check: RunCheck['check'],
): RunCheck => ({
  kind: 'run',
  item,
  text,
  check,
  reads: typeof reads === 'function' ? reads : () => reads,
  timeoutMs,
});

// What each fact check reads (see FactCheck.reads); a per-daemon function where the daemon's entry decides.
const NSC_01: readonly SectionName[] = ['passwd', 'units', 'processes'];
const NSC_02: readonly SectionName[] = ['meta', 'passwd', 'shadow'];
const NSC_03: readonly SectionName[] = ['passwd', 'stat', 'home'];
/** Whether a user can write a path: asked as the user (write) or judged from mode bits (stat, passwd, groups). */
const WRITES: readonly SectionName[] = ['meta', 'passwd', 'stat', 'write', 'user-groups'];
const NSC_08 = (s: ServiceEntry): readonly SectionName[] =>
  s.supervision === 'systemd-restart' ? ['units'] : ['units', 'monit', 'meta'];
const NSC_09: readonly SectionName[] = ['passwd', 'stat', 'units', 'dpkg'];
/** Optional config paths count only where they exist, so only then is stat read. */
const NSC_14 = (s: ServiceEntry): readonly SectionName[] =>
  s.extraConfigPaths.length > 0 ? ['meta', 'file', 'stat'] : ['meta', 'file'];
const NSC_17: readonly SectionName[] = ['meta', 'units', 'processes', 'sockets'];
const NGINX: readonly SectionName[] = ['nginx-available', 'nginx-enabled'];
/** consul.enabled: auto (the default) looks for an agent in the snapshot: its token file and its listener. */
const NSC_16: readonly SectionName[] = ['meta', 'sockets'];
/** The HTTP checks read the snapshot only to tell a one-shot daemon that finished its job. */
const API = (s: ServiceEntry): readonly SectionName[] => (s.oneShot === true ? ['units', 'processes'] : []);
/** Each daemon's state now and a look earlier: unit, main process, the boot. */
const LIFECYCLE: readonly SectionName[] = ['meta', 'units', 'processes'];

/** Every per-daemon step of the checklist. */
export const SERVICE_CHECKS: readonly ServiceCheck[] = [
  facts('NSC-01', 'the service {service} runs as an unprivileged user', checkUnprivilegedUser, NSC_01),
  facts('NSC-02', 'the user of the service {service} cannot log in to a shell', checkNoLoginShell, NSC_02),
  facts(
    'NSC-03',
    'the user of the service {service} has no home under "\\/home"',
    checkHomeDirectory,
    NSC_03,
  ),
  facts('NSC-04', 'the user of the service {service} can write its log files', checkLogFileWritable, WRITES),
  facts(
    'NSC-05',
    'the user of the service {service} can write its PID file and its directory',
    checkPidFileWritable,
    [...WRITES, 'units'],
  ),
  facts(
    'NSC-06',
    'the user of the service {service} can read the default Consul configuration it needs',
    checkConsulGroup,
    [...WRITES, 'group'],
  ),
  facts('NSC-07', 'the service {service} is listed by wazo-service', checkWazoServiceListing, [
    'wazo-service',
  ]),
  facts('NSC-08', 'the service {service} is supervised as the catalog says', checkSupervision, NSC_08),
  facts('NSC-09', 'the service {service} is correctly installed', checkInstalled, NSC_09),
  facts('NSC-09', 'the service {service} has no leftover from an earlier install', checkNoLeftover, [
    'config-ownership',
  ]),
  facts('NSC-10', 'the service {service} starts on boot', checkStartsOnBoot, ['units']),
  facts('NSC-12', 'the service {service} is in its HA slave state', checkHaSlaveState, ['meta', 'units']),
  facts(
    'NSC-14',
    'the configuration of the service {service} is copied by wazo-backup',
    checkBackupCoverage,
    NSC_14,
  ),
  facts('NSC-17', 'the service {service} listens on its documented ports only', checkListeningPorts, NSC_17),
  facts('NSC-19-NGINX', 'nginx routes the API of the service {service} to its port', checkNginxRoute, NGINX),
  facts(
    'NSC-20',
    'the service {service} is packaged for the Debian release of the host',
    checkDebianPackaging,
    ['meta', 'dpkg'],
  ),
  facts(
    'NSC-21',
    'the Python dependencies of the service {service} come from Debian packages',
    checkDebianDependencies,
    ['python-local'],
  ),
  run(
    'NSC-16',
    'the service {service} is registered for service discovery',
    DISCOVERY_STEP_TIMEOUT_MS,
    NSC_16,
    (r, s) => serviceDiscoveryResult(r, s),
  ),
  run(
    'NSC-18',
    'the service {service} publishes a valid API specification',
    API_STEP_TIMEOUT_MS,
    API,
    (r, s) => apiSpecificationResult(r, s),
  ),
  run(
    'NSC-19',
    'the REST API of {service} is reachable through the web server',
    API_STEP_TIMEOUT_MS,
    API,
    (r, s) => restApiResult(r, s),
  ),
  run(
    'NSC-13',
    'the service {service} is documented on wazo-platform.org',
    ONLINE_STEP_TIMEOUT_MS,
    [],
    (r, s) => checkOnline('NSC-13', s, r.config.host),
  ),
  run(
    'NSC-15',
    'the configuration of the service {service} is listed in the backup documentation',
    ONLINE_STEP_TIMEOUT_MS,
    [],
    (r, s) => checkOnline('NSC-15', s, r.config.host),
  ),
  run(
    'NSC-17',
    'the ports of the service {service} are listed in the network documentation',
    ONLINE_STEP_TIMEOUT_MS,
    [],
    (r, s) => checkOnline('NSC-17', s, r.config.host),
  ),
  run(
    'NSC-10',
    'the service {service} runs again after the reboot',
    WATCH_STEP_TIMEOUT_MS,
    LIFECYCLE,
    async (r, s) => {
      const { facts: now, ...observed } = await r.watched(STEADY_WINDOW_MS);
      return checkAfterReboot(now, s, r.config.host, runBaseline(r.config), observed);
    },
  ),
  run(
    'NSC-11',
    'the service {service} runs again after the upgrade, on its new version',
    WATCH_STEP_TIMEOUT_MS,
    ['units', 'processes', 'dpkg'],
    async (r, s) => {
      const expect = { version: expectedUpgradeVersion(process.env) };
      const { facts: now, ...observed } = await r.watched(STEADY_WINDOW_MS);
      return checkAfterUpgrade(now, s, r.config.host, runBaseline(r.config), expect, observed);
    },
  ),
  run(
    'NSC-12',
    'the service {service} is in its HA slave state after the upgrade',
    FACT_STEP_TIMEOUT_MS,
    ['meta', 'units'],
    async (r, s) => checkSlaveStateAfterUpgrade(await r.facts(), s, r.config.host, runBaseline(r.config)),
  ),
];

/** Host-wide steps that are plain checks too. */
export const HOST_CHECKS = {
  catalog: {
    item: 'CATALOG',
    text: 'the catalog names every Wazo daemon of the host',
    timeoutMs: FACT_STEP_TIMEOUT_MS,
    reads: ['unit-files'] as readonly SectionName[],
    check: (run: ChecklistRun) =>
      run.facts().then((f) => checkCatalogCoverage(f, run.catalog, run.config.host)),
  },
  route: {
    item: 'NSC-19',
    text: 'the web server serves {string} for {string}',
    timeoutMs: API_STEP_TIMEOUT_MS,
    check: (run: ChecklistRun, route: string, target: string) => webServerRouteResult(run, target, route),
  },
} as const;
