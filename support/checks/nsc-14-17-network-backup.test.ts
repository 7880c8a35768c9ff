// NSC-14 (backup coverage), NSC-17 (listening ports) and NSC-19-NGINX (nginx route) on healthy and broken hosts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { covers } from '../facts/parsers/backup-list.ts';
import { checkBackupCoverage } from './nsc-14-backup.ts';
import { checkListeningPorts } from './nsc-17-ports.ts';
import { checkNginxRoute } from './nsc-19-nginx.ts';
import { service } from './testing/catalog.ts';
import { HOST, healthyFacts } from './testing/healthy-host.ts';

const confd = service('wazo-confd');
const provd = service('wazo-provd');
const phoned = service('wazo-phoned');

/** The data list of wazo-backup as shipped (wazo-facts.md §7), service configuration directories only. */
const WAZO_BACKUP_LIST = [
  '/etc/wazo-agentd/',
  '/etc/wazo-agid/',
  '/etc/wazo-amid/',
  '/etc/wazo-auth/',
  '/etc/wazo-call-logd/',
  '/etc/wazo-calld/',
  '/etc/wazo-confd/',
  '/etc/wazo-confgend-client/',
  '/etc/wazo-chatd/',
  '/etc/wazo-dird/',
  '/etc/wazo-dxtora/',
  '/etc/wazo-phoned/',
  '/etc/wazo-plugind/',
  '/etc/wazo-purge-db/',
  '/etc/wazo-webhookd/',
  '/etc/wazo-websocketd/',
  '/etc/xivo/',
  '/var/lib/wazo-provd/',
];

void test('covers() matches directories by path segment, not by string prefix', () => {
  assert.equal(covers('/etc/wazo-confd/', '/etc/wazo-confd/config.yml'), true);
  assert.equal(covers('/etc/wazo-confd/', '/etc/wazo-confd'), true);
  assert.equal(covers('/etc/wazo-confgend-client/', '/etc/wazo-confgend/config.yml'), false);
});

void test('NSC-14 passes for wazo-confd with the shipped list and fails for wazo-provd (a real gap)', () => {
  const facts = healthyFacts([confd, provd]);
  facts.backupList = WAZO_BACKUP_LIST;
  assert.equal(
    checkBackupCoverage(facts, confd, HOST).message,
    'wazo-confd on 127.0.0.1: NSC-14 wazo-backup copies /etc/wazo-confd/config.yml, /etc/wazo-confd/conf.d/',
  );
  const result = checkBackupCoverage(facts, provd, HOST);
  assert.equal(result.status, 'failed');
  assert.equal(
    result.message,
    "wazo-provd on 127.0.0.1: NSC-14 config path /etc/wazo-provd/config.yml: expected covered by wazo-backup's data list, found no entry covering it; " +
      "config path /etc/wazo-provd/conf.d/: expected covered by wazo-backup's data list, found no entry covering it; " +
      "config path /etc/wazo-provd/base_raw_config.json: expected covered by wazo-backup's data list, found no entry covering it",
  );
});

void test('NSC-14 fails when wazo-backup is absent and honours plain excludes', () => {
  const facts = healthyFacts([confd]);
  facts.backupList = WAZO_BACKUP_LIST;
  facts.backupExcludes = ['/etc/wazo-confd/conf.d', '*.pyc'];
  assert.equal(
    checkBackupCoverage(facts, confd, HOST).message,
    'wazo-confd on 127.0.0.1: NSC-14 config path /etc/wazo-confd/conf.d/: expected copied by wazo-backup, found excluded by /etc/wazo-confd/conf.d',
  );
  facts.backupList = null;
  assert.equal(
    checkBackupCoverage(facts, confd, HOST).message,
    'wazo-confd on 127.0.0.1: NSC-14 wazo-backup: expected installed (/usr/sbin/wazo-backup), found absent',
  );
});

void test('NSC-17 passes when the main process owns every catalog port', () => {
  assert.equal(
    checkListeningPorts(healthyFacts([provd]), provd, HOST).message,
    'wazo-provd on 127.0.0.1: NSC-17 listens on tcp 127.0.0.1:8666, tcp 127.0.0.1:18667, udp 0.0.0.0:69 as the catalog says, no usual test port',
  );
});

void test('NSC-17 reports a moved port, a wrong address and an undeclared listener together', () => {
  const facts = healthyFacts([phoned]);
  facts.listeners = [
    { protocol: 'tcp', address: '127.0.0.1', port: 9498, pids: [1000], process: 'wazo-phoned' },
    { protocol: 'tcp', address: '0.0.0.0', port: 8080, pids: [1000], process: 'wazo-phoned' },
  ];
  assert.equal(
    checkListeningPorts(facts, phoned, HOST).message,
    'wazo-phoned on 127.0.0.1: NSC-17 port tcp 0.0.0.0:9498: expected bound to 0.0.0.0, found 127.0.0.1; ' +
      'port tcp 0.0.0.0:9499: expected a listener of wazo-phoned (MainPID 1000), found none; ss attributes to wazo-phoned: tcp 0.0.0.0:8080, tcp 127.0.0.1:9498; ' +
      "undeclared listener tcp 0.0.0.0:8080: expected only the catalog's ports (tcp 0.0.0.0:9498, tcp 0.0.0.0:9499)",
  );
});

