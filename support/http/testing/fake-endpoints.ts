// Fake https()/tunnel() clients that answer from a table after a turn of the event loop, and count what was asked
// and how many requests were in flight at once (through nginx, per daemon port, on all daemon ports).
import { setImmediate as turn } from 'node:timers/promises';
import type { HttpClient, HttpRequestOptions, HttpResponse } from '../client.ts';
import { EndpointUnreachable } from '../errors.ts';
import type { HttpEndpoints } from '../probe.ts';

export interface FakeEndpoints extends HttpEndpoints {
  /** "web GET /api/confd/1.1/infos", "9486 GET /1.1/api/api.yml", in the order asked. */
  readonly asked: string[];
  readonly peak: { web: number; daemons: number; daemonPort: number };
}

/** answer(where, path): [status, body], or undefined for "nothing answers" (EndpointUnreachable). */
export function fakeEndpoints(
  answer: (where: 'web' | number, path: string) => [number, string] | undefined,
  turns = 1,
): FakeEndpoints {
  const asked: string[] = [];
  const peak = { web: 0, daemons: 0, daemonPort: 0 };
  const now = { web: 0, daemons: 0, ports: new Map<number, number>() };
  const client = (where: 'web' | number, origin: string): HttpClient => ({
    requestCount: 0,
    async request(path: string, options: HttpRequestOptions = {}): Promise<HttpResponse> {
      asked.push(`${where} ${options.method ?? 'GET'} ${path}`);
      const step = (by: number) => {
        if (where === 'web') peak.web = Math.max(peak.web, (now.web += by));
        else {
          peak.daemons = Math.max(peak.daemons, (now.daemons += by));
          const onPort = (now.ports.get(where) ?? 0) + by;
          now.ports.set(where, onPort);
          peak.daemonPort = Math.max(peak.daemonPort, onPort);
        }
      };
      step(1);
      try {
        for (let i = 0; i < turns; i += 1) await turn();
        const found = answer(where, path);
        if (found === undefined) throw new EndpointUnreachable(`GET ${origin}${path}: nothing answers`);
        return { url: `${origin}${path}`, status: found[0], headers: {}, body: found[1] };
      } finally {
        step(-1);
      }
    },
    close: async () => undefined,
  });
  const web = client('web', 'https://wazo-1:443');
  const ports = new Map<number, HttpClient>();
  return {
    asked,
    peak,
    https: async () => web,
    tunnel: async (port) => {
      if (!ports.has(port)) ports.set(port, client(port, `http://127.0.0.1:${port}`));
      return ports.get(port) as HttpClient;
    },
  };
}
