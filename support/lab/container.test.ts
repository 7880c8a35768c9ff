// How the lab container is created and where its ports are read from.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boundPorts, createOptions, isPortClash } from './container.ts';

const spec = {
  name: 'wazo-lab-x',
  image: 'localhost/wazo-lab:abc',
  labDir: '/w/.lab',
  kind: 'podman' as const,
};

void test('every port is published on loopback only, on a port the engine picks', () => {
  const options = createOptions(spec);
  assert.deepEqual(Object.keys(options.ExposedPorts ?? {}), ['22/tcp', '80/tcp', '443/tcp']);
  const loopback = [{ HostIp: '127.0.0.1', HostPort: '0' }];
  assert.deepEqual(options.HostConfig?.PortBindings, {
    '22/tcp': loopback,
    '80/tcp': loopback,
    '443/tcp': loopback,
  });
});

void test('systemd gets its stop signal, tmpfs, container variable and both ulimits', () => {
  const options = createOptions(spec);
  assert.equal(options.StopSignal, 'SIGRTMIN+3');
  assert.deepEqual(options.Env, ['container=podman']);
  assert.deepEqual(options.HostConfig?.Ulimits, [
    { Name: 'nofile', Soft: 1024, Hard: 20000 },
    { Name: 'nproc', Soft: 4096, Hard: 4096 },
  ]);
  assert.deepEqual(Object.keys(options.HostConfig?.Tmpfs ?? {}), ['/run', '/run/lock']);
  assert.equal(options.HostConfig?.Privileged, undefined);
  assert.deepEqual(options.Labels, { 'org.wazo-live-acceptance.lab': '/w/.lab' });
});

void test('under Docker the container is privileged so systemd can write its cgroups', () => {
  const options = createOptions({ ...spec, kind: 'docker' });
  assert.equal(options.HostConfig?.Privileged, true);
  assert.deepEqual(options.Env, ['container=docker']);
});

void test('the published ports are read from the inspection', () => {
  const inspect = {
    NetworkSettings: {
      Ports: {
        '22/tcp': [{ HostIp: '127.0.0.1', HostPort: '43869' }],
        '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '42967' }],
        '443/tcp': [{ HostIp: '127.0.0.1', HostPort: '46563' }],
      },
    },
  };
  assert.deepEqual(boundPorts(inspect as never, 'lab'), { ssh: 43869, http: 42967, https: 46563 });
});

void test('a port published elsewhere than loopback is refused', () => {
  const inspect = {
    NetworkSettings: {
      Ports: {
        '22/tcp': [{ HostIp: '0.0.0.0', HostPort: '43869' }],
        '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '42967' }],
        '443/tcp': [{ HostIp: '127.0.0.1', HostPort: '46563' }],
      },
    },
  };
  assert.throws(() => boundPorts(inspect as never, 'lab container x'), {
    code: 'REMOTE_COMMAND_FAILED',
    message:
      'lab container x: port 22/tcp is not published on 127.0.0.1 ([{"HostIp":"0.0.0.0","HostPort":"43869"}])',
  });
});

void test('a port clash between labs started at once is told apart from other start failures', () => {
  const podman = new Error(
    '(HTTP code 500) server error - cannot listen on the TCP port: listen tcp4 127.0.0.1:33209: bind: address already in use',
  );
  assert.equal(isPortClash(podman), true);
  assert.equal(isPortClash(new Error('Bind for 127.0.0.1:40000 failed: port is already allocated')), true);
  assert.equal(isPortClash(new Error('(HTTP code 500) server error - crun: cgroup not writable')), false);
});
