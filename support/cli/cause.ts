// Error messages with their causes: cucumber wraps the useful part (e.g. a tag expression's syntax) in causes.

/** "outer: inner: innermost", at most five deep. */
export function causeChain(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error; current !== undefined && parts.length < 5;) {
    parts.push(describe(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(': ');
}

function describe(value: unknown): string {
  if (value instanceof Error) return value.message;
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'unknown error');
}
