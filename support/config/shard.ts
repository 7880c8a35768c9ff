// --shard I/N: which part of a fleet this process checks, so N CI jobs split the hosts without talking to each other.
import { createHash } from 'node:crypto';
import { ConfigError } from '../errors.ts';

/** One of `count` parts; `index` is 1-based, 1 <= index <= count <= MAX_SHARDS. */
export interface Shard {
  index: number;
  count: number;
}

export const MAX_SHARDS = 1000;

/** Where each CI engine puts the job's index, looked for in this order; WLA_SHARD_INDEX is ours, so it wins. */
const SHARD_INDEX_VARIABLES = [
  { name: 'WLA_SHARD_INDEX', base: 1, engine: 'any engine, e.g. set from a GitHub Actions matrix' },
  { name: 'CI_NODE_INDEX', base: 1, engine: 'GitLab CI parallel:' },
  { name: 'JOB_COMPLETION_INDEX', base: 0, engine: 'Kubernetes Indexed Job' },
] as const;

const ALLOWED = `I/N with 1 <= I <= N <= ${MAX_SHARDS}, or auto/N`;
const FIXED = /^(\d+)\/(\d+)$/;
const AUTO = /^auto\/(\d+)$/;

/** "I/N", or "auto/N" with I from the CI engine's variables in `env` (see SHARD_INDEX_VARIABLES). */
export function parseShard(text: string, env: NodeJS.ProcessEnv): Shard {
  const fixed = FIXED.exec(text);
  if (fixed) return checked(text, Number(fixed[1]), Number(fixed[2]));
  const auto = AUTO.exec(text);
  if (!auto) throw notAllowed(text);
  const count = Number(auto[1]);
  if (count < 1 || count > MAX_SHARDS) throw notAllowed(text);
  return { index: indexFromEnv(text, count, env), count };
}

function checked(text: string, index: number, count: number): Shard {
  if (index < 1 || index > count || count > MAX_SHARDS) throw notAllowed(text);
  return { index, count };
}

function notAllowed(text: string): ConfigError {
  return new ConfigError(`--shard: ${JSON.stringify(text)} is not allowed: ${ALLOWED}`);
}

function indexFromEnv(text: string, count: number, env: NodeJS.ProcessEnv): number {
  const found = SHARD_INDEX_VARIABLES.find((variable) => nonEmpty(env[variable.name]) !== undefined);
  if (!found) {
    const looked = SHARD_INDEX_VARIABLES.map((v) => `${v.name} (${v.base}-based, ${v.engine})`).join(', ');
    throw new ConfigError(
      `--shard: ${JSON.stringify(text)} takes the shard index from the environment, but none of ${looked} is set; give I/N instead`,
    );
  }
  const raw = nonEmpty(env[found.name]) ?? '';
  const first = found.base;
  const last = count - 1 + found.base;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= first && value <= last)) {
    throw new ConfigError(
      `--shard: ${JSON.stringify(text)}: ${found.name} is ${JSON.stringify(raw)}, allowed an integer from ${first} to ${last}`,
    );
  }
  if (found.name === 'CI_NODE_INDEX') checkGitLabTotal(text, count, nonEmpty(env.CI_NODE_TOTAL));
  return value - found.base + 1;
}

/** GitLab says how many jobs it started: a parallel: that disagrees with auto/N would leave hosts unchecked. */
function checkGitLabTotal(text: string, count: number, total: string | undefined): void {
  if (total !== undefined && total !== String(count)) {
    throw new ConfigError(
      `--shard: ${JSON.stringify(text)}: CI_NODE_TOTAL is ${JSON.stringify(total)}, not ${count}; make the job's parallel: and auto/N the same number`,
    );
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * The items of `shard`, in their input order. Each key goes to the shard number with the highest sha256(key, number)
 * (rendezvous hashing): the split depends only on the key and N, never on the order or the other keys, so adding a
 * host moves that host alone, and going from N to N+1 shards moves only the keys the new shard wins (about 1/(N+1)).
 * Items with the same key (an HA pair) land together.
 */
export function shardOf<T>(items: readonly T[], keyOf: (item: T) => string, shard: Shard): T[] {
  const owner = new Map<string, number>();
  return items.filter((item) => {
    const key = keyOf(item);
    let number = owner.get(key);
    if (number === undefined) {
      number = ownerOf(key, shard.count);
      owner.set(key, number);
    }
    return number === shard.index;
  });
}

function ownerOf(key: string, count: number): number {
  let best = 1;
  let bestWeight = -1n;
  for (let number = 1; number <= count; number += 1) {
    // The number is digits only, so key + NUL + number never collides with another (key, number).
    const weight = createHash('sha256').update(`${key}\0${number}`).digest().readBigUInt64BE(0);
    if (weight > bestWeight) {
      best = number;
      bestWeight = weight;
    }
  }
  return best;
}
