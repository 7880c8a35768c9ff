// `wazo-live-acceptance catalog draft --service NAME [connection options]`: prints a catalog entry for a daemon as
// one read-only fact snapshot (and its spec, fetched through the SSH connection) show it.
import { ConfigError, EXIT_PASSED, EXIT_SERVICE_NOT_FOUND, ServiceNotFound, TimedOut } from '../errors.ts';
import type { Draft, DraftInput, SpecProbe } from '../catalog/draft.ts';
import type { RemoteHost } from '../ssh/transport.ts';
import type { CliIo } from './main.ts';
import { commandConfig } from './command-config.ts';
import { catalogDraftHelp, catalogHelp, wantsHelp } from './command-help.ts';

/** A tunnelled pool can wait on a channel the daemon keeps open; the SSH connection's end closes it anyway. */
const CLOSE_TIMEOUT_MS = 2_000;
const DAEMON_NAME = /^[A-Za-z0-9][A-Za-z0-9_.+-]{0,99}$/;
const SUBCOMMANDS = ['draft'];

export async function catalogCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h') {
    io.stdout.write(catalogHelp());
    return EXIT_PASSED;
  }
  if (sub === undefined || !SUBCOMMANDS.includes(sub)) {
    const found = sub === undefined ? 'none' : JSON.stringify(sub);
    throw new ConfigError(`catalog needs a subcommand: draft (found ${found}; see catalog --help)`);
  }
  if (wantsHelp(rest)) {
    io.stdout.write(catalogDraftHelp());
    return EXIT_PASSED;
  }
  try {
    return await draftCommand(rest, io);
  } catch (error) {
    if (!(error instanceof ServiceNotFound)) throw error;
    io.stderr.write(`wazo-live-acceptance: ${error.message}\n`);
    return EXIT_SERVICE_NOT_FOUND;
  }
}

/** Takes the one `--service NAME` out of the options every run takes. */
export function splitService(argv: readonly string[]): { service: string; rest: string[] } {
  const rest: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg !== '--service' && !arg.startsWith('--service=')) {
      rest.push(arg);
      continue;
    }
    const value = arg === '--service' ? argv[++i] : arg.slice('--service='.length);
    if (value === undefined || value === '' || value.startsWith('--'))
      throw new ConfigError('--service needs a value: NAME');
    names.push(value);
  }
  if (names.length !== 1) {
    throw new ConfigError(
      `catalog draft needs exactly one --service NAME, the daemon to draft (found ${names.length})`,
    );
  }
  const service = names[0] as string;
  if (!DAEMON_NAME.test(service)) {
    throw new ConfigError(
      `--service: ${JSON.stringify(service)} is not allowed: a daemon name (letters, digits, '.', '_', '+', '-'; at most 100)`,
    );
  }
  return { service, rest };
}

async function draftCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { service, rest } = splitService(argv);
  const { readSecrets } = await import('../config/secrets.ts');
  const { openRemoteHost } = await import('../ssh/connect.ts');
  const config = await commandConfig(rest, io, 'catalog draft');
  const remote = await openRemoteHost(config.host, config.ssh, readSecrets(config, io.env));
  try {
    const { draft, gatheredAt, requests } = await draftOn(
      remote,
      config.host,
      service,
      config.https.timeoutMs,
    );
    const { draftYaml } = await import('../catalog/draft-yaml.ts');
    io.stdout.write(draftYaml(draft, { host: config.host, gatheredAt }));
    const cost = `${plural(remote.stats.channels, 'exec channel')}, ${plural(requests, 'HTTP request')}`;
    io.stderr.write(
      `wazo-live-acceptance: ${config.host}: drafted ${service}: ${summary(draft)} (${cost})\n`,
    );
  } finally {
    await closeWithin(remote.close());
  }
  return EXIT_PASSED;
}

