// Parses an nginx locations file: each `location [modifier] prefix { ... }` and the proxy_pass inside it.
import { RemoteCommandFailed } from '../../errors.ts';
import type { NginxLocation } from '../types.ts';

const MODIFIERS = new Set(['=', '~', '~*', '^~']);

/** nginx tokens: words (quotes removed), and the punctuation ';', '{', '}'; '#' starts a comment. */
export function nginxTokens(text: string): string[] {
  const tokens: string[] = [];
  const re = /#[^\n]*|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([;{}])|([^\s;{}"'#]+)/g;
  for (const m of text.matchAll(re)) {
    if (m[0].startsWith('#')) continue;
    tokens.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
  }
  return tokens;
}

/** One directive: its words up to ';' or '{'. */
function readDirective(tokens: string[], start: number): { words: string[]; end: number } {
  const words: string[] = [];
  let i = start;
  while (i < tokens.length && tokens[i] !== ';' && tokens[i] !== '{' && tokens[i] !== '}') {
    words.push(tokens[i] ?? '');
    i += 1;
  }
  return { words, end: i };
}

function locationOf(file: string, words: string[]): NginxLocation {
  const [, first = '', second] = words;
  if (MODIFIERS.has(first) && second !== undefined)
    return { file, enabled: false, modifier: first, prefix: second };
  return { file, enabled: false, prefix: first };
}

export function parseNginxLocations(file: string, text: string): NginxLocation[] {
  const tokens = nginxTokens(text);
  const found: NginxLocation[] = [];
  const stack: (NginxLocation | undefined)[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (tokens[i] === '}') {
      if (stack.length === 0) throw new RemoteCommandFailed(`nginx ${file}: unbalanced '}'`);
      stack.pop();
      i += 1;
      continue;
    }
    const { words, end } = readDirective(tokens, i);
    const isBlock = tokens[end] === '{';
    if (isBlock) {
      const location = words[0] === 'location' ? locationOf(file, words) : undefined;
      if (location) found.push(location);
      stack.push(location);
    } else if (words[0] === 'proxy_pass' && words[1] !== undefined) {
      const inner = stack.at(-1);
      if (inner && inner.proxyPass === undefined) inner.proxyPass = words[1];
    }
    i = end + 1;
  }
  if (stack.length > 0) throw new RemoteCommandFailed(`nginx ${file}: ${stack.length} block(s) not closed`);
  return found;
}