void test('NSC-17 reports a port owned by another process, a test port in the catalog and a stopped daemon', () => {
  const facts = healthyFacts([confd]);
  facts.listeners = [{ protocol: 'tcp', address: '127.0.0.1', port: 9486, pids: [4242], process: 'python3' }];
  assert.equal(
    checkListeningPorts(facts, confd, HOST).message,
    'wazo-confd on 127.0.0.1: NSC-17 port tcp 127.0.0.1:9486: expected owned by wazo-confd (MainPID 1000), found python3 pids 4242',
  );
  const onTestPort = { ...confd, ports: [{ port: 8000, address: '127.0.0.1', protocol: 'tcp' as const }] };
  Object.assign(facts.units.get('wazo-confd.service')!, { ActiveState: 'failed', MainPID: '0' });
  assert.equal(
    checkListeningPorts(facts, onTestPort, HOST).message,
    'wazo-confd on 127.0.0.1: NSC-17 port 8000: expected not a usual test port (3000, 4200, 5000, 5173, 8000, 8008, 8080, 8081, 8443, 8888, 9000), found 8000; ' +
      'wazo-confd: expected running to own its ports, found ActiveState=failed',
  );
});

void test('NSC-17 with owners hidden from ss is not checked for the owner part, saying the port and address passed', () => {
  const facts = healthyFacts([confd]);
  facts.uid = 1001;
  facts.listeners = [{ protocol: 'tcp', address: '127.0.0.1', port: 9486, pids: [] }];
  const result = checkListeningPorts(facts, confd, HOST);
  assert.equal(result.status, 'not-checked');
  assert.equal(
    result.message,
    'wazo-confd on 127.0.0.1: NSC-17 could not be checked: ss named no owner for tcp 127.0.0.1:9486 ' +
      '(the snapshot ran as uid 1001: root or sudo is needed to see socket owners), so whether wazo-confd holds it ' +
      'and whether it listens on undeclared ports are unknown; the port and address part passed ' +
      '(it listens on tcp 127.0.0.1:9486 as the catalog says, no usual test port)',
  );
  assert.equal(result.evidence.at(-1), 'owner not visible to ss (no process shown): tcp 127.0.0.1:9486');
  facts.listeners = [{ protocol: 'tcp', address: '0.0.0.0', port: 9486, pids: [] }];
  assert.equal(
    checkListeningPorts(facts, confd, HOST).message,
    'wazo-confd on 127.0.0.1: NSC-17 port tcp 127.0.0.1:9486: expected bound to 127.0.0.1, found 0.0.0.0',
  );
});

void test('NSC-17 as root with no owner shown (a container without CAP_SYS_PTRACE) is not checked either', () => {
  const facts = healthyFacts([confd]);
  facts.listeners = [{ protocol: 'tcp', address: '127.0.0.1', port: 9486, pids: [] }];
  assert.match(
    checkListeningPorts(facts, confd, HOST).message,
    /^wazo-confd on 127\.0\.0\.1: NSC-17 could not be checked: ss named no owner for tcp 127\.0\.0\.1:9486 \(ss shows no owner even to root, e\.g\. in a container without CAP_SYS_PTRACE\), /,
  );
});

void test('NSC-17 checks a port the catalog marks owner-free by port and address, and says so', () => {
  const facts = healthyFacts([provd]);
  const ownerFree = {
    ...provd,
    ports: provd.ports.map((p) => (p.protocol === 'udp' ? { ...p, ownerFree: true } : p)),
  };
  for (const l of facts.listeners) if (l.protocol === 'udp') l.pids = [];
  const result = checkListeningPorts(facts, ownerFree, HOST);
  assert.equal(result.status, 'passed');
  assert.equal(
    result.message,
    'wazo-provd on 127.0.0.1: NSC-17 listens on tcp 127.0.0.1:8666, tcp 127.0.0.1:18667, udp 0.0.0.0:69 as the catalog says, ' +
      'no usual test port (udp 0.0.0.0:69: owner-free in the catalog, checked by port and address)',
  );
  assert.equal(
    checkListeningPorts(facts, provd, HOST).status,
    'not-checked',
    'without ownerFree the same unseen owner is not checked',
  );
  facts.uid = 1001;
  assert.equal(
    checkListeningPorts(facts, ownerFree, HOST).message,
    'wazo-provd on 127.0.0.1: NSC-17 could not be checked: socket owners are not visible (the snapshot ran as uid 1001: ' +
      'root or sudo is needed to see socket owners), so whether wazo-provd listens on undeclared ports is unknown; ' +
      'the port and address part passed (it listens on tcp 127.0.0.1:8666, tcp 127.0.0.1:18667, udp 0.0.0.0:69 as the ' +
      'catalog says, no usual test port (udp 0.0.0.0:69: owner-free in the catalog, checked by port and address))',
  );
});

