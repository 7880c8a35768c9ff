// An SshConfig for transport tests: loopback, short timeouts, overridable per test.
import type { SshConfig } from '../../config/types.ts';

export function testSshConfig(overrides: Partial<SshConfig>): SshConfig {
  return {
    port: 22,
    user: 'root',
    useAgent: false,
    knownHostsFile: '/nonexistent/known_hosts',
    acceptNewHostKey: false,
    sudo: false,
    maxChannels: 8,
    connectTimeoutMs: 3000,
    commandTimeoutMs: 5000,
    keepaliveIntervalMs: 1000,
    transport: 'ssh2',
    ...overrides,
  };
}
