// Shared by NSC-04 and NSC-05: "this user can write these paths", with one mismatch line per path.
import type { HostFacts } from '../facts/types.ts';
import { canWrite } from './access.ts';
import { ownership, statLine } from './evidence.ts';

export interface PathVerdict {
  evidence: string[];
  mismatches: string[];
}

/** `label` names the path's role in messages, e.g. "log file". Absent paths are mismatches unless `mayBeAbsent`. */
export function writablePath(
  facts: HostFacts,
  user: string,
  path: string,
  label: string,
  mayBeAbsent = false,
): PathVerdict {
  const stat = facts.files.get(path);
  const evidence = [statLine(stat, path)];
  if (!stat?.exists) {
    return { evidence, mismatches: mayBeAbsent ? [] : [`${label} ${path}: expected present, found absent`] };
  }
  const answer = canWrite(facts, user, path);
  if (answer) evidence.push(`write ${path} as ${user}: ${answer.allowed ? 'yes' : 'no'} (${answer.how})`);
  if (answer?.allowed) return { evidence, mismatches: [] };
  const found = answer ? ownership(stat) : `${ownership(stat)} (could not evaluate)`;
  return { evidence, mismatches: [`${label} ${path}: expected writable by ${user}, found ${found}`] };
}
