// The reports' public entry points, for the CLI and scripts/report.ts.
export { collectResults, HOST_WIDE } from './collect.ts';
export type { CollectOptions, ReportRow } from './collect.ts';
export { buildGrid, countStatuses, verdictOf } from './grid.ts';
export type { CellStatus, Grid, StatusCounts, Verdict } from './grid.ts';
export { toJUnit } from './junit.ts';
export { toMatrixHtml } from './matrix-html.ts';
export { parseNdjson } from './messages.ts';
export type { MessageEnvelope } from './messages.ts';
export { buildRunMeta, runSucceededOf, runTimesOf, runnerVersion, weakeningsOf } from './meta.ts';
export type { RunMeta, Weakening } from './meta.ts';
export { toTerminalTable } from './terminal-table.ts';
export type { TableOptions } from './terminal-table.ts';
export { REPORT_FILES, REPORT_FORMATS, writeReports } from './write.ts';
export type { ReportFormat, WriteOptions } from './write.ts';
