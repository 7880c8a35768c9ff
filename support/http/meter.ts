// Counts a run's HTTP requests as round trips: how many were in flight at once, and how many had to wait for another.
import type { HttpClient, HttpRequestOptions, HttpResponse } from './client.ts';

export interface HttpTraffic {
  /** Requests sent through the metered clients. */
  requests: number;
  /** The most requests in flight at once. */
  peakInFlight: number;
  /**
   * The longest chain of requests each sent after the one before it answered: what a far host multiplies by its
   * round-trip time (62 requests one after the other: 62; the same 4 at a time: 16).
   */
  rounds: number;
}

export class HttpMeter {
  #requests = 0;
  #inFlight = 0;
  #peak = 0;
  /** The deepest round among the requests that have answered: a request sent now is one round deeper. */
  #answered = 0;
  #rounds = 0;

  get traffic(): HttpTraffic {
    return { requests: this.#requests, peakInFlight: this.#peak, rounds: this.#rounds };
  }

  /** The same client, its requests counted here; close() and requestCount pass through. */
  wrap(client: HttpClient): HttpClient {
    const request = async (path: string, options?: HttpRequestOptions): Promise<HttpResponse> => {
      const round = this.#answered + 1;
      this.#requests += 1;
      this.#inFlight += 1;
      this.#peak = Math.max(this.#peak, this.#inFlight);
      this.#rounds = Math.max(this.#rounds, round);
      try {
        return await client.request(path, options);
      } finally {
        this.#inFlight -= 1;
        this.#answered = Math.max(this.#answered, round);
      }
    };
    return {
      request,
      get requestCount() {
        return client.requestCount;
      },
      close: () => client.close(),
    };
  }
}
