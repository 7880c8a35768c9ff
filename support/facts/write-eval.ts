// Decides "can this user write this path" from owner/group/mode bits, when the snapshot could not ask as the user.
import type { FileStat, PasswdEntry } from './types.ts';

/**
 * Mode bits only: ACLs, read-only mounts and the search bits of parent directories are not seen.
 * Undefined when a needed fact is missing.
 */
export function modeBitsWritable(
  user: PasswdEntry | undefined,
  gids: readonly number[] | undefined,
  stat: FileStat | undefined,
): boolean | undefined {
  if (!stat || !user) return undefined;
  if (!stat.exists) return false;
  if (user.uid === 0) return true;
  const mode = parseInt(stat.mode ?? '', 8);
  if (Number.isNaN(mode) || stat.uid === undefined || stat.gid === undefined) return undefined;
  if (stat.uid === user.uid) return (mode & 0o200) !== 0;
  const groups = new Set([user.gid, ...(gids ?? [])]);
  if (groups.has(stat.gid)) return (mode & 0o020) !== 0;
  return (mode & 0o002) !== 0;
}
