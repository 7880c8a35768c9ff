// Pure parsers of Consul's JSON answers (/v1/health/service/<name>, /v1/catalog/services).
import { RemoteCommandFailed } from '../errors.ts';
import type { ConsulServiceHealth } from './client.ts';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function entryOf(raw: unknown): ConsulServiceHealth {
  const entry = isObject(raw) ? raw : {};
  const service = isObject(entry.Service) ? entry.Service : {};
  const node = isObject(entry.Node) ? entry.Node : {};
  const checks: Record<string, string> = {};
  for (const check of Array.isArray(entry.Checks) ? entry.Checks : []) {
    if (isObject(check)) checks[str(check.CheckID) || str(check.Name)] = str(check.Status);
  }
  return {
    serviceId: str(service.ID),
    serviceName: str(service.Service),
    address: str(service.Address) || str(node.Address),
    port: typeof service.Port === 'number' ? service.Port : 0,
    tags: Array.isArray(service.Tags) ? service.Tags.map(str) : [],
    checks,
  };
}

export function parseHealth(body: unknown): ConsulServiceHealth[] {
  if (!Array.isArray(body)) throw new RemoteCommandFailed('Consul health answer is not a JSON array');
  return body.map(entryOf);
}

export function parseServiceNames(body: unknown): string[] {
  if (!isObject(body)) throw new RemoteCommandFailed('Consul catalog answer is not a JSON object');
  return Object.keys(body).sort();
}
