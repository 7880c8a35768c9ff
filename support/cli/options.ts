// The command-line options: one table drives parsing, validation and --help.
import type { ValueKind } from '../config/env.ts';

export const PROFILES = [
  'daily',
  'after-reboot',
  'after-upgrade',
  'fresh-install',
  'ha-slave',
  'lab',
] as const;
export type Profile = (typeof PROFILES)[number];

/** Hosts a fleet run checks at once, unless --hosts-parallel says otherwise (see the README's fleet bench). */
export const DEFAULT_HOSTS_PARALLEL = 4;
export const MAX_HOSTS_PARALLEL = 32;

export interface OptionSpec {
  name: string;
  /** Placeholder of the value in --help; absent for a switch. */
  value?: string;
  /** May be given several times. */
  multiple?: boolean;
  /** The RunnerConfig key it sets; absent for options of the run itself. */
  path?: string;
  kind?: ValueKind;
  help: string;
}

export const OPTIONS: readonly OptionSpec[] = [
  {
    name: '--host',
    value: 'HOST',
    multiple: true,
    path: 'host',
    kind: 'string',
    help: 'target host name or address (WAZO_HOST); given more than once, a fleet run of these hosts',
  },
  {
    name: '--inventory',
    value: 'FILE',
    help: 'fleet run: the hosts to check, with their groups, labels and settings (YAML; see fixtures/examples/inventory.yml)',
  },
  {
    name: '--limit',
    value: 'PATTERN',
    help: 'fleet run: only hosts whose name or group matches, comma-separated globs, !x excludes ("staging,!stack-b*"); an HA pair stays whole',
  },
  {
    name: '--hosts-parallel',
    value: 'N',
    help: `fleet run: hosts checked at once, 1 to ${MAX_HOSTS_PARALLEL} (default ${DEFAULT_HOSTS_PARALLEL})`,
  },
  {
    name: '--shard',
    value: 'SPEC',
    help: 'fleet run: check only part I of N of the selected hosts: I/N, or auto/N with I from the CI job index',
  },
  {
    name: '--compare-with',
    value: 'DIR',
    help: "fleet run: name what changed since an earlier fleet run's --report-dir DIR (needs --report-dir)",
  },
  {
    name: '--config',
    value: 'FILE',
    help: 'YAML configuration (WAZO_CONFIG; default ~/.config/wazo-live-acceptance/config.yml)',
  },
  { name: '--profile', value: 'NAME', help: `what to check: ${PROFILES.join(', ')} (default daily)` },
  {
    name: '--tags',
    value: 'EXPR',
    help: 'cucumber tag expression, combined with the profile\'s ("@NSC-04 or @NSC-05")',
  },
  {
    name: '--service',
    value: 'NAME',
    multiple: true,
    path: 'services',
    kind: 'list',
    help: 'check only this daemon (repeatable; WAZO_SERVICES)',
  },
  {
    name: '--format',
    value: 'FMT',
    multiple: true,
    help: 'cucumber formatter, e.g. progress, json:reports/run.json (repeatable)',
  },
  {
    name: '--report-dir',
    value: 'DIR',
    help: 'write junit.xml, matrix.html, run.ndjson and run-meta.json there (default: no files)',
  },
  {
    name: '--report',
    value: 'FORMATS',
    help: 'reports to produce, some of junit,matrix,table, or none (default: table on a terminal; all three with --report-dir)',
  },
  {
    name: '--dry-run',
    help: 'list per daemon the checks that would run and those the catalog says do not apply; touch no host',
  },
  { name: '--list-services', help: "print the catalog's service names and exit" },
  { name: '--print-config', help: 'print the resolved configuration (secrets as <set>/<unset>) and exit' },
  {
    name: '--port',
    value: 'PORT',
    path: 'ssh.port',
    kind: 'int',
    help: 'SSH port (WAZO_SSH_PORT; default 22)',
  },
  {
    name: '--user',
    value: 'USER',
    path: 'ssh.user',
    kind: 'string',
    help: 'SSH user (WAZO_SSH_USER; default root; others use sudo -n)',
  },
  {
    name: '--key',
    value: 'FILE',
    path: 'ssh.keyFile',
    kind: 'string',
    help: 'private key (WAZO_SSH_KEY; default: the SSH agent)',
  },
  {
    name: '--known-hosts',
    value: 'FILE',
    path: 'ssh.knownHostsFile',
    kind: 'string',
    help: 'known_hosts file (WAZO_KNOWN_HOSTS; default ~/.ssh/known_hosts)',
  },
  {
    name: '--jump-host',
    value: 'USER@HOST:PORT',
    path: 'ssh.jumpHost',
    kind: 'string',
    help: 'connect through this host (WAZO_SSH_JUMP_HOST)',
  },
  {
    name: '--transport',
    value: 'KIND',
    path: 'ssh.transport',
    kind: 'string',
    help: 'ssh2 (default) or openssh (WAZO_TRANSPORT)',
  },
  {
    name: '--accept-new-host-key',
    path: 'ssh.acceptNewHostKey',
    kind: 'bool',
    help: 'trust and record an unknown host key (a changed key is still refused)',
  },
  {
    name: '--insecure',
    path: 'https.insecure',
    kind: 'bool',
    help: 'do not verify the HTTPS certificate (WAZO_INSECURE)',
  },
  {
    name: '--ca',
    value: 'FILE',
    path: 'https.caFile',
    kind: 'string',
    help: 'CA bundle to verify HTTPS against (WAZO_CA_FILE)',
  },
  {
    name: '--pin-from-host',
    path: 'https.pinFromHost',
    kind: 'bool',
    help: 'trust the certificate the host serves from its own disk, read over SSH',
  },
  {
    name: '--https-route',
    value: 'ROUTE',
    path: 'https.route',
    kind: 'string',
    help: "how HTTPS reaches nginx: direct, or ssh through the SSH connection to the host's own port (WAZO_HTTPS_ROUTE; default ssh with --jump-host, else direct)",
  },
  {
    name: '--catalog',
    value: 'FILE',
    path: 'catalogFile',
    kind: 'string',
    help: "service catalog (WAZO_CATALOG; default the package's fixtures/services.yml)",
  },
  {
    name: '--waivers',
    value: 'FILE',
    path: 'waiversFile',
    kind: 'string',
    help: 'waivers file (WAZO_WAIVERS)',
  },
  {
    name: '--allow-destructive',
    path: 'allowDestructive',
    kind: 'bool',
    help: 'allow scenarios that restart services or reboot (never on production)',
  },
  {
    name: '--baseline',
    value: 'FILE',
    path: 'baselineFile',
    kind: 'string',
    help: 'baseline file (WAZO_BASELINE)',
  },
  { name: '--help', help: 'print this help and exit' },
  { name: '--version', help: 'print the version and exit' },
];

/** Flags people try for secrets; the answer says where secrets come from instead. */
/** Options that existed once: naming one says why it went and what to use instead. */
export const REMOVED_OPTIONS: Readonly<Record<string, string>> = {
  '--parallel':
    'worker processes made a run slower, never faster (one host, 0/2/4 workers: 1.8/3.3/5.3 s; see the README, ' +
    'Performance): a run checks its host in one process; a fleet checks several hosts at once with --hosts-parallel N',
};

export const SECRET_FLAGS = new Set([
  '--passphrase',
  '--password',
  '--token',
  '--consul-token',
  '--ssh-passphrase',
]);

export const SHORT_ALIASES: Readonly<Record<string, string>> = { '-h': '--help', '-V': '--version' };
