// NSC-02 "The service default user cannot log in to a shell": a nologin shell and a locked or absent password.
import type { ServiceEntry } from '../catalog/types.ts';
import type { HostFacts, ShadowEntry } from '../facts/types.ts';
import { passwdLine } from './evidence.ts';
import { decide, precheck, subject } from './outcome.ts';
import type { CheckResult } from './result.ts';

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
  const password = passwordState(facts.shadow, service.user);
  if (password.mismatch) mismatches.push(password.mismatch);
  return decide(
    s,
    mismatches,
    [passwdLine(entry), password.evidence],
    `shell ${entry.shell}; ${password.summary}`,
  );
}

function passwordState(
  shadow: Map<string, ShadowEntry> | null,
  user: string,
): { evidence: string; summary: string; mismatch?: string } {
  if (shadow === null) {
    return {
      evidence: 'shadow: not readable by the snapshot (run as root or with sudo to check the password)',
      summary: 'password not checked: /etc/shadow was not readable',
    };
  }
  const entry = shadow.get(user);
  if (!entry) return { evidence: `shadow: no entry for ${user}`, summary: 'no password entry' };
  const evidence = `shadow: ${user}:${entry.password}`;
  if (/^[!*]/.test(entry.password)) return { evidence, summary: `password locked (${entry.password})` };
  const found = entry.password === '' ? 'an empty password (no password needed)' : 'a password hash';
  return { evidence, summary: '', mismatch: `password: expected locked (! or *) or absent, found ${found}` };
}
