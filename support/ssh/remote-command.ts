// Builds the command line a transport sends (sudo prefix + quoting) and recognises sudo's refusals.
import { RemoteCommandFailed, SudoRefused } from '../errors.ts';
import { shellQuote } from './quote.ts';
import type { ExecResult } from './transport.ts';

export interface CommandContext {
  host: string;
  user: string;
  /** Prefix `sudo -n --` (never prompts: -n fails instead of waiting for a password). */
  sudo: boolean;
}

export function usesSudo(context: CommandContext): boolean {
  return context.sudo && context.user !== 'root';
}

export function buildCommandLine(argv: readonly string[], context: CommandContext): string {
  return shellQuote(usesSudo(context) ? ['sudo', '-n', '--', ...argv] : argv);
}

/** The SudoRefused error a failed command's stderr reveals, if sudo (not the command) refused. */
export function sudoRefusal(result: ExecResult, context: CommandContext): SudoRefused | undefined {
  if (!usesSudo(context) || result.code === 0) return undefined;
  const { host, user } = context;
  const stderr = result.stderr;
  if (/^sudo: (a password is required|a terminal is required)/m.test(stderr)) {
    return new SudoRefused(
      `sudo on ${host} wants a password for ${user}: allow NOPASSWD for it or connect as root`,
    );
  }
  if (/is not in the sudoers file|may not run sudo|is not allowed to execute/.test(stderr)) {
    return new SudoRefused(`${user} may not run sudo on ${host}: grant it NOPASSWD sudo or connect as root`);
  }
  if (result.code === 127 && /sudo: (command )?not found/.test(stderr)) {
    return new SudoRefused(`sudo is not installed on ${host}: install it or connect as root`);
  }
  return undefined;
}

/** A command that writes more than the runner keeps is stopped rather than exhausting the runner's memory. */
export function tooMuchOutput(name: string, label: string, limit: number): RemoteCommandFailed {
  return new RemoteCommandFailed(`command ${name} on ${label} wrote more than ${limit} bytes: stopped`);
}
