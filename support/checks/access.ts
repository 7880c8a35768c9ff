// Decides whether a user may write or read a path: the as-the-user test when gathered, else owner/group/mode bits.
import type { FileStat, HostFacts } from '../facts/types.ts';
import { writableKey } from '../facts/types.ts';

export interface AccessAnswer {
  allowed: boolean;
  /** How it was decided, for evidence. */
  how: string;
}

/** undefined when neither a write test nor a stat of the path exists. */
export function canWrite(facts: HostFacts, user: string, path: string): AccessAnswer | undefined {
  const tested = facts.writable.get(writableKey(user, path));
  if (tested !== undefined) return { allowed: tested, how: `test -w as ${user} (${facts.writeMethod})` };
  return fromModeBits(facts, user, facts.files.get(path), 0o200, 0o020, 0o002);
}

export function canRead(facts: HostFacts, user: string, path: string): AccessAnswer | undefined {
  return fromModeBits(facts, user, facts.files.get(path), 0o400, 0o040, 0o004);
}

function fromModeBits(
  facts: HostFacts,
  user: string,
  stat: FileStat | undefined,
  ownerBit: number,
  groupBit: number,
  otherBit: number,
): AccessAnswer | undefined {
  const entry = facts.passwd.get(user);
  if (!stat?.exists || stat.mode === undefined || !entry) return undefined;
  const how = 'owner/group/mode bits (ACLs not evaluated)';
  if (entry.uid === 0) return { allowed: true, how };
  const mode = parseInt(stat.mode, 8);
  if (stat.uid === entry.uid || (stat.uid === undefined && stat.owner === user)) {
    return { allowed: (mode & ownerBit) !== 0, how };
  }
  if (groupsOf(facts, user).includes(stat.gid ?? -1)) return { allowed: (mode & groupBit) !== 0, how };
  return { allowed: (mode & otherBit) !== 0, how };
}

/** Primary and supplementary gids of a user. */
export function groupsOf(facts: HostFacts, user: string): number[] {
  const listed = facts.userGroups.get(user);
  if (listed) return listed;
  const primary = facts.passwd.get(user)?.gid;
  const members = [...facts.groups.values()].filter((g) => g.members.includes(user)).map((g) => g.gid);
  return primary === undefined ? members : [primary, ...members];
}
