// Parses an nginx locations file as nginx reads it (its configuration tokenizer, ngx_conf_read_token): each
// `location [modifier] uri { ... }` with the proxy_pass and includes inside it; a file nginx would refuse is refused
// naming the file and line, as `nginx -t` would.
import { RemoteCommandFailed } from '../../errors.ts';
import type { NginxLocation } from '../types.ts';

export const LOCATIONS_DIR = '/etc/nginx/locations/https-available';

const MODIFIERS = new Set(['=', '~', '~*', '^~']);
const SPACE = new Set([' ', '\t', '\r', '\n']);

/** One directive: its words, and what ended it (`;`, a block's `{`, a block's `}` or the end of the file). */
interface Directive {
  words: string[];
  ending: ';' | '{' | '}' | 'eof';
  /** Line of the first word, or of the ending when there is no word. */
  line: number;
}

/** `\"`, `\'`, `\\`, `\t`, `\r`, `\n` are unescaped; any other backslash stays, as in nginx. */
function unescape(raw: string): string {
  const escapes: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', t: '\t', r: '\r', n: '\n' };
  return raw.replace(/\\(["'\\trn])/g, (_, c: string) => escapes[c] ?? c);
}

class Lexer {
  readonly text: string;
  readonly where: string;
  private i = 0;
  line = 1;

  constructor(text: string, where: string) {
    this.text = text;
    this.where = where;
  }

  fail(what: string, line = this.line): never {
    throw new RemoteCommandFailed(`nginx: ${what} in ${this.where}:${line}`);
  }

  next(): Directive {
    const words: string[] = [];
    let line = this.line;
    for (;;) {
      this.skipSpace();
      const ch = this.text[this.i];
      if (ch === undefined) return { words, ending: 'eof', line: words.length > 0 ? line : this.line };
      if (words.length === 0) line = this.line;
      if (ch === '#') {
        while (this.i < this.text.length && this.text[this.i] !== '\n') this.i += 1;
      } else if (ch === ';' || ch === '{') {
        if (words.length === 0) this.fail(`unexpected "${ch}"`);
        this.i += 1;
        return { words, ending: ch, line };
      } else if (ch === '}') {
        if (words.length > 0) this.fail('unexpected "}"');
        this.i += 1;
        return { words, ending: '}', line };
      } else {
        words.push(ch === '"' || ch === "'" ? this.quoted(ch) : this.bare());
      }
    }
  }

  private skipSpace(): void {
    for (let ch = this.text[this.i]; ch !== undefined && SPACE.has(ch); ch = this.text[this.i]) {
      if (ch === '\n') this.line += 1;
      this.i += 1;
    }
  }

  /** A backslash keeps the next character in the word, whatever it is. */
  private escaped(): string {
    const pair = this.text.slice(this.i, this.i + 2);
    if (pair[1] === '\n') this.line += 1;
    this.i += 2;
    return pair;
  }

  /** A word up to a space, `;` or `{`; `}` and `#` inside it are its own, and `${` opens a variable, not a block. */
  private bare(): string {
    let raw = '';
    let variable = false;
    for (let ch = this.text[this.i]; ch !== undefined; ch = this.text[this.i]) {
      if (ch === '{' && variable) {
        raw += ch;
        this.i += 1;
        continue;
      }
      variable = ch === '$';
      if (ch === '\\') {
        raw += this.escaped();
        continue;
      }
      if (SPACE.has(ch) || ch === ';' || ch === '{') break;
      raw += ch;
      this.i += 1;
    }
    return unescape(raw);
  }

  /** A quoted word; nginx wants a space, `;`, `{` or `)` right after the closing quote. */
  private quoted(quote: string): string {
    const opened = this.line;
    this.i += 1;
    let raw = '';
    for (;;) {
      const ch = this.text[this.i];
      if (ch === undefined) this.fail(`unexpected end of file in the ${quote} string opened`, opened);
      if (ch === '\\') {
        raw += this.escaped();
        continue;
      }
      this.i += 1;
      if (ch === quote) break;
      if (ch === '\n') this.line += 1;
      raw += ch;
    }
    const after = this.text[this.i];
    if (after !== undefined && !SPACE.has(after) && after !== ';' && after !== '{' && after !== ')') {
      this.fail(`unexpected "${after}"`);
    }
    return unescape(raw);
  }
}

/** `location [=|~|~*|^~] uri` or `location =uri`, `~regex`, `~*regex`, `@name`, as ngx_http_core_location reads it. */
function locationOf(file: string, words: readonly string[], lexer: Lexer, line: number): NginxLocation {
  if (words.length === 3) {
    const [, modifier = '', prefix = ''] = words;
    if (!MODIFIERS.has(modifier)) lexer.fail(`invalid location modifier "${modifier}"`, line);
    return { file, enabled: false, modifier, prefix };
  }
  if (words.length !== 2) lexer.fail('invalid number of arguments in "location" directive', line);
  const uri = words[1] ?? '';
  for (const modifier of ['=', '~*', '~']) {
    if (uri.startsWith(modifier) && uri.length > modifier.length) {
      return { file, enabled: false, modifier, prefix: uri.slice(modifier.length) };
    }
  }
  return { file, enabled: false, prefix: uri };
}

/** The locations of one file under LOCATIONS_DIR; throws, naming the file and line, on what nginx would refuse. */
export function parseNginxLocations(file: string, text: string): NginxLocation[] {
  const lexer = new Lexer(text, `${LOCATIONS_DIR}/${file}`);
  const found: NginxLocation[] = [];
  const open: { location: NginxLocation | undefined; line: number }[] = [];
  for (;;) {
    const { words, ending, line } = lexer.next();
    if (ending === 'eof') {
      if (words.length > 0) lexer.fail('unexpected end of file, expecting ";" or "}"');
      const unclosed = open.at(-1);
      if (unclosed)
        lexer.fail(`unexpected end of file, expecting "}" for the block of line ${unclosed.line}`);
      return found;
    }
    if (ending === '}') {
      if (open.pop() === undefined) lexer.fail('unexpected "}"', line);
      continue;
    }
    if (ending === '{') {
      const location = words[0] === 'location' ? locationOf(file, words, lexer, line) : undefined;
      if (location) found.push(location);
      open.push({ location, line });
      continue;
    }
    // Directives of the innermost block only: a proxy_pass inside an `if` is conditional, not the location's.
    const inner = open.at(-1)?.location;
    const [name, value] = words;
    if (inner === undefined || value === undefined) continue;
    if (name === 'proxy_pass' && inner.proxyPass === undefined) inner.proxyPass = value;
    if (name === 'include') inner.includes = [...(inner.includes ?? []), value];
  }
}
