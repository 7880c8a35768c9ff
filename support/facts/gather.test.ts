// Tests of gatherFacts: one exec channel, recorded snapshots assembled into HostFacts, failures named.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ExecOptions, ExecResult } from '../ssh/transport.ts';
import { gatherFacts, redactRaw, SNAPSHOT_SCRIPT } from './gather.ts';
import { LocalHost } from './local-host.ts';
import { recordedSnapshot, recordedSnapshotPlan } from './testing/recorded.ts';
import type { GatherPlan } from './types.ts';
import { writableKey } from './types.ts';

/** Answers every exec with one canned result and remembers what it was asked. */
class CannedHost extends LocalHost {
  readonly calls: { argv: readonly string[]; options: ExecOptions | undefined }[] = [];
  readonly result: ExecResult;
  constructor(result: ExecResult) {
    super('qa@lab:2222');
    this.result = result;
  }
  override async exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult> {
    this.stats.channels += 1;
    this.calls.push({ argv, options });
    return this.result;
  }
}

const canned = (stdout: string, code: number | null = 0, stderr = ''): CannedHost =>
  new CannedHost({ stdout, stderr, code });

const container = recordedSnapshotPlan('container');
const CONTAINER_PLAN = container.plan;
const fixed = { nonce: container.nonce, now: () => new Date('2026-11-28T06:40:00Z') };

void test('one exec channel runs sh -s with the nonce and the plan as arguments, the script on stdin', async () => {
  const host = canned(recordedSnapshot('container'));
  await gatherFacts(host, CONTAINER_PLAN, { ...fixed, timeoutMs: 5000 });
  assert.equal(host.stats.channels, 1);
  const [call] = host.calls;
  assert.deepEqual(call?.argv.slice(0, 6), [
    'sh',
    '-s',
    '--',
    container.nonce,
    'u:wazo-auth',
    'u:wazo-webhookd',
  ]);
  assert.ok(call?.argv.includes('w:www-data:/run/nosuchdir/x.pid'));
  assert.equal(call?.options?.stdin, SNAPSHOT_SCRIPT);
  assert.equal(call?.options?.timeoutMs, 5000);
});

void test('the recorded container snapshot assembles into facts with no section error', async () => {
  const facts = await gatherFacts(canned(recordedSnapshot('container')), CONTAINER_PLAN, fixed);
  assert.deepEqual(facts.errors, []);
  assert.equal(facts.gatheredAt, '2026-11-28T06:40:00.000Z');
  assert.equal(facts.passwd.get('wazo-auth')?.home, '/var/lib/wazo-auth');
  assert.equal(facts.passwd.has('nosuchuser'), false);
  assert.equal(facts.shadow?.get('wazo-auth')?.locked, true);
  assert.equal(facts.writeMethod, 'setpriv');
  assert.equal(facts.writable.get(writableKey('wazo-auth', '/var/log/wazo-auth.log')), true);
  assert.equal(facts.writable.get(writableKey('wazo-webhookd', '/var/log/wazo-webhookd.log')), false);
  assert.equal(facts.files.get('/home/wazo-auth')?.exists, false);
  assert.equal(facts.units.get('wazo-auth.service')?.['ActiveState'], 'active');
  const mainPid = Number(facts.units.get('wazo-auth.service')?.['MainPID']);
  assert.equal(facts.processes.get(mainPid)?.user, 'wazo-auth');
  assert.deepEqual(
    facts.monit.processes.map((p) => p.name),
    ['wazo-provd', 'nginx'],
  );
  assert.equal(facts.wazoService.available, false);
  assert.deepEqual([...facts.packages.keys()], ['dpkg', 'monit', 'nginx']);
  assert.deepEqual(facts.wazoUnits, ['wazo-auth.service', 'wazo-webhookd.service']);
  assert.deepEqual(
    facts.nginxLocations.map((l) => [l.file, l.prefix, l.enabled]),
    [
      ['wazo-auth', '/api/auth/', true],
      ['wazo-auth', '/api/auth/0.1/status', true],
      ['wazo-webhookd', '/api/webhookd/', false],
    ],
  );
  assert.deepEqual(facts.backupList, [
    '/etc/asterisk/',
    '/etc/wazo-auth/',
    '/etc/wazo-webhookd/',
    '/var/lib/wazo/',
  ]);
  assert.equal(facts.consulTokenFile, false);
  assert.equal(facts.debianVersion, '12.15');
});

void test('a non-root snapshot: shadow unreadable, writability from mode bits, denied paths and monit named', async () => {
  const { plan, nonce } = recordedSnapshotPlan('container-non-root');
  const facts = await gatherFacts(canned(recordedSnapshot('container-non-root')), plan, {
    nonce,
  });
  assert.equal(facts.uid, 33);
  assert.equal(facts.shadow, null);
  assert.equal(facts.writeMethod, 'mode-bits');
  assert.equal(facts.writable.get(writableKey('wazo-auth', '/var/log/wazo-auth.log')), true);
  assert.equal(facts.writable.get(writableKey('www-data', '/var/log/wazo-auth.log')), false);
  assert.deepEqual(
    facts.errors.map((e) => [e.section, e.key ?? '', e.message ?? '']),
    [
      ['shadow', '', 'shadow is not readable as uid 33 (root or sudo is needed)'],
      ['stat', '/var/lib/wazo-auth/secret', 'stat /var/lib/wazo-auth/secret: Permission denied'],
      [
        'write',
        'wazo-auth:/var/lib/wazo-auth/secret',
        'can wazo-auth write /var/lib/wazo-auth/secret: its user or path facts are missing',
      ],
      [
        'monit',
        'status',
        "monit status exited with 1: Cannot open the control file '/etc/monit/monitrc' -- Permission denied",
      ],
    ],
  );
});

