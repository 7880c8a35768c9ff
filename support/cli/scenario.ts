// Per-scenario decisions of the hooks: is it deselected by --service, and what result an uncaught error means.
import type { CheckResult } from '../result.ts';
import { CheckFailed, WlaError } from '../errors.ts';

export interface PickleView {
  name: string;
  steps: readonly { text: string }[];
  tags: readonly { name: string }[];
}

/** The catalog services a scenario names in double quotes (its name or step texts). */
export function scenarioServices(pickle: PickleView, catalogNames: readonly string[]): string[] {
  const text = [pickle.name, ...pickle.steps.map((step) => step.text)].join('\n');
  const quoted = new Set([...text.matchAll(/"([^"]+)"/g)].map((match) => match[1] as string));
  return catalogNames.filter((name) => quoted.has(name) || text.startsWith(`${name}:`));
}

/** A scenario about services is deselected when none of them is selected; host-wide scenarios always run. */
export function isDeselected(
  pickle: PickleView,
  catalogNames: readonly string[],
  selected: readonly string[],
): boolean {
  if (selected.length === 0) return false;
  const services = scenarioServices(pickle, catalogNames);
  return services.length > 0 && !services.some((name) => selected.includes(name));
}

/**
 * Cucumber name filters for --service (any may match): scenarios named "<selected>: ..." and those
 * whose name starts with no catalog service (host-wide ones). The Before hook stays as a backstop
 * for scenarios that do not follow the naming.
 */
export function serviceNameFilters(selected: readonly string[], catalogNames: readonly string[]): string[] {
  if (selected.length === 0) return [];
  const alternatives = (names: readonly string[]): string => names.map(escapeRegExp).join('|');
  return [`^(?:${alternatives(selected)}):`, `^(?!(?:${alternatives(catalogNames)}):)`];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The checklist item of a scenario: its @NSC-xx tag, else its first tag in capitals, else SCENARIO. */
export function scenarioItem(pickle: PickleView): string {
  const tags = pickle.tags.map((tag) => tag.name.slice(1));
  return (
    tags.find((tag) => /^NSC-\d+$/.test(tag)) ??
    tags.find((tag) => /^[A-Z][A-Z0-9-]*$/.test(tag)) ??
    'SCENARIO'
  );
}

/** The CheckResult of a scenario that ended on an error before any verdict (e.g. the host dropped). */
export function resultFromError(error: unknown, host: string, service: string, item: string): CheckResult {
  const message = error instanceof Error ? error.message : String(error);
  const base = { host, service, item, message, evidence: [] as string[] };
  if (error instanceof CheckFailed) return { ...base, status: 'failed', evidence: [...error.evidence] };
  if (error instanceof WlaError) return { ...base, status: 'not-checked', errorCode: error.code };
  return { ...base, status: 'not-checked', errorCode: 'INTERNAL_ERROR' };
}
