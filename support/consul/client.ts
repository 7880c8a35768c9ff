// Consul's HTTP API on the target, reached through the SSH tunnel (stub).
import type { RunnerConfig } from '../config.ts';
import type { RemoteHost } from '../ssh/transport.ts';

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
  /** Names of every registered service. */
  serviceNames(): Promise<string[]>;
  close(): Promise<void>;
}

/** Token from the env var named in config.consul.tokenEnv, else read from config.consul.tokenFile over SSH. */
export async function createConsulClient(_config: RunnerConfig, _remote: RemoteHost): Promise<ConsulClient> {
  throw new Error('createConsulClient: not implemented yet');
}
