// Whether a user may write or read a path: the as-the-user test when the snapshot ran one, else the mode bits.
import { MODE_BITS_HOW, modeBitsAllow } from '../facts/mode-bits.ts';
import type { HostFacts } from '../facts/types.ts';
import { writableKey } from '../facts/types.ts';

export interface AccessAnswer {
  allowed: boolean;
  /** How it was decided, for evidence. */
  how: string;
}

/** undefined when neither a write test nor the facts for the mode bits exist. */
export function canWrite(facts: HostFacts, user: string, path: string): AccessAnswer | undefined {
  const tested = facts.writable.get(writableKey(user, path));
  // In mode-bits snapshots the writable map holds modeBitsAllow's own answers, so the evidence says so.
  if (tested !== undefined && facts.writeMethod !== 'mode-bits')
    return { allowed: tested, how: `test -w as ${user} (${facts.writeMethod})` };
  return fromModeBits(modeBitsAllow(facts, user, path, 'write'));
}

export function canRead(facts: HostFacts, user: string, path: string): AccessAnswer | undefined {
  return fromModeBits(modeBitsAllow(facts, user, path, 'read'));
}

function fromModeBits(allowed: boolean | undefined): AccessAnswer | undefined {
  return allowed === undefined ? undefined : { allowed, how: MODE_BITS_HOW };
}
