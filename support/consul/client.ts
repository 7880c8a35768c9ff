// Consul's HTTP API on the target, reached through the SSH tunnel.
// Not the `consul` npm package: it speaks node:http through papi, so the tunnel would need a second
// transport (an http.Agent with an async createConnection) with its own timeouts and error mapping,
// while two GET endpoints over the runner's undici tunnel client share one of each.
import type { RunnerConfig } from '../config/types.ts';
import { AuthFailed, ConfigError, RemoteCommandFailed, WlaError } from '../errors.ts';
import { createForwardedClient, type HttpClient, type HttpResponse } from '../http/client.ts';
import { EndpointUnreachable } from '../http/errors.ts';
import type { RemoteHost } from '../ssh/transport.ts';
import { parseHealth, parseServiceNames } from './parse.ts';
import { resolveConsulToken, type ConsulToken } from './token.ts';

export interface ConsulServiceHealth {
  serviceId: string;
  serviceName: string;
  address: string;
  port: number;
  tags: string[];
  /** Check name -> status (passing, warning, critical). */
  checks: Record<string, string>;
}

export interface ConsulClient {
  /** Instances of a service whose checks all pass. */
  healthyServices(name: string): Promise<ConsulServiceHealth[]>;
  /** Every registered instance of a service, whatever its checks say. */
  allInstances(name: string): Promise<ConsulServiceHealth[]>;
  /** Names of every registered service. */
  serviceNames(): Promise<string[]>;
  /** Where the token came from, for evidence (never the token). */
  readonly tokenSource: string;
  close(): Promise<void>;
}

export interface ConsulAddress {
  host: string;
  port: number;
}

/** "127.0.0.1:8500", "[::1]:8500" or "consul.local" (port 8500). */
export function parseConsulAddress(address: string): ConsulAddress {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/.exec(address.trim());
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3] ?? 8500);
  if (host === undefined || port < 1 || port > 65535) {
    throw new ConfigError(`consul.address: "${address}" is not allowed: host:port, e.g. 127.0.0.1:8500`);
  }
  return { host, port };
}

function redact(text: string, token: ConsulToken): string {
  return token.value ? text.split(token.value).join('<redacted>') : text;
}

class TunnelledConsul implements ConsulClient {
  readonly #http: HttpClient;
  readonly #token: ConsulToken;
  readonly #where: string;

  constructor(http: HttpClient, token: ConsulToken, where: string) {
    this.#http = http;
    this.#token = token;
    this.#where = where;
  }

  get tokenSource(): string {
    return this.#token.source;
  }

  async healthyServices(name: string): Promise<ConsulServiceHealth[]> {
    return parseHealth(await this.#get(`/v1/health/service/${encodeURIComponent(name)}?passing=true`));
  }

  async allInstances(name: string): Promise<ConsulServiceHealth[]> {
    return parseHealth(await this.#get(`/v1/health/service/${encodeURIComponent(name)}`));
  }

  async serviceNames(): Promise<string[]> {
    return parseServiceNames(await this.#get('/v1/catalog/services'));
  }

  close(): Promise<void> {
    return this.#http.close();
  }

  async #get(path: string): Promise<unknown> {
    const headers: Record<string, string> = this.#token.value ? { 'X-Consul-Token': this.#token.value } : {};
    let response: HttpResponse;
    try {
      response = await this.#http.request(path, { headers });
    } catch (err) {
      if (err instanceof EndpointUnreachable) {
        throw new EndpointUnreachable(`Consul is not reachable at ${this.#where}`, { cause: err });
      }
      throw err;
    }
    return this.#json(path, response);
  }

  #json(path: string, response: HttpResponse): unknown {
    if (response.status === 403 || response.status === 401) {
      const reason = redact(response.body.trim().slice(0, 120), this.#token);
      const what = this.#token.value
        ? `the token (from ${this.#token.source})`
        : `a request without a token (${this.#token.source})`;
      throw new AuthFailed(`Consul refused ${what}: ${response.status} ${reason}`);
    }
    if (response.status !== 200) {
      const excerpt = redact(response.body.slice(0, 200), this.#token);
      throw new RemoteCommandFailed(
        `Consul at ${this.#where} answered ${response.status} to GET ${path}: ${excerpt}`,
      );
    }
    try {
      return JSON.parse(response.body);
    } catch (err) {
      throw new RemoteCommandFailed(
        `Consul at ${this.#where} answered GET ${path} with a body that is not JSON`,
        {
          cause: err,
        },
      );
    }
  }
}

/** Token from the env var named in config.consul.tokenEnv, else read from config.consul.tokenFile over SSH. */
export async function createConsulClient(
  config: RunnerConfig,
  remote: RemoteHost,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ConsulClient> {
  const { host, port } = parseConsulAddress(config.consul.address);
  const timeoutMs = config.https.timeoutMs;
  let token: ConsulToken;
  try {
    token = await resolveConsulToken(config.consul, env, remote, timeoutMs);
  } catch (err) {
    if (err instanceof WlaError) throw err;
    throw new RemoteCommandFailed(`cannot read the Consul token file ${config.consul.tokenFile}`, {
      cause: err,
    });
  }
  const where = `${host.includes(':') ? `[${host}]` : host}:${port} on ${config.host}`;
  return new TunnelledConsul(createForwardedClient(remote, host, port, timeoutMs), token, where);
}
