// Benchmark figures: medians of repeated runs and the Markdown table the README's performance section shows.

export interface RunFigures {
  /** CLI process start to exit (node, tsx, cucumber loading included). */
  wallMs: number;
  /** The run itself as the CLI's summary line times it (connection to last scenario); NaN when not reported. */
  runMs: number;
  connections: number;
  channels: number;
  httpRequests: number;
  bytes: number;
  /** Cucumber worker processes that reported (each has its own connection). */
  workers: number;
}

export interface Row {
  label: string;
  runs: number;
  figures: RunFigures;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no value');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The median of each figure on its own (runs of one setup barely differ in counts). */
export function medianFigures(runs: readonly RunFigures[]): RunFigures {
  const of = (key: keyof RunFigures) => median(runs.map((run) => run[key]));
  return {
    wallMs: of('wallMs'),
    runMs: of('runMs'),
    connections: of('connections'),
    channels: of('channels'),
    httpRequests: of('httpRequests'),
    bytes: of('bytes'),
    workers: of('workers'),
  };
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KiB`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** One Markdown row per setup; `ratioTo` names the row the speed-up is measured against. */
export function markdownTable(rows: readonly Row[], ratioTo?: string): string {
  const base = rows.find((row) => row.label === ratioTo)?.figures.wallMs;
  const header = [
    '| run | runs | wall time (median) | of which checking | SSH connections | exec channels | HTTP requests | bytes over SSH | speed-up |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const lines = rows.map(({ label, runs, figures: f }) => {
    const ratio = base === undefined ? '' : `${(base / f.wallMs).toFixed(1)}x`;
    return `| ${label} | ${runs} | ${seconds(f.wallMs)} | ${Number.isNaN(f.runMs) ? '-' : seconds(f.runMs)} | ${f.connections} | ${f.channels} | ${f.httpRequests} | ${kib(f.bytes)} | ${ratio} |`;
  });
  return [...header, ...lines].join('\n');
}
