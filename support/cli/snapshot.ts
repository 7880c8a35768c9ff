// `wazo-live-acceptance snapshot --out FILE [connection options]`: records the lifecycle baseline from one fact snapshot.
import { resolve } from 'node:path';
import { ConfigError, EXIT_PASSED } from '../errors.ts';
import type { CliIo } from './main.ts';
import { commandConfig } from './command-config.ts';
import { snapshotHelp, wantsHelp } from './command-help.ts';

/** Splits `--out FILE` / `--out=FILE` from the options every run takes. */
export function splitOut(argv: readonly string[]): { out: string; rest: string[] } {
  const rest: string[] = [];
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg !== '--out' && !arg.startsWith('--out=')) {
      rest.push(arg);
      continue;
    }
    if (out !== undefined) throw new ConfigError('--out is given more than once');
    out = arg === '--out' ? argv[++i] : arg.slice('--out='.length);
    if (out === undefined || out === '' || out.startsWith('--'))
      throw new ConfigError('--out needs a value: FILE');
  }
  if (out === undefined) throw new ConfigError('snapshot needs --out FILE: where to write the host state');
  return { out, rest };
}

export async function snapshotCommand(argv: readonly string[], io: CliIo): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout.write(snapshotHelp());
    return EXIT_PASSED;
  }
  const { out, rest } = splitOut(argv);
  const { readSecrets } = await import('../config/secrets.ts');
  const { gatherPlan, loadCatalog } = await import('../catalog/load.ts');
  const { selectServices } = await import('../catalog/lookup.ts');
  const { openRemoteHost } = await import('../ssh/connect.ts');
  const { takeHostState } = await import('../lifecycle/take-state.ts');
  const { writeHostState } = await import('../lifecycle/state-file.ts');
  const config = await commandConfig(rest, io, 'snapshot');
  const catalog = loadCatalog(config.catalogFile);
  const services = selectServices(catalog, config.services);
  const remote = await openRemoteHost(config.host, config.ssh, readSecrets(config, io.env));
  try {
    const state = await takeHostState(remote, config, services, gatherPlan(catalog, config.services));
    const file = resolve(io.cwd, out);
    writeHostState(file, state);
    const running = state.daemons.filter((d) => d.active).length;
    io.stdout.write(
      `wazo-live-acceptance: ${config.host}: wrote ${file}: ${state.daemons.length} daemons (${running} running), ` +
        `PID 1 started ${state.pid1StartedAt ?? 'unknown'}, consul ${state.consul.checked ? 'asked' : 'not asked'}\n`,
    );
  } finally {
    await remote.close();
  }
  return EXIT_PASSED;
}
