// npm run lab:up / lab:down: start a lab host and leave it running, or stop the one a directory holds.
import { parseArgs } from 'node:util';
import { WlaError } from '../support/errors.ts';
import { labFromState, removeAllLabs, startLabWithFigures } from '../support/lab/lab.ts';

const USAGE = `usage: tsx scripts/lab.ts up [--dir DIR] [--variant NAME] [--reuse]
       tsx scripts/lab.ts down [--dir DIR | --all]
DIR defaults to .lab/ at the repository root; one lab per directory.
--all removes every lab container on the engine, whichever process started it.`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dir: { type: 'string' },
      variant: { type: 'string' },
      reuse: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...extra] = positionals;
  if (values.help) return usage(0);
  if (extra.length > 0) return usage(2);
  if (command === 'up') return up(values.dir, values.variant, values.reuse);
  if (command === 'down' && values.all) return values.dir === undefined ? downAll() : usage(2);
  if (command === 'down') return down(values.dir);
  return usage(2);
}

async function up(dir: string | undefined, variant: string | undefined, reuse: boolean): Promise<number> {
  const { lab, figures } = await startLabWithFigures({ dir, variant, reuse });
  const build = figures.buildMs === null ? 'cached' : `built in ${(figures.buildMs / 1000).toFixed(1)} s`;
  const ready =
    figures.readyMs === null ? 'reused a running lab' : `ready in ${(figures.readyMs / 1000).toFixed(1)} s`;
  console.log(`lab up: ${lab.containerId.slice(0, 12)} image ${figures.image} (${build}), ${ready}`);
  console.log(`  ssh    127.0.0.1:${lab.sshPort}   https 127.0.0.1:${lab.httpsPort}`);
  console.log(`  config ${lab.configFile}`);
  console.log(`  qa     ${lab.qaConfigFile}`);
  return 0;
}

async function down(dir: string | undefined): Promise<number> {
  const lab = await labFromState(dir);
  await lab.stop();
  console.log(`lab down: ${lab.containerId.slice(0, 12)} removed`);
  return 0;
}

async function downAll(): Promise<number> {
  const names = await removeAllLabs();
  console.log(names.length === 0 ? 'lab down: no lab container' : `lab down: removed ${names.join(', ')}`);
  return 0;
}

function usage(code: number): number {
  (code === 0 ? console.log : console.error)(USAGE);
  return code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    const code = err instanceof WlaError ? ` [${err.code}]` : '';
    console.error(`lab: ${message}${code}`);
    process.exit(2);
  },
);
