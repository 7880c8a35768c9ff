// The --help texts of the subcommands (snapshot, catalog, catalog draft, report); the run's own is help.ts.
import { OPTIONS } from './options.ts';

/** What a subcommand reads of the run's options: the connection and the catalog, nothing about the checks. */
const CONNECTION_OPTIONS = [
  '--host',
  '--config',
  '--port',
  '--user',
  '--key',
  '--known-hosts',
  '--jump-host',
  '--transport',
  '--accept-new-host-key',
];

/** --help or -h anywhere among a command's arguments: the help wins over every other argument, even a wrong one. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/** `  --name VALUE   help`, aligned as in the run's --help. */
export function optionLine(name: string, help: string): string {
  return `  ${name.padEnd(30)} ${help}`;
}

/** The run's options by name, in the run's help wording; a name the table lost is a bug in this file. */
function runOptionLines(names: readonly string[]): string[] {
  return names.map((name) => {
    const option = OPTIONS.find((candidate) => candidate.name === name);
    if (!option) throw new Error(`command-help: the run has no option ${name}`);
    return optionLine(option.value ? `${option.name} ${option.value}` : option.name, option.help);
  });
}

const CONFIG_NOTE =
  'The config file and the WAZO_* variables are those of a run; secrets come only from the environment\n' +
  '(WAZO_SSH_PASSPHRASE). See wazo-live-acceptance --help.';

export function snapshotHelp(): string {
  return [
    'Usage: wazo-live-acceptance snapshot --host HOST --out FILE [options]',
    '',
    "Records the host's state before a reboot or a wazo-upgrade, for a later run with",
    '--profile after-reboot|after-upgrade --baseline FILE: per daemon its unit (active, enabled, MainPID, start',
    "time, NRestarts) and package version; PID 1's start time and the boot id; the HA flag; monit's view; Consul's",
    'registrations where Consul is enabled. It only reads the host: one snapshot over one SSH exec channel.',
    '',
    'Options:',
    optionLine('--out FILE', 'where to write the state (JSON, "version": 1); required'),
    ...runOptionLines([...CONNECTION_OPTIONS, '--catalog', '--service']),
    optionLine('--help, -h', 'print this help and exit'),
    '',
    CONFIG_NOTE,
    '',
    'Exit codes:',
    '  0  the state was written',
    '  2  configuration or connection error, or FILE could not be written: nothing was recorded',
    '',
  ].join('\n');
}

export function catalogHelp(): string {
  return [
    'Usage: wazo-live-acceptance catalog COMMAND [options], COMMAND one of: draft',
    '',
    'Commands about the service catalog (the daemons the checklist runs over):',
    '  draft   print a catalog entry for a daemon as a host shows it (see catalog draft --help)',
    '',
    'Exit codes:',
    '  0  this help was printed, or the command succeeded',
    "  2  no such command (draft is the only one), or the command's configuration or connection error",
    '  3  catalog draft: the host has no such daemon',
    '',
  ].join('\n');
}

export function catalogDraftHelp(): string {
  return [
    'Usage: wazo-live-acceptance catalog draft --host HOST --service NAME [options]',
    '',
    'Prints a catalog entry (version: 1, extends: default) for the daemon NAME as HOST shows it: its unit, user,',
    'files, ports, nginx location, API spec, package, monit, wazo-service and backup coverage. Each field it could',
    'not observe carries a "# not observed: <why>" comment, each value that already breaks a checklist item a',
    '"# breaks NSC-xx: <message>" comment. It only reads the host: one snapshot over one SSH exec channel, and',
    "HTTP GETs of the spec on the daemon's own ports through the same connection.",
    '',
    'Options:',
    optionLine('--service NAME', 'the daemon to draft; exactly one'),
    ...runOptionLines(CONNECTION_OPTIONS),
    optionLine('--help, -h', 'print this help and exit'),
    '',
    CONFIG_NOTE,
    'Save the output and check the daemon with: wazo-live-acceptance --catalog FILE --service NAME',
    '',
    'Exit codes:',
    '  0  the entry was printed (comments say what breaks the checklist)',
    '  2  configuration or connection error: the host was never read',
    '  3  the host has no such daemon: no unit NAME.service and no package NAME',
    '',
  ].join('\n');
}

/** The report command's own options, in the order --help lists them. */
export const REPORT_OPTIONS: readonly { name: string; value?: string; help: string }[] = [
  {
    name: '--messages',
    value: 'FILE',
    help: "the run's message stream (run.ndjson, or --format message:FILE); required",
  },
  {
    name: '--meta',
    value: 'FILE',
    help: "the run's run-meta.json: host, profile, versions, weakened verifications",
  },
  { name: '--out', value: 'DIR', help: 'where to write junit.xml and matrix.html (default reports)' },
  { name: '--format', value: 'FORMATS', help: 'some of junit,matrix,table (default all three)' },
  {
    name: '--host',
    value: 'NAME',
    help: 'the host to name in the reports (default: --meta, else the messages)',
  },
  { name: '--profile', value: 'NAME', help: 'the profile to name in the reports (default: --meta)' },
  {
    name: '--catalog-version',
    value: 'V',
    help: 'the catalog version to name in the reports (default: --meta)',
  },
  { name: '--insecure', help: 'the run did not verify HTTPS: say so in every report' },
  { name: '--accept-new-host-key', help: 'the run recorded an unknown host key: say so in every report' },
  { name: '--color', help: 'colour the table even when stdout is not a terminal' },
  { name: '--no-color', help: 'never colour the table (also NO_COLOR)' },
  {
    name: '--merge',
    value: 'DIR...',
    help: 'the --report-dir of each shard of a fleet run, merged in this order',
  },
  {
    name: '--report-dir',
    value: 'OUT',
    help: 'with --merge: where to write the merged fleet and its reports',
  },
  {
    name: '--compare-with',
    value: 'DIR',
    help: 'with --merge: an earlier fleet directory; adds changes.json and what changed since it',
  },
  { name: '--help', help: 'print this help and exit (also -h)' },
];

export function reportHelp(): string {
  return [
    'Usage: wazo-live-acceptance report --messages FILE [--meta FILE] [--out DIR] [options]',
    '       wazo-live-acceptance report --merge DIR... --report-dir OUT [--compare-with DIR]',
    '',
    'Builds the reports of a saved run again - junit.xml, matrix.html and the terminal table - from the message',
    'stream a run wrote (--report-dir DIR gives DIR/run.ndjson and DIR/run-meta.json). It connects to nothing.',
    '',
    'With --merge, joins the report directories of the shards of a fleet run (--inventory FILE --shard I/N):',
    "copies each DIR/hosts/<name>/ into OUT/hosts/, writes OUT/fleet.json and the fleet's OUT/junit.xml and",
    'OUT/matrix.html (hosts x checklist items), and prints one line per host. Two shards naming the same host',
    'are refused. --compare-with DIR adds OUT/changes.json: new failures, fixed, still failing since DIR.',
    '',
    'Options:',
    ...REPORT_OPTIONS.map((o) => optionLine(o.value ? `${o.name} ${o.value}` : o.name, o.help)),
    '',
    'Exit codes, as the run gave them:',
    '  0  every check passed, is waived, or is not applicable (--merge: every host exited 0)',
    '  1  a check failed or could not be checked, or no check ran (--merge: a host did not exit 0)',
    '  2  the run never checked its host (--merge: no host was checked); or a bad option, an unreadable file,',
    '     reports that could not be written',
    '',
  ].join('\n');
}
