// The runner configs and known_hosts a lab writes, byte for byte.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderKnownHosts, renderRunnerConfig } from './lab-files.ts';

const ports = { ssh: 40022, http: 40080, https: 40443 };
const HEADER =
  '# Written by the lab driver (support/lab) for the lab on these ports; rewritten on each start.\n';

void test('the root config names the key, known_hosts and CA beside it, and lets the runner ask about Consul', () => {
  assert.equal(
    renderRunnerConfig(ports, 'root'),
    HEADER +
      'host: 127.0.0.1\nssh:\n  port: 40022\n  user: root\n  keyFile: id_ed25519\n  knownHostsFile: known_hosts\n' +
      'https:\n  port: 40443\n  caFile: ca.crt\nconsul:\n  enabled: auto\n',
  );
});

void test('the qa configs use sudo', () => {
  assert.match(renderRunnerConfig(ports, 'qa'), /\n {2}user: qa\n(.*\n)* {2}sudo: true\n/);
  assert.match(renderRunnerConfig(ports, 'qa-pw'), /\n {2}user: qa-pw\n(.*\n)* {2}sudo: true\n/);
  assert.doesNotMatch(renderRunnerConfig(ports, 'root'), /sudo/);
});

void test('known_hosts pins each host key to [127.0.0.1]:port without its comment', () => {
  const keys =
    'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE1oY0Ye root@wazo-lab\necdsa-sha2-nistp256 AAAAE2VjZHNh=\n\n';
  assert.equal(
    renderKnownHosts(40022, keys),
    '[127.0.0.1]:40022 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE1oY0Ye\n' +
      '[127.0.0.1]:40022 ecdsa-sha2-nistp256 AAAAE2VjZHNh=\n',
  );
});

void test('a lab without host keys, or with a garbled one, is refused', () => {
  assert.throws(() => renderKnownHosts(22, '\n'), {
    message: 'the lab offered no SSH host key (/etc/ssh/ssh_host_*_key.pub is empty)',
  });
  assert.throws(() => renderKnownHosts(22, 'cat: /etc/ssh/ssh_host_*_key.pub: No such file or directory'), {
    message: `the lab's host key line is not "type base64": "cat: /etc/ssh/ssh_host_*_key.pub: No such file or directory"`,
  });
});
