// The one quoting function every remote command goes through: argv in, a POSIX shell command line out.

/** Words that need no quoting; `=` and `~` are left out because a shell gives them meaning. */
const SAFE_WORD = /^[A-Za-z0-9_@%+:,./-]+$/;

/**
 * Quotes argv so that a POSIX shell (`sh -c`, the remote login shell) passes each element to the
 * command byte for byte. Single quotes disable every expansion; an embedded quote becomes '\''.
 */
export function shellQuote(argv: readonly string[]): string {
  if (argv.length === 0)
    throw new RangeError('shellQuote: expected at least one argument, got an empty argv');
  return argv.map(quoteWord).join(' ');
}

function quoteWord(word: string, index: number): string {
  if (word.includes('\0')) {
    throw new RangeError(
      `shellQuote: argument ${index} contains a NUL byte, which no shell command can carry`,
    );
  }
  if (SAFE_WORD.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
