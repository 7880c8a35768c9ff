// Consul's HTTP API on the target, asked with the `consul` npm package through the run's SSH connection.
// The package speaks node:http; its agent (channel-agent.ts) opens SSH forwarded channels instead of TCP sockets.
import Consul from 'consul';
import type { RunnerConfig } from '../config/types.ts';
import { AuthFailed, ConfigError, HostUnreachable, RemoteCommandFailed, WlaError } from '../errors.ts';
import { EndpointUnreachable } from '../http/errors.ts';
import type { RemoteHost } from '../ssh/transport.ts';
import { ChannelAgent, TunnelFailure } from './channel-agent.ts';
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

/** What papi (the package's HTTP layer) rejects with: its own flags, the answer when there was one. */
interface PapiError {
  isResponse?: boolean;
  isCodec?: boolean;
  isTimeout?: boolean;
  response?: { statusCode?: number; body?: unknown };
}

function textOf(body: unknown): string {
  if (body === undefined) return '';
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  return JSON.stringify(body);
}

/** papi prefixes the errors it passes on with "consul: <call name>: ". */
function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/^consul: [\w.]+: /, '');
}

type ConsulOptions = NonNullable<ConstructorParameters<typeof Consul>[0]>;

class TunnelledConsul implements ConsulClient {
  readonly #consul: Consul;
  readonly #agent: ChannelAgent;
  readonly #token: ConsulToken;
  readonly #where: string;
  readonly #timeoutMs: number;

  constructor(
    agent: ChannelAgent,
    address: ConsulAddress,
    token: ConsulToken,
    where: string,
    timeoutMs: number,
  ) {
    // papi's documented `timeout` bounds each request whole (channel, answer, body); the typings omit it.
    const options: ConsulOptions & { timeout: number } = {
      host: hostForUrl(address.host),
      port: address.port,
      agent,
      timeout: timeoutMs,
      ...(token.value ? { defaults: { token: token.value } } : {}),
    };
    this.#consul = new Consul(options);
    this.#agent = agent;
    this.#token = token;
    this.#where = where;
    this.#timeoutMs = timeoutMs;
  }

  get tokenSource(): string {
    return this.#token.source;
  }

  async healthyServices(name: string): Promise<ConsulServiceHealth[]> {
    const path = `/v1/health/service/${encodeURIComponent(name)}?passing=true`;
    return parseHealth(
      await this.#ask(path, () => this.#consul.health.service({ service: name, passing: true })),
    );
  }

  async allInstances(name: string): Promise<ConsulServiceHealth[]> {
    const path = `/v1/health/service/${encodeURIComponent(name)}`;
    return parseHealth(await this.#ask(path, () => this.#consul.health.service({ service: name })));
  }

  async serviceNames(): Promise<string[]> {
    return parseServiceNames(
      await this.#ask('/v1/catalog/services', () => this.#consul.catalog.service.list()),
    );
  }

  async close(): Promise<void> {
    this.#agent.close();
  }

  /** path: what the package asks for, for messages. */
  async #ask(path: string, call: () => Promise<unknown>): Promise<unknown> {
    let body: unknown;
    try {
      body = await call();
    } catch (err) {
      throw this.#failure(path, err);
    }
    if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body))
      return this.#json(path, body);
    return body;
  }

  /** An answer papi did not decode (no JSON content type, or empty). */
  #json(path: string, body: unknown): unknown {
    try {
      return JSON.parse(textOf(body));
    } catch (err) {
      throw this.#notJson(path, err);
    }
  }

  #notJson(path: string, err: unknown): RemoteCommandFailed {
    // The parser's message quotes the body: redacted, and without the original error.
    return new RemoteCommandFailed(
      `Consul at ${this.#where} answered GET ${path} with a body that is not JSON`,
      {
        cause: new Error(redact(reasonOf(err), this.#token)),
      },
    );
  }

  #failure(path: string, err: unknown): WlaError {
    if (err instanceof TunnelFailure) {
      if (!(err.failure instanceof EndpointUnreachable)) return err.failure;
      return new EndpointUnreachable(`Consul is not reachable at ${this.#where}`, { cause: err.failure });
    }
    const papi = (err ?? {}) as PapiError;
    if (papi.isResponse === true)
      return this.#refusal(path, papi.response?.statusCode ?? 0, papi.response?.body);
    if (papi.isCodec === true) return this.#notJson(path, err);
    if (papi.isTimeout === true) {
      return new EndpointUnreachable(
        `Consul is not reachable at ${this.#where}: no answer to GET ${path} within ${this.#timeoutMs}ms`,
      );
    }
    // e.g. "socket hang up": the connection (SSH or Consul's) closed before the answer.
    const reason = redact(reasonOf(err), this.#token);
    return new HostUnreachable(`Consul at ${this.#where} did not answer GET ${path}: ${reason}`, {
      cause: new Error(reason),
    });
  }

  #refusal(path: string, status: number, body: unknown): WlaError {
    const text = redact(textOf(body), this.#token);
    if (status === 403 || status === 401) {
      const what = this.#token.value
        ? `the token (from ${this.#token.source})`
        : `a request without a token (${this.#token.source})`;
      return new AuthFailed(`Consul refused ${what}: ${status} ${text.trim().slice(0, 120)}`);
    }
    return new RemoteCommandFailed(
      `Consul at ${this.#where} answered ${status} to GET ${path}: ${text.slice(0, 200)}`,
    );
  }
}

/** IPv6 literals need brackets in a URL. */
function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
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
  const where = `${hostForUrl(host)}:${port} on ${config.host}`;
  return new TunnelledConsul(
    new ChannelAgent(remote, host, port, timeoutMs),
    { host, port },
    token,
    where,
    timeoutMs,
  );
}
