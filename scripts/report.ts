// `npm run report`: the `wazo-live-acceptance report` command (support/cli/report-command.ts) from a checkout.
import { EXIT_NOT_CHECKED } from '../support/errors.ts';
import { reportCommand } from '../support/cli/report-command.ts';

const argv = process.argv.slice(2);
const io = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
reportCommand(argv, io).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`report: ${err instanceof Error ? err.message : String(err)}\n`);
    process.stderr.write(
      'usage: npm run report -- --messages run.ndjson [options] (see npm run report -- --help)\n',
    );
    process.exitCode = EXIT_NOT_CHECKED;
  },
);
