// The jump host container: only its SSH port is published, on loopback, and only it resolves the lab's name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LAB_LABEL } from './container.ts';
import { LAB_HOST_NAME, jumpHostOptions } from './jump-host.ts';

void test('one published port (SSH on 127.0.0.1), the lab by name in its hosts file, sshd alone', () => {
  const options = jumpHostOptions('lab-1-jump', 'localhost/wazo-lab:abc', '/tmp/lab-1', '10.88.0.7');
  assert.deepEqual(options.ExposedPorts, { '22/tcp': {} });
  assert.deepEqual(options.HostConfig?.PortBindings, { '22/tcp': [{ HostIp: '127.0.0.1', HostPort: '0' }] });
  assert.deepEqual(options.HostConfig?.ExtraHosts, [`${LAB_HOST_NAME}:10.88.0.7`]);
  assert.equal(LAB_HOST_NAME, 'wazo-lab');
  assert.deepEqual(options.Labels, { [LAB_LABEL]: '/tmp/lab-1' });
  assert.deepEqual(options.Entrypoint, ['/bin/sh', '-c']);
  assert.match(options.Cmd?.[0] ?? '', /exec \/usr\/sbin\/sshd -D -e$/);
});