void test('a truncated snapshot is refused, naming the host and the section', async () => {
  const full = recordedSnapshot('container');
  const cut = full.slice(0, full.indexOf('|yes\t/var/lib/wazo-auth'));
  await assert.rejects(gatherFacts(canned(cut), CONTAINER_PLAN, fixed), {
    code: 'REMOTE_COMMAND_FAILED',
    message:
      'qa@lab:2222: fact snapshot output is truncated: section "write:wazo-auth" began at line 41 and never ended',
  });
});

void test('output of another run (wrong nonce) is refused', async () => {
  await assert.rejects(
    gatherFacts(canned(recordedSnapshot('container')), CONTAINER_PLAN, { nonce: 'other' }),
    {
      message:
        'qa@lab:2222: fact snapshot output is garbled: line 1 is a frame of another run (nonce mismatch)',
    },
  );
});

void test('a script that exits non-zero is refused with its last error lines', async () => {
  await assert.rejects(gatherFacts(canned('', 3, 'snapshot: awk is missing on the host\n'), CONTAINER_PLAN), {
    message: 'fact snapshot on qa@lab:2222 exited with 3: snapshot: awk is missing on the host',
  });
  await assert.rejects(
    gatherFacts(new CannedHost({ stdout: '', stderr: '', code: null, signal: 'KILL' }), CONTAINER_PLAN),
    {
      message: 'fact snapshot on qa@lab:2222 was killed by KILL: no error output',
    },
  );
});

void test('a hash in the shadow section never reaches facts.raw', () => {
  const raw = [
    '@@WLA:n:BEGIN:shadow:-',
    '|root:$6$salt$hash:1:2',
    '@@WLA:n:END:shadow:-:rc=0',
    '|root:$6$x',
  ].join('\n');
  assert.equal(
    redactRaw(raw, 'n'),
    ['@@WLA:n:BEGIN:shadow:-', '|root:<hash>:1:2', '@@WLA:n:END:shadow:-:rc=0', '|root:$6$x'].join('\n'),
  );
});

void test('the real script runs on this machine over one channel and parses', async () => {
  const host = new LocalHost('localhost');
  const plan: GatherPlan = {
    users: ['root', 'nobody'],
    groups: ['root'],
    paths: ['/etc/passwd', '/nonexistent/x'],
    writeChecks: [{ user: 'nobody', path: '/etc/passwd' }],
    units: [],
    packages: ['dpkg'],
  };
  const facts = await gatherFacts(host, plan, { timeoutMs: 60_000 });
  assert.equal(host.stats.channels, 1);
  assert.equal(facts.passwd.get('root')?.uid, 0);
  assert.equal(facts.files.get('/etc/passwd')?.type, 'file');
  assert.equal(facts.files.get('/nonexistent/x')?.exists, false);
  assert.equal(facts.writable.get(writableKey('nobody', '/etc/passwd')), false);
  assert.equal(facts.packages.get('dpkg')?.status, 'install ok installed');
  assert.ok(Math.abs((facts.hostTime ?? 0) - Date.now() / 1000) < 120);
  assert.doesNotMatch(facts.raw, /:\$[0-9a-z]+\$/);
});

void test('a full snapshot recorded from the lab (18 daemons) assembles with no section error', async () => {
  const { plan, nonce } = recordedSnapshotPlan('lab');
  const facts = await gatherFacts(canned(recordedSnapshot('lab')), plan, { nonce });
  assert.equal(plan.units.length, 18);
  assert.deepEqual(facts.errors, []);
  assert.deepEqual(
    plan.units.filter((unit) => facts.units.get(unit)?.['ActiveState'] !== 'active'),
    [],
  );
  assert.deepEqual(facts.passwd.get('wazo-auth'), {
    name: 'wazo-auth',
    uid: facts.passwd.get('wazo-auth')?.uid,
    gid: facts.passwd.get('wazo-auth')?.gid,
    gecos: '',
    home: '/var/lib/wazo-auth',
    shell: '/usr/sbin/nologin',
  });
  const authPid = Number(facts.units.get('wazo-auth.service')?.['MainPID']);
  assert.equal(facts.processes.get(authPid)?.user, 'wazo-auth');
  assert.equal(facts.processes.get(Number(facts.units.get('wazo-sysconfd.service')?.['MainPID']))?.uid, 0);
  assert.equal(facts.writable.get(writableKey('wazo-auth', '/var/log/wazo-auth.log')), true);
  assert.deepEqual(
    facts.monit.processes.map((p) => p.name),
    ['wazo-provd', 'wazo-confgend', 'rabbitmq-server', 'asterisk'],
  );
  assert.equal(facts.wazoService.exitCode, 0);
  assert.ok(facts.wazoService.services.some((s) => s.name === 'wazo-auth' && s.status === 'running'));
  assert.ok(
    facts.nginxLocations.some(
      (l) => l.prefix === '/api/auth/' && l.enabled && l.proxyPass === 'http://127.0.0.1:9497/',
    ),
  );
  assert.ok(facts.backupList?.includes('/etc/wazo-auth/'));
  assert.equal(facts.wazoPackages.length, 18);
  assert.deepEqual(facts.homeEntries, ['qa', 'qa-pw']);
  assert.equal(facts.consulTokenFile, false);
  assert.ok(
    facts.listeners.some((l) => l.protocol === 'tcp' && l.port === 9497 && l.address === '127.0.0.1'),
  );
});