async function draftOn(remote: RemoteHost, host: string, name: string, timeoutMs: number) {
  const { runSnapshot } = await import('../facts/gather.ts');
  const { assembleFacts } = await import('../facts/assemble.ts');
  const { draftObservations } = await import('../facts/parsers/draft.ts');
  const { HOST_PACKAGES } = await import('../catalog/plan.ts');
  const { draftEntry } = await import('../catalog/draft.ts');
  const { checkNotes } = await import('../checklist/draft-checks.ts');
  const snapshot = await runSnapshot(remote, {
    users: [],
    groups: [],
    paths: [],
    writeChecks: [],
    units: [],
    packages: [...HOST_PACKAGES],
    drafts: [name],
  });
  const facts = assembleFacts(snapshot);
  const observation = draftObservations(snapshot.sections).get(name);
  if (!observation) throw new ServiceNotFound(`${name}: the snapshot of ${host} has no draft section for it`);
  const input: DraftInput = { name, host, facts, observation };
  // A first draft (it throws ServiceNotFound) names the ports worth asking for a spec: the one nginx proxies the
  // API to, else every TCP port the daemon listens on where the tunnel arrives.
  const first = draftEntry(input).entry;
  const ports = first.http?.nginx
    ? [first.http.port]
    : first.ports.filter((p) => p.protocol === 'tcp' && loopbackReachable(p.address)).map((p) => p.port);
  const specs = await probeSpecs(remote, [...new Set(ports)], timeoutMs);
  const draft = draftEntry({ ...input, specs });
  const full: Draft = { ...draft, notes: [...draft.notes, ...checkNotes(draft.entry, facts, host)] };
  const requests = specs.reduce((n, probe) => n + probe.tried.length + (probe.found ? 1 : 0), 0);
  return { draft: full, gatheredAt: facts.gatheredAt, requests };
}

/** A daemon bound to 127.0.0.1 or to every address answers on 127.0.0.1, where the tunnel arrives. */
function loopbackReachable(address: string): boolean {
  return ['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost'].includes(address);
}

/** For each port, the candidate spec paths in turn until one answers 200 with a Swagger 2.0 or OpenAPI 3 document. */
async function probeSpecs(
  remote: RemoteHost,
  ports: readonly number[],
  timeoutMs: number,
): Promise<SpecProbe[]> {
  const { createTunnelClient } = await import('../http/client.ts');
  const { parseSpec } = await import('../openapi/parse.ts');
  const { SPEC_CANDIDATES, specOf } = await import('../catalog/draft.ts');
  const probes: SpecProbe[] = [];
  for (const port of ports) {
    const client = createTunnelClient(remote, port, timeoutMs);
    const probe: SpecProbe = { port, tried: [] };
    try {
      for (const path of SPEC_CANDIDATES) {
        let outcome: string;
        try {
          const response = await answerWithin(client.request(path), timeoutMs, `GET ${path} on port ${port}`);
          const parsed = response.status === 200 ? parseSpec(response.body) : undefined;
          if (parsed?.ok && specOf(path, parsed.doc)) {
            probe.found = { path, doc: parsed.doc };
            break;
          }
          outcome = response.status === 200 ? 'not a spec' : String(response.status);
        } catch (error) {
          // Not HTTP, or not answering: the other paths would only wait as long again.
          probe.tried.push({ path, outcome: error instanceof Error ? error.message : String(error) });
          break;
        }
        probe.tried.push({ path, outcome });
      }
    } finally {
      await closeWithin(client.close());
    }
    probes.push(probe);
  }
  return probes;
}

function summary(draft: Draft): string {
  const count = (kind: string) => draft.notes.filter((n) => n.kind === kind).length;
  return (
    `${plural(count('not-observed'), 'field')} not observed, ${plural(count('breaks'), 'value')} breaking a ` +
    `checklist item, ${plural(count('not-checked'), 'check')} that could not look`
  );
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The client's own timeouts do not always fire on a tunnelled channel the daemon left half-closed: a hard bound. */
function answerWithin<T>(request: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TimedOut(`${what}: no answer after ${timeoutMs}ms`)), timeoutMs);
  });
  return Promise.race([request, deadline]).finally(() => clearTimeout(timer));
}

function closeWithin(closing: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
    timer.unref();
  });
  return Promise.race([closing.catch(() => undefined), deadline]).finally(() => clearTimeout(timer));
}
