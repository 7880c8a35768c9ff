// Tests of the stat, systemctl show, ps, ss and write-check parsers on recorded outputs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recorded, recordedSnapshotPlan } from '../testing/recorded.ts';
import { parsePs } from './ps.ts';
import { parseSsInet, parseSsUnix } from './ss.ts';
import { parseStats } from './stat.ts';
import { parseSystemctlShow } from './systemctl-show.ts';
import { parseWriteAnswers } from './write-checks.ts';

const STAT_PATHS = [
  '/var/log/wazo-auth.log',
  '/var/lib/wazo-auth',
  '/home/wazo-auth',
  '/etc/nginx/locations/https-enabled/wazo-auth',
  "/etc/it's here",
];

void test('stat: files, directories, symlinks with target, absent paths (even quoted ones)', () => {
  const { stdout, stderr } = recorded('stat', 'container');
  const stats = parseStats(STAT_PATHS, stdout, stderr);
  assert.deepEqual(stats.get('/var/log/wazo-auth.log'), {
    path: '/var/log/wazo-auth.log',
    exists: true,
    type: 'file',
    owner: 'wazo-auth',
    group: 'wazo-auth',
    uid: 102,
    gid: 104,
    mode: '0640',
    size: 0,
  });
  const dir = stats.get('/var/lib/wazo-auth');
  assert.ok(dir && 'exists' in dir);
  assert.equal(dir.type, 'directory');
  assert.deepEqual(stats.get('/home/wazo-auth'), { path: '/home/wazo-auth', exists: false });
  assert.deepEqual(stats.get("/etc/it's here"), { path: "/etc/it's here", exists: false });
  const link = stats.get('/etc/nginx/locations/https-enabled/wazo-auth');
  assert.ok(link && 'exists' in link);
  assert.equal(link.type, 'symlink');
  assert.equal(link.target, '../https-available/wazo-auth');
});

void test('stat: permission denied is an error for that path, not an absent file', () => {
  const { stdout, stderr } = recorded('stat', 'non-root');
  const stats = parseStats(
    ['/var/log/wazo-auth.log', '/var/lib/wazo-auth/secret', '/never/answered'],
    stdout,
    stderr,
  );
  assert.deepEqual(stats.get('/var/lib/wazo-auth/secret'), {
    path: '/var/lib/wazo-auth/secret',
    error: 'stat /var/lib/wazo-auth/secret: Permission denied',
  });
  assert.deepEqual(stats.get('/never/answered'), {
    path: '/never/answered',
    error:
      "stat /never/answered: no answer (stat: cannot statx '/var/lib/wazo-auth/secret': Permission denied)",
  });
});

void test('stat: a short line is refused', () => {
  assert.throws(() => parseStats([], recorded('stat', 'garbled').stdout, ''), {
    message: 'stat: cannot parse line 1: "S\\tregular file\\troot\\troot\\t0\\t0"',
  });
});

void test('systemctl show: one block per unit, in the order asked, an unknown unit is not-found', () => {
  const units = ['wazo-auth.service', 'wazo-webhookd.service', 'nosuch.service', 'nginx.service'];
  const shown = parseSystemctlShow(recorded('units', 'container').stdout, units);
  assert.deepEqual([...shown.keys()], units);
  const auth = shown.get('wazo-auth.service');
  assert.equal(auth?.['User'], 'wazo-auth');
  assert.equal(auth?.['ActiveState'], 'active');
  assert.equal(auth?.['Restart'], 'on-failure');
  assert.equal(auth?.['Id'], 'wazo-auth.service');
  assert.equal(shown.get('nosuch.service')?.['LoadState'], 'not-found');
});

void test('systemctl show: a block count that does not match the units is refused', () => {
  assert.throws(() => parseSystemctlShow(recorded('units', 'container').stdout, ['a.service']), {
    message: 'systemctl show: expected 1 unit blocks (a.service), found 4',
  });
});

