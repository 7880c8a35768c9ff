// Records the fact snapshot's raw output from a host into fixtures/recorded/snapshot/<name>.txt (+ <name>.plan.json).
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { gatherPlan, loadCatalog } from '../support/catalog/load.ts';
import { DEFAULT_CATALOG_FILE } from '../support/config/defaults.ts';
import { resolveConfig } from '../support/config/resolve.ts';
import { readSecrets } from '../support/config/secrets.ts';
import { WlaError } from '../support/errors.ts';
import { parseFrames } from '../support/facts/frame.ts';
import {
  DEFAULT_GATHER_TIMEOUT_MS,
  newNonce,
  redactRaw,
  SNAPSHOT_SCRIPT,
  snapshotArgv,
} from '../support/facts/gather.ts';
import { LocalHost } from '../support/facts/local-host.ts';
import { normalizePlan } from '../support/facts/plan-args.ts';
import type { GatherPlan } from '../support/facts/types.ts';
import { openRemoteHost } from '../support/ssh/connect.ts';
import type { RemoteHost } from '../support/ssh/transport.ts';

const USAGE = `usage: tsx scripts/record-facts.ts NAME [--config FILE | --container NAME] [--plan FILE.json] [--services a,b]
  --config FILE      runner configuration of the host (e.g. .lab/config.yml); default: the usual config lookup
  --container NAME   run through \`podman exec -i NAME\` instead of SSH (a throwaway container)
  --plan FILE.json   a GatherPlan as JSON; default: the catalog's plan for --services (empty = all)
Writes fixtures/recorded/snapshot/NAME.txt (raw framed output) and NAME.plan.json ({ nonce, plan }).`;

const OUT_DIR = new URL('../fixtures/recorded/snapshot/', import.meta.url);

async function openHost(values: { config?: string; container?: string }): Promise<RemoteHost> {
  if (values.container)
    return new LocalHost(`container ${values.container}`, ['podman', 'exec', '-i', values.container]);
  const { config } = resolveConfig({ configFlag: values.config, env: process.env, cwd: process.cwd() });
  return openRemoteHost(config.host, config.ssh, readSecrets(config, process.env));
}

function planFor(values: { plan?: string; services?: string }): GatherPlan {
  if (values.plan) return JSON.parse(readFileSync(values.plan, 'utf8')) as GatherPlan;
  const services = values.services ? values.services.split(',') : [];
  return gatherPlan(loadCatalog(DEFAULT_CATALOG_FILE), services);
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      container: { type: 'string' },
      plan: { type: 'string' },
      services: { type: 'string' },
    },
  });
  const [name] = positionals;
  if (!name || !/^[a-z0-9-]+$/.test(name)) {
    console.error(USAGE);
    return 2;
  }
  const plan = normalizePlan(planFor(values));
  const nonce = newNonce();
  const host = await openHost(values);
  try {
    const started = Date.now();
    const result = await host.exec(snapshotArgv(plan, nonce), {
      stdin: SNAPSHOT_SCRIPT,
      timeoutMs: DEFAULT_GATHER_TIMEOUT_MS,
    });
    const ms = Date.now() - started;
    if (result.code !== 0)
      throw new Error(`the snapshot exited with ${result.code}: ${result.stderr.trim()}`);
    const raw = redactRaw(result.stdout, nonce);
    const sections = parseFrames(raw, nonce);
    writeFileSync(new URL(`${name}.txt`, OUT_DIR), raw);
    writeFileSync(new URL(`${name}.plan.json`, OUT_DIR), `${JSON.stringify({ nonce, plan }, null, 2)}\n`);
    const count = [...sections.values()].reduce((n, keys) => n + keys.size, 0);
    console.log(
      `recorded ${name}: ${raw.length} bytes, ${count} sections, ${ms} ms, ${host.stats.channels} channel(s) from ${host.label}`,
    );
    return 0;
  } finally {
    await host.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof WlaError ? `${err.code}: ${err.message}` : err);
    process.exit(1);
  },
);
