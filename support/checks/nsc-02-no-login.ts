// NSC-02 "The service default user cannot log in to a shell": a nologin shell and a locked or absent password.
import type { ServiceEntry } from '../catalog/types.ts';
import type { HostFacts } from '../facts/types.ts';
import { passwdLine } from './evidence.ts';
import { decide, notChecked, precheck, subject } from './build-result.ts';
import type { CheckResult } from '../result.ts';

export const NO_LOGIN_SHELLS: readonly string[] = [
  '/usr/sbin/nologin',
  '/sbin/nologin',
  '/bin/false',
  '/usr/bin/false',
];

export function checkNoLoginShell(facts: HostFacts, service: ServiceEntry, host: string): CheckResult {
  const s = subject(service, host, 'NSC-02');
  const early = precheck(facts, s, [{ section: 'passwd' }]);
  if (early) return early;
  const entry = facts.passwd.get(service.user);
  if (!entry) return decide(s, [`user ${service.user}: expected present in passwd, found absent`], [], '');
  const mismatches: string[] = [];
  if (!NO_LOGIN_SHELLS.includes(entry.shell)) {
    mismatches.push(
      `shell: expected /usr/sbin/nologin or /bin/false, found ${entry.shell || '(empty: /bin/sh)'}`,
    );
  }
  const password = passwordState(facts, service.user);
  if (password.mismatch) mismatches.push(password.mismatch);
  const evidence = [passwdLine(entry), password.evidence];
  if (password.unseen && mismatches.length === 0) {
    return notChecked(
      s,
      `password: ${password.unseen}; the shell part passed (shell ${entry.shell})`,
      evidence,
    );
  }
  return decide(s, mismatches, evidence, `shell ${entry.shell}; ${password.summary}`);
}

/** `unseen` says why the password could not be judged: shadow is read only as root or with sudo. */
function passwordState(
  facts: Pick<HostFacts, 'shadow' | 'errors'>,
  user: string,
): { evidence: string; summary: string; mismatch?: string; unseen?: string } {
  if (facts.shadow === null) {
    const why =
      facts.errors.find((e) => e.section === 'shadow')?.message ??
      '/etc/shadow was not readable (root or sudo is needed)';
    return { evidence: `shadow: not read (${why})`, summary: 'password not checked', unseen: why };
  }
  const entry = facts.shadow.get(user);
  if (!entry) return { evidence: `shadow: no entry for ${user}`, summary: 'no password entry' };
  const evidence = `shadow: ${user}:${entry.password}`;
  if (/^[!*]/.test(entry.password)) return { evidence, summary: `password locked (${entry.password})` };
  const found = entry.password === '' ? 'an empty password (no password needed)' : 'a password hash';
  return { evidence, summary: '', mismatch: `password: expected locked (! or *) or absent, found ${found}` };
}
