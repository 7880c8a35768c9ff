// Test-only: a complete RunnerConfig with overridable HTTPS and Consul parts.
import type { ConsulConfig, HttpsConfig, RunnerConfig } from '../../config/types.ts';

export function testConfig(
  https: Partial<HttpsConfig> = {},
  consul: Partial<ConsulConfig> = {},
): RunnerConfig {
  return {
    host: '127.0.0.1',
    ssh: {
      port: 22,
      user: 'root',
      useAgent: false,
      knownHostsFile: '/dev/null',
      acceptNewHostKey: false,
      sudo: false,
      maxChannels: 8,
      connectTimeoutMs: 2000,
      commandTimeoutMs: 2000,
      keepaliveIntervalMs: 0,
      transport: 'ssh2',
    },
    https: { route: 'direct', port: 443, pinFromHost: false, insecure: false, timeoutMs: 2000, ...https },
    consul: {
      address: '127.0.0.1:8500',
      tokenFile: '/var/lib/consul/master_token',
      enabled: 'auto',
      ...consul,
    },
    catalogFile: 'fixtures/services.yml',
    services: [],
    allowDestructive: false,
  };
}
