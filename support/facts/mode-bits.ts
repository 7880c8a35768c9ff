// The one place that decides "may this user read or write this path" from owner, group and mode bits.
import type { HostFacts } from './types.ts';

export type Access = 'read' | 'write';

/** The facts the decision reads: accounts, groups and the stat of the path. */
export type AccessFacts = Pick<HostFacts, 'passwd' | 'groups' | 'userGroups' | 'files'>;

/** How a mode-bits answer was reached, for evidence: what it cannot see. */
export const MODE_BITS_HOW = 'owner/group/mode bits (ACLs not evaluated)';

const BITS: Record<Access, { owner: number; group: number; other: number }> = {
  read: { owner: 0o400, group: 0o040, other: 0o004 },
  write: { owner: 0o200, group: 0o020, other: 0o002 },
};

/**
 * What `test -r` / `test -w` run as the user would answer, from the facts alone: a missing path is false (as
 * for test), root may do anything, the owner class alone decides for the owner (even when the group bits are more
 * generous), then the group class for any of the user's gids, else the other class. Owner and group are matched
 * by number only. Undefined when a needed fact is missing (no account, no stat, no numeric uid/gid, no readable
 * mode): the caller says it could not decide rather than guessing. Not seen: ACLs, read-only mounts and the
 * search bits of parent directories.
 */
export function modeBitsAllow(
  facts: AccessFacts,
  user: string,
  path: string,
  access: Access,
): boolean | undefined {
  const entry = facts.passwd.get(user);
  const stat = facts.files.get(path);
  if (!entry || !stat) return undefined;
  if (!stat.exists) return false;
  if (entry.uid === 0) return true;
  const mode = /^[0-7]{1,4}$/.test(stat.mode ?? '') ? parseInt(stat.mode ?? '', 8) : undefined;
  if (mode === undefined || stat.uid === undefined || stat.gid === undefined) return undefined;
  const bits = BITS[access];
  if (stat.uid === entry.uid) return (mode & bits.owner) !== 0;
  if (groupsOf(facts, user).includes(stat.gid)) return (mode & bits.group) !== 0;
  return (mode & bits.other) !== 0;
}

/** Primary and supplementary gids of a user: `id -G` when gathered, else the passwd gid and /etc/group members. */
export function groupsOf(facts: Pick<HostFacts, 'passwd' | 'groups' | 'userGroups'>, user: string): number[] {
  const listed = facts.userGroups.get(user);
  if (listed) return listed;
  const primary = facts.passwd.get(user)?.gid;
  const members = [...facts.groups.values()].filter((g) => g.members.includes(user)).map((g) => g.gid);
  return primary === undefined ? members : [primary, ...members];
}
