// The exact argv given to the system ssh: strict host keys, our known_hosts, quoted command, jump host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execArgs, exitMasterArgs, forwardArgs } from './openssh-args.ts';
import { testSshConfig } from './testing/config.ts';

const common = [
  '-o',
  'BatchMode=yes',
  '-o',
  'StrictHostKeyChecking=yes',
  '-o',
  'UserKnownHostsFile=/kh',
  '-o',
  'GlobalKnownHostsFile=/dev/null',
  '-o',
  'ConnectTimeout=3',
  '-o',
  'ServerAliveInterval=1',
  '-o',
  'ServerAliveCountMax=3',
  '-o',
  'LogLevel=ERROR',
  '-i',
  '/keys/id',
  '-o',
  'IdentityAgent=none',
];

const target = (overrides: Parameters<typeof testSshConfig>[0] = {}) => ({
  host: 'wazo.example.com',
  config: testSshConfig({ port: 2222, keyFile: '/keys/id', knownHostsFile: '/kh', ...overrides }),
  keepaliveCountMax: 3,
  sshBinary: 'ssh',
});

void test('a command runs with strict host keys, batch mode and the quoted command after --', () => {
  assert.deepEqual(execArgs(target(), "cat '/a b'"), [
    ...common,
    '-p',
    '2222',
    'root@wazo.example.com',
    '--',
    "cat '/a b'",
  ]);
});

void test('accept-new is passed only when asked for', () => {
  const args = execArgs(target({ acceptNewHostKey: true }), 'true');
  assert.ok(args.includes('StrictHostKeyChecking=accept-new'));
  assert.ok(!args.includes('StrictHostKeyChecking=yes'));
});

void test('the agent is left to ssh when allowed', () => {
  assert.ok(!execArgs(target({ useAgent: true }), 'true').includes('IdentityAgent=none'));
});

void test('a jump host goes through a ProxyCommand carrying the same strict options', () => {
  const args = execArgs(target({ jumpHost: 'admin@bastion:2200' }), 'true');
  const proxy = args[args.indexOf('-p') - 1];
  assert.equal(
    proxy,
    "ProxyCommand=ssh -o 'BatchMode=yes' -o 'StrictHostKeyChecking=yes' -o 'UserKnownHostsFile=/kh' " +
      "-o 'GlobalKnownHostsFile=/dev/null' -o 'ConnectTimeout=3' -o 'ServerAliveInterval=1' " +
      "-o 'ServerAliveCountMax=3' -o 'LogLevel=ERROR' -i /keys/id -o 'IdentityAgent=none' -p 2200 -W %h:%p admin@bastion",
  );
});

void test('forwardOut uses ssh -W host:port', () => {
  assert.deepEqual(forwardArgs(target(), '127.0.0.1', 8500), [
    ...common,
    '-p',
    '2222',
    '-W',
    '127.0.0.1:8500',
    'root@wazo.example.com',
  ]);
});

const multiplex = [
  '-o',
  'ControlMaster=auto',
  '-o',
  'ControlPath=/tmp/wla-ssh-x/master',
  '-o',
  'ControlPersist=60',
];

void test('with a control path, commands and forwards share the master connection', () => {
  const shared = { ...target(), controlPath: '/tmp/wla-ssh-x/master' };
  assert.deepEqual(execArgs(shared, 'true'), [
    ...common,
    ...multiplex,
    '-p',
    '2222',
    'root@wazo.example.com',
    '--',
    'true',
  ]);
  assert.deepEqual(forwardArgs(shared, '127.0.0.1', 8500), [
    ...common,
    ...multiplex,
    '-p',
    '2222',
    '-W',
    '127.0.0.1:8500',
    'root@wazo.example.com',
  ]);
});

void test("the jump host's own ssh does not share the target's master connection", () => {
  const args = execArgs({ ...target({ jumpHost: 'admin@bastion:2200' }), controlPath: '/tmp/c' }, 'true');
  const proxy = args.find((arg) => arg.startsWith('ProxyCommand='));
  assert.ok(proxy !== undefined && !proxy.includes('Control'), proxy);
  assert.ok(args.includes('ControlPath=/tmp/c'));
});

void test('the master is asked to exit on the same control path', () => {
  assert.deepEqual(exitMasterArgs({ ...target(), controlPath: '/tmp/wla-ssh-x/master' }), [
    '-o',
    'ControlPath=/tmp/wla-ssh-x/master',
    '-o',
    'LogLevel=ERROR',
    '-p',
    '2222',
    '-O',
    'exit',
    'root@wazo.example.com',
  ]);
});
