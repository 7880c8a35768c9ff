// The run's HTTP outcomes for NSC-18/19: each request made once, a few at a time per origin, its answer or failure kept.
import { Limiter } from './limiter.ts';
import { fetchOutcome, type Fetched, type HttpEndpoints, type HttpFetcher } from './probe.ts';

/** Never above the clients' pool connections (client.ts: 4 to nginx, 2 per daemon port): undici would queue the rest. */
export interface InFlightLimits {
  /** Through nginx: few, so nginx's no-auth rate limit (25 r/s, burst 15) never refuses one. */
  web: number;
  /** On one daemon's port. */
  daemonPort: number;
  /** On all daemon ports together: each is an SSH channel, beside the fact snapshot's (sshd's MaxSessions is 10). */
  daemons: number;
}

export const IN_FLIGHT: InFlightLimits = { web: 4, daemonPort: 2, daemons: 4 };

/**
 * One promise per request (method, path, through nginx or on a daemon's port) for the whole run: the first asker
 * starts it, every later one reads the same outcome. A failure is kept as the outcome too - the checks judge it as
 * they judge an answer, so a request that failed once is neither retried per scenario nor turned into a pass.
 */
export class HttpOutcomes implements HttpFetcher {
  readonly #endpoints: HttpEndpoints;
  readonly #outcomes = new Map<string, Promise<Fetched>>();
  readonly #web: Limiter;
  readonly #daemons: Limiter;
  readonly #daemonPorts = new Map<number, Limiter>();
  readonly #limits: InFlightLimits;

  constructor(endpoints: HttpEndpoints, limits: InFlightLimits = IN_FLIGHT) {
    this.#endpoints = endpoints;
    this.#limits = limits;
    this.#web = new Limiter(limits.web);
    this.#daemons = new Limiter(limits.daemons);
  }

  /** How many distinct requests were asked for. */
  get size(): number {
    return this.#outcomes.size;
  }

  web(path: string, method = 'GET'): Promise<Fetched> {
    return this.#once(`web ${method} ${path}`, () =>
      this.#web.run(() => fetchOutcome(() => this.#endpoints.https(), path, method)),
    );
  }

  daemon(port: number, path: string): Promise<Fetched> {
    const url = `http://127.0.0.1:${port}${path}`;
    const onPort = this.#daemonPort(port);
    // Per port first: a request waiting for its port holds no slot another port could use.
    return this.#once(`daemon GET ${url}`, () =>
      onPort.run(() =>
        this.#daemons.run(() => fetchOutcome(() => this.#endpoints.tunnel(port), path, 'GET', url)),
      ),
    );
  }

  #daemonPort(port: number): Limiter {
    let limiter = this.#daemonPorts.get(port);
    if (limiter === undefined) this.#daemonPorts.set(port, (limiter = new Limiter(this.#limits.daemonPort)));
    return limiter;
  }

  #once(key: string, start: () => Promise<Fetched>): Promise<Fetched> {
    let outcome = this.#outcomes.get(key);
    if (outcome === undefined) this.#outcomes.set(key, (outcome = start()));
    return outcome;
  }
}
