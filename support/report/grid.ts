// Folds report rows into the daemons x checklist-items grid that the matrix and the terminal table draw.
import type { CheckStatus } from '../result.ts';
import type { ReportRow } from './collect.ts';

/** A cell's state: a check status, or `not-run` when no scenario checked that pair. */
export type CellStatus = CheckStatus | 'not-run';

export interface Cell {
  host: string;
  service: string;
  item: string;
  status: CellStatus;
  rows: ReportRow[];
}

export interface GridRow {
  host: string;
  service: string;
  /** The service, prefixed by its host only when the run covered several hosts. */
  label: string;
  cells: Cell[];
}

export interface Grid {
  items: string[];
  rows: GridRow[];
}

/** The checklist's items in order, with the short title a column header shows on hover. */
export const CHECKLIST_ITEMS: readonly { id: string; title: string }[] = [
  { id: 'NSC-01', title: 'The service default user is not root' },
  { id: 'NSC-02', title: 'The service default user cannot log in to a shell' },
  { id: 'NSC-03', title: 'No /home/user, only /var/lib/user if necessary' },
  { id: 'NSC-04', title: 'The user can write the default log file' },
  { id: 'NSC-05', title: 'The user can write the PID file and its directory' },
  { id: 'NSC-06', title: 'The user is in the consul group if it needs the default consul config file' },
  { id: 'NSC-07', title: 'The service is added to wazo-service if necessary' },
  { id: 'NSC-08', title: 'The service is monitored by monit' },
  { id: 'NSC-09', title: 'The service is correctly installed on a fresh install' },
  { id: 'NSC-10', title: 'The service is correctly started on a reboot' },
  { id: 'NSC-11', title: 'The service is correctly started on a wazo-upgrade' },
  { id: 'NSC-12', title: 'The service is in the correct state after an upgrade of the slave machine' },
  { id: 'NSC-13', title: 'The service is documented on wazo-platform.org' },
  { id: 'NSC-14', title: 'The service config files are copied by wazo-backup' },
  { id: 'NSC-15', title: 'The config files are listed in the backup documentation' },
  { id: 'NSC-16', title: 'The service registers with Consul for service discovery' },
  { id: 'NSC-17', title: 'The ports used are listed in the doc; no usual test ports' },
  { id: 'NSC-18', title: 'The OpenAPI spec is at <service_root_api>/<version>/api/api.yml' },
  { id: 'NSC-19', title: 'The REST API is reachable via GET /api/<service> on the host' },
  { id: 'NSC-20', title: 'The service has packaging for the latest Debian stable' },
  { id: 'NSC-21', title: 'The dependencies are Debian packages; requirements pinned to Debian versions' },
];

/** Worst first: a cell shows the worst of its checks, so one failure is never hidden by a pass. */
const SEVERITY: readonly CheckStatus[] = ['failed', 'not-checked', 'waived', 'passed', 'not-applicable'];

export const STATUS_LABEL: Record<CellStatus, string> = {
  passed: 'pass',
  failed: 'FAIL',
  waived: 'waived',
  'not-applicable': 'not applicable',
  'not-checked': 'could not check',
  'not-run': 'not run',
};

export function buildGrid(rows: readonly ReportRow[]): Grid {
  const items = itemsOf(rows);
  const hosts = new Set(rows.map((row) => row.host));
  const keys = [...new Map(rows.map((row) => [`${row.host}\u0000${row.service}`, row])).values()]
    .map((row) => ({ host: row.host, service: row.service }))
    .sort((a, b) => a.host.localeCompare(b.host) || a.service.localeCompare(b.service));
  return {
    items,
    rows: keys.map(({ host, service }) => ({
      host,
      service,
      label: hosts.size > 1 ? `${host}/${service}` : service,
      cells: items.map((item) => cellOf(rows, host, service, item)),
    })),
  };
}

function cellOf(rows: readonly ReportRow[], host: string, service: string, item: string): Cell {
  const mine = rows.filter((row) => row.host === host && row.service === service && row.item === item);
  const status = SEVERITY.find((s) => mine.some((row) => row.status === s)) ?? 'not-run';
  return { host, service, item, status, rows: mine };
}

/** NSC-01..NSC-21 always, in order, then any other item present, sorted. */
function itemsOf(rows: readonly ReportRow[]): string[] {
  const checklist = CHECKLIST_ITEMS.map((item) => item.id);
  const others = [...new Set(rows.map((row) => row.item))].filter((id) => !checklist.includes(id)).sort();
  return [...checklist, ...others];
}

export type StatusCounts = Record<CheckStatus, number>;

export function countStatuses(rows: readonly ReportRow[]): StatusCounts {
  const counts: StatusCounts = { passed: 0, failed: 0, waived: 0, 'not-applicable': 0, 'not-checked': 0 };
  for (const row of rows) counts[row.status] += 1;
  return counts;
}

/** The run's verdict: an empty run or one with unchecked items is never "passed". */
export type Verdict = 'passed' | 'failed' | 'not-checked' | 'empty';

export function verdictOf(counts: StatusCounts): Verdict {
  if (counts.failed > 0) return 'failed';
  if (counts['not-checked'] > 0) return 'not-checked';
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return total === 0 ? 'empty' : 'passed';
}
