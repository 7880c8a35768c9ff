// The --help text, built from the option and environment tables so it cannot drift from them.
import { CONSUL_TOKEN_ENV, PASSPHRASE_ENV } from '../config/defaults.ts';
import { ENV_VARS } from '../config/env.ts';
import { OPTIONS } from './options.ts';

export function helpText(version: string): string {
  const options = OPTIONS.map((option) => {
    const left = option.value ? `${option.name} ${option.value}` : option.name;
    return `  ${left.padEnd(30)} ${option.help}`;
  });
  const env = ENV_VARS.map((variable) => `  ${variable.name.padEnd(30)} ${variable.path}`);
  return [
    `wazo-live-acceptance ${version}: checks a live Wazo Platform host against the new-service checklist.`,
    'It only reads the host (one SSH connection, one snapshot), unless --allow-destructive is given.',
    '',
    'Usage: wazo-live-acceptance --host HOST [options]',
    '       wazo-live-acceptance --inventory FILE [options]              a fleet run: every host it lists, per-host reports',
    '       wazo-live-acceptance snapshot --out FILE [options]           the host state, a later --baseline',
    '       wazo-live-acceptance catalog draft --service NAME [options]  a catalog entry as the host shows it',
    '       wazo-live-acceptance report --messages FILE [options]        the reports of a saved run, again',
    '       wazo-live-acceptance COMMAND --help                          what a command does, its options',
    '',
    'Options:',
    ...options,
    '',
    "Environment (flags and an inventory's settings win over these, these win over the config file):",
    `  ${'WAZO_CONFIG'.padEnd(30)} the YAML configuration file`,
    ...env,
    `  ${PASSPHRASE_ENV.padEnd(30)} passphrase of the SSH key (secret: environment only)`,
    `  ${CONSUL_TOKEN_ENV.padEnd(30)} Consul ACL token (secret: environment only; default: read on the host)`,
    '',
    'Exit codes:',
    '  0  every check passed (or is waived, or not applicable)',
    '  1  a check failed or could not be checked',
    '  2  configuration or connection error: the host was never checked (or the reports could not be written)',
    '  3  catalog draft only: the host has no such daemon (see catalog draft --help)',
    '',
  ].join('\n');
}