void test('ps: parent, uid, user and start time (host clock minus elapsed seconds) of each main PID', () => {
  const ps = parsePs(recorded('processes', 'container').stdout, 1_000_000);
  assert.deepEqual(ps.get(143), {
    pid: 143,
    ppid: 1,
    uid: 102,
    gid: 104,
    user: 'wazo-auth',
    command: '/usr/bin/python3 -m http.server --bind 127.0.0.1 9497',
    startedAt: 1_000_000 - 476,
  });
  assert.equal(ps.get(38)?.command, 'nginx: master process /usr/sbin/nginx -g daemon on; master_process on;');
  assert.throws(() => parsePs('12 x', undefined), { message: 'ps: cannot parse line 1: "12 x"' });
});

void test('ss: TCP listeners with their processes, IPv6 marked, unix sockets by path', () => {
  const inet = parseSsInet(recorded('sockets', 'container-inet').stdout);
  assert.deepEqual(
    inet.find((s) => s.port === 2812),
    { protocol: 'tcp', address: '127.0.0.1', port: 2812, pids: [156], process: 'monit' },
  );
  assert.deepEqual(
    inet.find((s) => s.protocol === 'tcp6' && s.port === 22),
    { protocol: 'tcp6', address: '::', port: 22, pids: [42], process: 'sshd' },
  );
  assert.deepEqual(inet.find((s) => s.port === 9497)?.pids, []);
  const unix = parseSsUnix(recorded('sockets', 'container-unix').stdout);
  assert.deepEqual(
    unix.find((s) => s.address === '/run/systemd/private'),
    { protocol: 'unix', address: '/run/systemd/private', port: 0, pids: [1], process: 'systemd' },
  );
  assert.throws(() => parseSsInet(recorded('sockets', 'garbled-inet').stdout), {
    message: 'ss (tcp/udp): cannot parse line 1: "tcp LISTEN 0 128 nonsense"',
  });
});

void test('ss: udp, wildcard and interface-scoped addresses', () => {
  const inet = parseSsInet(
    [
      'udp UNCONN 0 0 127.0.0.1:323 0.0.0.0:* users:(("chronyd",pid=7,fd=5))',
      'tcp LISTEN 0 4096 *:9100 *:* users:(("node_exporter",pid=9,fd=3))',
      'tcp LISTEN 0 4096 127.0.0.53%lo:53 0.0.0.0:*',
    ].join('\n'),
  );
  assert.deepEqual(
    inet.map((s) => [s.protocol, s.address, s.port]),
    [
      ['udp', '127.0.0.1', 323],
      ['tcp6', '*', 9100],
      ['tcp', '127.0.0.53%lo', 53],
    ],
  );
});

void test('write checks: yes/no per path, anything else refused', () => {
  const answers = parseWriteAnswers(recorded('write', 'container-wazo-auth').stdout);
  assert.deepEqual(
    [...answers],
    [
      ['/var/log/wazo-auth.log', true],
      ['/var/lib/wazo-auth', true],
    ],
  );
  assert.deepEqual(
    [...parseWriteAnswers(recorded('write', 'container-wazo-webhookd').stdout)],
    [['/var/log/wazo-webhookd.log', false]],
  );
  assert.throws(() => parseWriteAnswers('maybe\t/x'), {
    message: 'write check: cannot parse line 1: "maybe\\t/x"',
  });
});

void test('lab replica: 18 unit blocks, and the daemon ports listening on loopback', () => {
  const units = recordedSnapshotPlan('lab').plan.units;
  const shown = parseSystemctlShow(recorded('units', 'lab').stdout, units);
  assert.equal(shown.size, 18);
  assert.equal(shown.get('wazo-confd.service')?.['Restart'], 'on-failure');
  const ports = parseSsInet(recorded('sockets', 'lab-inet').stdout)
    .filter((s) => s.address === '127.0.0.1')
    .map((s) => s.port);
  for (const port of [
    9486, 9497, 9500, 9489, 9493, 9304, 9300, 9503, 9298, 9302, 8666, 9491, 8668, 8669, 4573,
  ]) {
    assert.ok(ports.includes(port), `port ${port}`);
  }
});
