// Evidence lines for HTTP outcomes: status line, a few headers, the first bytes of the body (we never send a token).
import type { Fetched } from './probe.ts';

const BODY_BYTES = 120;
const HEADERS = ['content-type', 'content-length', 'location'];

/** Statuses that mean the API did not answer: no route (404) or nginx could not reach the daemon (502/503/504). */
export const NOT_ANSWERING: ReadonlySet<number> = new Set([404, 502, 503, 504]);

export function fetchedLine(fetched: Fetched): string {
  const took = fetched.ms === undefined ? '' : ` (${fetched.ms} ms)`;
  if ('error' in fetched)
    return `${fetched.method} ${fetched.url} -> ${fetched.error.code}: ${fetched.error.message}${took}`;
  const { status, headers, body } = fetched.response;
  const shown = HEADERS.filter((h) => headers[h] !== undefined).map((h) => `${h}=${headers[h]}`);
  const excerpt = JSON.stringify(body.slice(0, BODY_BYTES)) + (body.length > BODY_BYTES ? '...' : '');
  return `${fetched.method} ${fetched.url} -> ${status}${took} ${[...shown, `body=${excerpt}`].join(' ')}`;
}

/** "a, b, c and 4 more" */
export function someOf(items: readonly string[], shown = 3): string {
  if (items.length <= shown) return items.join(', ');
  return `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`;
}
