// Cucumber's parallel rule: a @destructive scenario runs alone - nothing starts beside it, it starts beside nothing.
export const DESTRUCTIVE_TAG = '@destructive';

interface TaggedPickle {
  tags: readonly { name: string }[];
}

export function isDestructive(pickle: TaggedPickle): boolean {
  return pickle.tags.some((tag) => tag.name === DESTRUCTIVE_TAG);
}

export function serializeDestructive(candidate: TaggedPickle, running: readonly TaggedPickle[]): boolean {
  if (isDestructive(candidate)) return running.length === 0;
  return !running.some(isDestructive);
}
