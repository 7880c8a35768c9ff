// Layering as the data flows: no import from a lower layer to a higher one, and no import cycle between folders.
//
// The layers, lowest first (a folder of support/, or a file at its root, belongs to exactly one):
//   0 ground             errors.ts, result.ts, config/      - the error taxonomy, the CheckResult type, the settings
//   1 facts and endpoints ssh/, facts/, http/, consul/, openapi/, catalog/, lab/ - gather, parse, fetch, describe
//   2 pure checks        checks/, lifecycle/                - facts in, CheckResult out
//   3 checklist          checklist/                         - the registry: item -> step text -> check -> time limit
//   4 reports and CLI    report/, cli/, proofs/             - turn results into reports, exit codes, evidence
//   5 the run            run-context.ts, world.ts           - the one way in for the steps (connection, facts, waivers)
//   6 steps              steps/                             - Gherkin glue on top
// A file may import its own layer or lower ones. Tests (*.test.ts) and test helpers (testing/ folders) are left
// out: a lab self-test drives the CLI from any folder. Imports are read with a regex over relative specifiers.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const LAYER_NAMES = [
  'ground',
  'facts and endpoints',
  'pure checks',
  'checklist',
  'reports and CLI',
  'the run',
  'steps',
] as const;

const LAYERS: Readonly<Record<string, number>> = {
  errors: 0,
  result: 0,
  config: 0,
  ssh: 1,
  facts: 1,
  http: 1,
  consul: 1,
  openapi: 1,
  catalog: 1,
  lab: 1,
  checks: 2,
  lifecycle: 2,
  checklist: 3,
  report: 4,
  cli: 4,
  proofs: 4,
  'run-context': 5,
  world: 5,
  steps: 6,
};

/**
 * Imports that break the rule today, each with why and what removes it: "from -> to", repository paths, where a
 * `to` ending in / stands for every file under that folder. One line each: delete it once the import is gone (a
 * listed import that no longer occurs fails the test).
 */
const KNOWN_EXCEPTIONS: readonly string[] = [];