void test('NSC-17 names a missing port even when ss shows no owner at all', () => {
  const facts = healthyFacts([provd]);
  facts.listeners = facts.listeners.filter((l) => l.protocol !== 'udp').map((l) => ({ ...l, pids: [] }));
  assert.equal(
    checkListeningPorts(facts, provd, HOST).message,
    'wazo-provd on 127.0.0.1: NSC-17 port udp 0.0.0.0:69: expected a listener of wazo-provd (MainPID 1000), found none; ' +
      'ss attributes no listener to wazo-provd',
  );
});

void test("NSC-17 counts a socket held by a child or grandchild of MainPID as the daemon's, and says so", () => {
  const facts = healthyFacts([confd]);
  facts.processes.set(1001, { ...facts.processes.get(1000)!, pid: 1001, ppid: 1000 });
  facts.processes.set(1002, { ...facts.processes.get(1000)!, pid: 1002, ppid: 1001 });
  facts.listeners = [{ protocol: 'tcp', address: '127.0.0.1', port: 9486, pids: [1002], process: 'python3' }];
  const result = checkListeningPorts(facts, confd, HOST);
  assert.equal(
    result.message,
    'wazo-confd on 127.0.0.1: NSC-17 listens on tcp 127.0.0.1:9486 as the catalog says, no usual test port',
  );
  assert.ok(
    result.evidence.includes('tcp 127.0.0.1:9486 held by pid 1002, a descendant of MainPID 1000'),
    result.evidence.join('\n'),
  );
});

void test("NSC-17 does not count a socket of the parent or a sibling of MainPID, and a child's extra port is undeclared", () => {
  const facts = healthyFacts([confd]);
  facts.processes.set(1000, { ...facts.processes.get(1000)!, ppid: 900 });
  facts.processes.set(900, { ...facts.processes.get(1000)!, pid: 900, ppid: 1 });
  facts.processes.set(901, { ...facts.processes.get(1000)!, pid: 901, ppid: 900 });
  facts.processes.set(1001, { ...facts.processes.get(1000)!, pid: 1001, ppid: 1000 });
  facts.listeners = [
    { protocol: 'tcp', address: '127.0.0.1', port: 9486, pids: [900, 901], process: 'python3' },
    { protocol: 'tcp', address: '0.0.0.0', port: 8080, pids: [1001], process: 'python3' },
  ];
  assert.equal(
    checkListeningPorts(facts, confd, HOST).message,
    'wazo-confd on 127.0.0.1: NSC-17 port tcp 127.0.0.1:9486: expected owned by wazo-confd (MainPID 1000), found python3 pids 900,901; ' +
      "undeclared listener tcp 0.0.0.0:8080: expected only the catalog's ports (tcp 127.0.0.1:9486)",
  );
});

void test('NSC-17 accepts the wildcard spelled * or ::', () => {
  const facts = healthyFacts([phoned]);
  for (const l of facts.listeners)
    Object.assign(l, { protocol: 'tcp6', address: l.port === 9498 ? '*' : '::' });
  assert.equal(checkListeningPorts(facts, phoned, HOST).status, 'passed');
});

void test('NSC-19-NGINX passes when the location proxies to the catalog port, and fails otherwise', () => {
  const facts = healthyFacts([confd]);
  assert.equal(
    checkNginxRoute(facts, confd, HOST).message,
    'wazo-confd on 127.0.0.1: NSC-19-NGINX nginx /api/confd/ proxies to http://127.0.0.1:9486/ (the catalog port 9486)',
  );
  Object.assign(facts.nginxLocations[0]!, { enabled: false, proxyPass: 'http://127.0.0.1:9999/' });
  assert.equal(
    checkNginxRoute(facts, confd, HOST).message,
    'wazo-confd on 127.0.0.1: NSC-19-NGINX nginx location /api/confd/: expected enabled (https-enabled/wazo-confd), found not enabled; ' +
      'nginx location /api/confd/ proxy_pass: expected http://127.0.0.1:9486/, found http://127.0.0.1:9999/',
  );
  facts.nginxLocations = [];
  assert.equal(
    checkNginxRoute(facts, confd, HOST).message,
    'wazo-confd on 127.0.0.1: NSC-19-NGINX nginx location /api/confd/: expected in /etc/nginx/locations/https-available/wazo-confd, found none',
  );
});

void test('NSC-19-NGINX is not applicable where NSC-19 is not', () => {
  assert.equal(
    checkNginxRoute(healthyFacts([phoned]), phoned, HOST).message,
    'not applicable: no nginx location: phones reach it directly on 0.0.0.0:9498/9499, filtered by IP (wazo-facts.md §6)',
  );
});