interface Edge {
  from: string;
  to: string;
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"\n]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(path);
    return /\.(ts|mjs)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function importGraph(): Edge[] {
  return ['support', 'steps'].flatMap(sourceFiles).flatMap((from) =>
    [...readFileSync(join(ROOT, from), 'utf8').matchAll(IMPORT)].map((match) => ({
      from,
      to: relative(ROOT, normalize(join(ROOT, dirname(from), match[1] ?? ''))),
    })),
  );
}

/** The folder (or root file) a path belongs to: steps, a folder of support/, or a file at support/'s root. */
function unitOf(path: string): string | undefined {
  const [top, second, third] = path.split('/');
  if (top === 'steps') return 'steps';
  if (top !== 'support' || second === undefined) return undefined;
  return third === undefined ? second.replace(/\.[^.]+$/, '') : second;
}

function layerText(unit: string, layer: number): string {
  return `${unit} (layer ${layer}, ${LAYER_NAMES[layer] ?? '?'})`;
}

/** Every upward import, every folder without a layer, every cycle between folders and every stale exception. */
function layeringProblems(
  edges: readonly Edge[],
  layers: Readonly<Record<string, number>>,
  exceptions: readonly string[],
): string[] {
  const problems: string[] = [];
  const seenExceptions = new Set<string>();
  const unknown = new Set<string>();
  const folderEdges = new Map<string, Map<string, Edge>>();
  for (const edge of edges) {
    const from = unitOf(edge.from);
    const to = unitOf(edge.to);
    if (from === undefined || to === undefined || from === to) continue;
    for (const [unit, path] of [
      [from, edge.from],
      [to, edge.to],
    ] as const) {
      if (layers[unit] === undefined && !unknown.has(unit)) {
        unknown.add(unit);
        problems.push(`${path}: "${unit}" has no layer: add it to LAYERS in support/layering.test.ts`);
      }
    }
    const exception = exceptions.find((key) => excepts(key, edge));
    if (exception !== undefined) {
      seenExceptions.add(exception);
      continue;
    }
    const fromLayer = layers[from];
    const toLayer = layers[to];
    if (fromLayer !== undefined && toLayer !== undefined && toLayer > fromLayer)
      problems.push(
        `${edge.from} imports ${edge.to}: ${layerText(from, fromLayer)} may not import ${layerText(to, toLayer)}`,
      );
    const targets = folderEdges.get(from) ?? new Map<string, Edge>();
    if (!targets.has(to)) targets.set(to, edge);
    folderEdges.set(from, targets);
  }
  problems.push(...folderCycles(folderEdges));
  for (const key of exceptions)
    if (!seenExceptions.has(key))
      problems.push(`known exception "${key}" no longer occurs: remove it from KNOWN_EXCEPTIONS`);
  return problems;
}

function excepts(key: string, edge: Edge): boolean {
  const [from, to = ''] = key.split(' -> ');
  return edge.from === from && (edge.to === to || (to.endsWith('/') && edge.to.startsWith(to)));
}

/** Each cycle between folders once, from its alphabetically first folder, with one import per hop as evidence. */
function folderCycles(graph: ReadonlyMap<string, ReadonlyMap<string, Edge>>): string[] {
  const cycles = new Map<string, string>();
  const walk = (start: string, at: string, path: readonly string[]): void => {
    for (const [next, edge] of graph.get(at) ?? []) {
      if (next === start) {
        const units = path;
        const key = [...units].sort().join(',');
        if (!cycles.has(key) && units.every((unit) => unit >= start)) {
          const hops = units.map((unit, i) => graph.get(unit)?.get(units[i + 1] ?? start) ?? edge);
          cycles.set(
            key,
            `import cycle between folders: ${[...units, start].join(' -> ')} (` +
              `${hops.map((hop) => `${hop.from} -> ${hop.to}`).join('; ')})`,
          );
        }
      } else if (!path.includes(next) && next > start) walk(start, next, [...path, next]);
    }
  };
  for (const start of [...graph.keys()].sort()) walk(start, start, [start]);
  return [...cycles.values()];
}

void test('support/ and steps/ import only their own layer or lower ones, with no cycle between folders', () => {
  const edges = importGraph();
  assert.ok(edges.length > 100, `read only ${edges.length} imports: the regex or the walk is broken`);
  assert.deepEqual(layeringProblems(edges, LAYERS, KNOWN_EXCEPTIONS), []);
});

void test('an import from a lower layer to a higher one fails, naming both files and both layers', () => {
  const edges = [
    { from: 'support/checks/nsc-04-log-file.ts', to: 'support/facts/types.ts' },
    { from: 'support/facts/gather.ts', to: 'support/checks/access.ts' },
  ];
  assert.deepEqual(layeringProblems(edges, LAYERS, []), [
    'support/facts/gather.ts imports support/checks/access.ts: facts (layer 1, facts and endpoints) may not import checks (layer 2, pure checks)',
    'import cycle between folders: checks -> facts -> checks (support/checks/nsc-04-log-file.ts -> support/facts/types.ts; support/facts/gather.ts -> support/checks/access.ts)',
  ]);
});

void test('a cycle between folders of one layer fails; a listed exception passes until it no longer occurs', () => {
  const edges = [
    { from: 'support/http/client.ts', to: 'support/consul/token.ts' },
    { from: 'support/consul/client.ts', to: 'support/http/client.ts' },
  ];
  assert.deepEqual(layeringProblems(edges, LAYERS, []), [
    'import cycle between folders: consul -> http -> consul (support/consul/client.ts -> support/http/client.ts; support/http/client.ts -> support/consul/token.ts)',
  ]);
  assert.deepEqual(
    layeringProblems(edges, LAYERS, ['support/http/client.ts -> support/consul/token.ts']),
    [],
  );
  assert.deepEqual(layeringProblems(edges, LAYERS, ['support/http/client.ts -> support/consul/']), []);
  assert.deepEqual(
    layeringProblems(edges.slice(1), LAYERS, ['support/http/client.ts -> support/consul/token.ts']),
    [
      'known exception "support/http/client.ts -> support/consul/token.ts" no longer occurs: remove it from KNOWN_EXCEPTIONS',
    ],
  );
});

void test('a folder without a layer fails, naming the file and where to add it', () => {
  assert.deepEqual(layeringProblems([{ from: 'support/drafts/x.ts', to: 'support/errors.ts' }], LAYERS, []), [
    'support/drafts/x.ts: "drafts" has no layer: add it to LAYERS in support/layering.test.ts',
  ]);
});
