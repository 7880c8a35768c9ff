// Lab tests of the Wazo replica: a clean lab answers like a Wazo host, and every mutation shows its effect.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { parseSpec } from '../openapi/parse.ts';
import { validateSpec } from '../openapi/validate.ts';
import { startLab } from './lab.ts';
import type { Lab } from './lab.ts';

const DAEMONS = [
  'wazo-confd',
  'wazo-auth',
  'wazo-calld',
  'wazo-dird',
  'wazo-agentd',
  'wazo-chatd',
  'wazo-webhookd',
  'wazo-plugind',
  'wazo-call-logd',
  'wazo-websocketd',
  'wazo-setupd',
  'wazo-sysconfd',
  'wazo-provd',
  'wazo-phoned',
  'wazo-amid',
  'wazo-confgend',
  'wazo-agid',
  'wazo-dxtora',
];

/** wazo-facts.md §2: port, prefix, info.version, basePath, and the nginx prefix where there is one. */
const SPECS = [
  { name: 'confd', port: 9486, prefix: '/1.1', version: '1.1', basePath: '/1.1', nginx: true },
  { name: 'auth', port: 9497, prefix: '/0.1', version: '0.1', basePath: '/0.1', nginx: true },
  { name: 'calld', port: 9500, prefix: '/1.0', version: '1.0.0', basePath: '/1.0', nginx: true },
  { name: 'dird', port: 9489, prefix: '/0.1', version: '0.1', basePath: '/0.1', nginx: true },
  { name: 'agentd', port: 9493, prefix: '/1.0', version: '1.0', basePath: '/1.0', nginx: true },
  { name: 'chatd', port: 9304, prefix: '/1.0', version: '1.0.0', basePath: '/1.0', nginx: true },
  { name: 'webhookd', port: 9300, prefix: '/1.0', version: '1.0.0', basePath: '/1.0', nginx: true },
  { name: 'plugind', port: 9503, prefix: '/0.2', version: '0.2', basePath: '/0.2', nginx: true },
  { name: 'call-logd', port: 9298, prefix: '/1.0', version: '1.0.0', basePath: '/1.0', nginx: true },
  { name: 'setupd', port: 9302, prefix: '/1.0', version: '1.0.0', basePath: '/1.0', nginx: true },
  { name: 'provd', port: 8666, prefix: '/0.2', version: '0.2', basePath: '/api/provd/0.2', nginx: true },
  { name: 'phoned', port: 9498, prefix: '/0.1', version: '1.0', basePath: '/0.1', nginx: false },
  { name: 'amid', port: 9491, prefix: '/1.0', version: '0.1', basePath: '/1.0', nginx: true },
];

/** wazo-acceptance features/daily/http.feature: none of these may answer 404 through nginx. */
const HTTP_FEATURE = [
  'GET /api/agentd/1.0/agents',
  'POST /api/amid/1.0/action/Command',
  'GET /api/auth/0.1/backends',
  'GET /api/call-logd/1.0/cdr',
  'GET /api/calld/1.0/status',
  'GET /api/chatd/1.0/status',
  'GET /api/confd/1.1/infos',
  'GET /api/dird/0.1/config',
  'GET /api/plugind/0.2/config',
  'GET /api/provd/0.2/configure',
  'GET /api/webhookd/1.0/config',
  'GET /api/websocketd/',
];

const WAZO_SERVICE_DEFAULT = [
  'wazo-plugind',
  'wazo-webhookd',
  'wazo-sysconfd',
  'wazo-confgend',
  'wazo-confd',
  'wazo-auth',
  'wazo-call-logd',
  'wazo-dxtora',
  'wazo-provd',
  'wazo-agid',
  'asterisk',
  'wazo-amid',
  'wazo-agentd',
  'wazo-dird',
  'wazo-phoned',
  'wazo-calld',
  'wazo-websocketd',
  'wazo-chatd',
];

/** The bash script's start order (default group): not the Python status order. */
const WAZO_SERVICE_BASH_DEFAULT = [
  'wazo-plugind',
  'wazo-webhookd',
  'wazo-sysconfd',
  'wazo-confgend',
  'wazo-confd',
  'wazo-auth',
  'wazo-dird',
  'wazo-chatd',
  'wazo-dxtora',
  'wazo-provd',
  'wazo-agid',
  'asterisk',
  'wazo-amid',
  'wazo-call-logd',
  'wazo-agentd',
  'wazo-phoned',
  'wazo-calld',
  'wazo-websocketd',
];

const REGISTERING = ['auth', 'calld', 'dird', 'agentd', 'chatd', 'webhookd', 'plugind', 'setupd', 'confd'];

async function sh(lab: Lab, script: string): Promise<{ exitCode: number; output: string }> {
  return lab.exec(['bash', '-c', script]);
}

/** Runs a script that must succeed and returns its output. */
async function ok(lab: Lab, script: string): Promise<string> {
  const result = await sh(lab, script);
  assert.equal(
    result.exitCode,
    0,
    `expected exit 0 from ${JSON.stringify(script)}, got ${result.exitCode}: ${result.output}`,
  );
  return result.output;
}

async function eventually(lab: Lab, script: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await sh(lab, script);
    if (result.exitCode === 0) return result.output;
    if (Date.now() > deadline) {
      assert.fail(
        `${JSON.stringify(script)} still failed after ${timeoutMs} ms: exit ${result.exitCode}: ${result.output}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function fetchSpec(lab: Lab, url: string): Promise<Record<string, unknown>> {
  const parsed = parseSpec(await ok(lab, `curl -sfk -m 10 ${url}`));
  assert.ok(parsed.ok, `${url}: ${parsed.ok ? '' : parsed.error}`);
  return parsed.doc;
}

function field(doc: Record<string, unknown>, key: string): unknown {
  return doc[key];
}

let labA: Lab | undefined;
let labB: Lab | undefined;

function a(): Lab {
  assert.ok(labA, 'lab A did not start');
  return labA;
}

function b(): Lab {
  assert.ok(labB, 'lab B did not start');
  return labB;
}

// Per-process directories: another engineer running the lab tests at the same time gets its own containers.
// The labs boot one after the other: two systemd boots at once on this 2-core machine outlast the boot timeout.
const DIRS = [`.lab/replica-a-${process.pid}`, `.lab/replica-b-${process.pid}`] as const;

before(async () => {
  labA = await startLab({ dir: DIRS[0] });
  labB = await startLab({ dir: DIRS[1] });
});

after(async () => {
  await Promise.all([labA?.stop(), labB?.stop()]);
  for (const dir of DIRS) rmSync(dir, { recursive: true, force: true });
});

void describe('a clean replica', () => {
  void test('every replica unit is active and installed from its package', async () => {
    const active = await sh(a(), `systemctl is-active ${DAEMONS.map((d) => `${d}.service`).join(' ')}`);
    assert.deepEqual(
      active.output.trim().split('\n'),
      DAEMONS.map(() => 'active'),
      active.output,
    );
    const packages = await ok(
      a(),
      `dpkg-query -W -f '\${Package} \${Version} \${Architecture} \${Status}\\n' ${DAEMONS.join(' ')}`,
    );
    assert.deepEqual(
      packages.trim().split('\n').sort(),
      DAEMONS.map((d) => `${d} 24.16.1~lab1 all install ok installed`).sort(),
    );
  });

  void test('wazo-service status reports every daemon running, in the Python order', async () => {
    const result = await sh(a(), 'wazo-service status');
    assert.equal(result.exitCode, 0, result.output);
    const expected = ['Checking database...', '\tOK', 'Checking services...'];
    expected.push(...WAZO_SERVICE_DEFAULT.map((name) => `\trunning\t\t${name}`));
    assert.deepEqual(result.output.trimEnd().split('\n'), expected);
    const all = await sh(a(), 'wazo-service status all');
    assert.equal(all.exitCode, 0, all.output);
    assert.match(all.output, /\trunning\t\trabbitmq-server\n\trunning\t\tpostgresql\n\trunning\t\tnginx\n/);
  });

  void test('monit watches wazo-provd and wazo-confgend and nothing else of Wazo', async () => {
    const out = await eventually(
      a(),
      `monit status | grep -q "^Process 'wazo-provd'" && monit status`,
      60_000,
    );
    const processes = out.split('\n').filter((line) => line.startsWith('Process '));
    assert.deepEqual(processes.sort(), [
      "Process 'asterisk'",
      "Process 'rabbitmq-server'",
      "Process 'wazo-confgend'",
      "Process 'wazo-provd'",
    ]);
  });

  void test('each daemon serves a valid spec with Wazo version and basePath quirks, directly and through nginx', async () => {
    for (const spec of SPECS) {
      const direct = await fetchSpec(a(), `http://127.0.0.1:${spec.port}${spec.prefix}/api/api.yml`);
      assert.deepEqual(validateSpec(direct).errors, [], spec.name);
      assert.equal(field(direct, 'swagger'), '2.0', spec.name);
      assert.equal((direct['info'] as Record<string, unknown>)['version'], spec.version, spec.name);
      assert.equal(field(direct, 'basePath'), spec.basePath, spec.name);
      if (!spec.nginx) continue;
      const proxied = await fetchSpec(a(), `https://127.0.0.1/api/${spec.name}${spec.prefix}/api/api.yml`);
      const basePath = spec.name === 'provd' ? spec.basePath : `/api/${spec.name}${spec.basePath}`;
      assert.equal(field(proxied, 'basePath'), basePath, `${spec.name} through nginx`);
    }
    const sysconfd = await fetchSpec(a(), 'http://127.0.0.1:8668/api/api.yml');
    assert.deepEqual(validateSpec(sysconfd).errors, []);
    assert.equal(field(sysconfd, 'openapi'), '3.0.2');
  });

  void test('routes need a token and answer with Wazo errors; http.feature URLs do not answer 404', async () => {
    const denied = await sh(a(), 'curl -s -m 5 -w " %{http_code}" http://127.0.0.1:9486/1.1/infos');
    assert.match(denied.output, /"error_id": "unauthorized".* 401$/);
    const allowed = await ok(a(), 'curl -sf -m 5 -H "X-Auth-Token: lab" http://127.0.0.1:9486/1.1/infos');
    assert.match(allowed, /"wazo_version": "24.16"/);
    for (const line of HTTP_FEATURE) {
      const [method, path] = line.split(' ');
      const code = await ok(
        a(),
        `curl -sk -m 5 -o /dev/null -w "%{http_code}" -X ${method} https://127.0.0.1${path}`,
      );
      assert.notEqual(code, '404', line);
    }
  });

  void test('the raw listeners answer: agid FastAGI, confgend lines, dxtora socket, phoned TLS on 9499', async () => {
    const agi = 'exec 3<>/dev/tcp/127.0.0.1/4573; printf "agi_network_script: monitoring\\n\\n" >&3; cat <&3';
    assert.equal((await ok(a(), agi)).trim(), 'Status: OK');
    const confgen = 'exec 3<>/dev/tcp/127.0.0.1/8669; echo asterisk/pjsip.conf >&3; cat <&3';
    assert.match(await ok(a(), confgen), /^; asterisk\/pjsip.conf generated/);
    assert.equal((await ok(a(), 'stat -c %F /run/wazo-dxtora/wazo-dxtora.ctl')).trim(), 'socket');
    assert.match(await ok(a(), 'curl -sk -m 5 https://127.0.0.1:9499/0.1/api/api.yml'), /basePath: \/0.1/);
  });

  void test('users, homes, logs and PID files are as Wazo postinsts leave them', async () => {
    const passwd = await ok(a(), 'getent passwd wazo-auth wazo-webhookd');
    assert.match(passwd, /^wazo-auth:x:\d+:\d+::\/var\/lib\/wazo-auth:\/usr\/sbin\/nologin$/m);
    assert.match(passwd, /^wazo-webhookd:x:\d+:\d+::\/var\/lib\/wazo-webhookd:\/usr\/sbin\/nologin$/m);
    assert.equal(
      (await sh(a(), 'test -e /var/lib/wazo-webhookd')).exitCode,
      1,
      'webhookd home is not created',
    );
    const stats = await ok(
      a(),
      'stat -c "%n %U:%G" /var/log/wazo-confd.log /var/log/wazo-sysconfd.log /run/wazo-provd/wazo-provd.pid',
    );
    assert.deepEqual(stats.trim().split('\n'), [
      '/var/log/wazo-confd.log www-data:www-data',
      '/var/log/wazo-sysconfd.log root:root',
      '/run/wazo-provd/wazo-provd.pid wazo-provd:wazo-provd',
    ]);
    assert.match(await ok(a(), 'id wazo-agid'), /groups=.*\(www-data\).*\(asterisk\)/);
  });

  void test('wazo-provd has its fail2ban log as its postinst leaves it: touched, wazo-provd-owned, 0644', async () => {
    const stats = await ok(
      a(),
      'stat -c "%n %U:%G %a" /var/log/wazo-provd.log /var/log/wazo-provd-fail2ban.log',
    );
    assert.deepEqual(stats.trim().split('\n'), [
      '/var/log/wazo-provd.log wazo-provd:wazo-provd 644',
      '/var/log/wazo-provd-fail2ban.log wazo-provd:wazo-provd 644',
    ]);
  });

  void test('wazo-provd holds udp 0.0.0.0:69 in its main process after the privilege drop and answers TFTP', async () => {
    const main = (await ok(a(), 'systemctl show -p MainPID --value wazo-provd')).trim();
    assert.match(main, /^[1-9]\d*$/);
    const listener = await ok(a(), "ss -Hlnpu 'sport = :69'");
    assert.match(listener, new RegExp(`^UNCONN\\s+0\\s+0\\s+0\\.0\\.0\\.0:69\\s.*pid=${main},`, 'm'));
    assert.equal((await ok(a(), `ps -o user:32= -p ${main}`)).trim(), 'wazo-provd');
    const rrq =
      "exec 3<>/dev/udp/127.0.0.1/69; printf '\\0\\1lab.cfg\\0octet\\0' >&3; timeout 5 head -c 4 <&3 | od -An -tx1";
    assert.equal((await ok(a(), rrq)).trim(), '00 05 00 01', 'TFTP ERROR 1 (file not found)');
  });

  void test('webhookd and call-logd run a Celery worker child that writes its PID file as the service user', async () => {
    for (const name of ['wazo-webhookd', 'wazo-call-logd']) {
      const pidFile = `/run/${name}/celery-worker.pid`;
      const main = (await ok(a(), `systemctl show -p MainPID --value ${name}`)).trim();
      const worker = (await eventually(a(), `cat ${pidFile}`, 10_000)).trim();
      assert.match(worker, /^[1-9]\d*$/, name);
      assert.notEqual(worker, main, name);
      assert.equal((await ok(a(), `stat -c "%U:%G %a" ${pidFile}`)).trim(), `${name}:${name} 644`);
      const ps = (await ok(a(), `ps -o user:32=,ppid=,comm= -p ${worker}`)).trim().split(/\s+/);
      assert.deepEqual(ps, [name, main, 'celeryd']);
    }
  });

  void test('the Celery worker stops with its daemon and removes its PID file; a start brings a new one', async () => {
    const pidFile = '/run/wazo-webhookd/celery-worker.pid';
    const first = (await eventually(a(), `cat ${pidFile}`, 10_000)).trim();
    await ok(a(), 'systemctl stop wazo-webhookd');
    assert.equal((await sh(a(), `test -e ${pidFile}`)).exitCode, 1, `${pidFile} left behind`);
    assert.equal((await sh(a(), `kill -0 ${first}`)).exitCode, 1, `worker ${first} outlived its daemon`);
    await ok(a(), 'systemctl start wazo-webhookd');
    const second = (await eventually(a(), `cat ${pidFile}`, 10_000)).trim();
    assert.notEqual(second, first);
  });

  void test('units carry Wazo supervision, gating and no User=', async () => {
    const props = await ok(
      a(),
      'for u in wazo-confd wazo-provd wazo-setupd; do systemctl show -p Restart -p Type -p User $u | sort | paste -sd" "; done',
    );
    assert.deepEqual(props.trim().split('\n'), [
      'Restart=on-failure Type=simple User=',
      'Restart=no Type=forking User=',
      'Restart=no Type=simple User=',
    ]);
    const gated = await ok(
      a(),
      'grep -l "^ConditionPathExists=!/var/lib/wazo/disabled" /lib/systemd/system/wazo-*.service',
    );
    assert.equal(gated.trim().split('\n').length, 9, gated);
  });

  void test('wazo-backup lists Wazo data and leaves out what Wazo leaves out', async () => {
    const script = await ok(a(), 'cat /usr/sbin/wazo-backup');
    const list = /BACKUP_LIST="([^"]*)"/.exec(script)?.[1]?.split(/\s+/).filter(Boolean) ?? [];
    assert.ok(
      list.includes('/etc/wazo-confd/') && list.includes('/etc/wazo-confgend-client/'),
      list.join(' '),
    );
    for (const missing of [
      '/etc/wazo-provd/',
      '/etc/wazo-sysconfd/',
      '/etc/wazo-setupd/',
      '/etc/wazo-confgend/',
    ]) {
      assert.ok(!list.includes(missing), missing);
    }
    await ok(
      a(),
      'wazo-backup data /tmp/lab-backup && tar tzf /tmp/lab-backup.tgz | grep -q "^etc/wazo-confd/config.yml$"',
    );
  });

  void test('consul is off by default, and the consul variant registers the nine daemons with ACL tokens', async () => {
    assert.notEqual((await sh(a(), 'systemctl is-active consul')).exitCode, 0);
    await a().applyVariant('consul');
    const token = 'X-Consul-Token: $(cat /var/lib/consul/master_token)';
    for (const name of REGISTERING) {
      const health = await ok(
        a(),
        `curl -sf -m 5 -H "${token}" "http://127.0.0.1:8500/v1/health/service/wazo-${name}?passing"`,
      );
      assert.match(health, new RegExp(`"Service": "wazo-${name}".*"Status": "passing"`), name);
    }
    assert.equal(
      (await ok(a(), 'curl -s -m 5 http://127.0.0.1:8500/v1/agent/services')).trim(),
      'Permission denied',
    );
    assert.equal(
      (await ok(a(), 'curl -s -m 5 "http://127.0.0.1:8500/v1/agent/services?token=wrong"')).trim(),
      'ACL not found',
    );
    assert.equal(
      (await ok(a(), 'stat -c "%U:%G %a" /var/lib/consul/master_token')).trim(),
      'consul:consul 600',
    );
  });
});

/** Mutation, the command that shows its effect, and what that command must print (a regex). */
const MUTATIONS_A: [string, string, RegExp][] = [
  [
    'nsc06-auth-cannot-read-consul-config',
    'runuser -u wazo-auth -- test -r /var/lib/consul/default_xivo_consul_token.yml; echo $?',
    /^1$/,
  ],
  [
    'nsc16-dird-not-registering',
    'curl -s -H "X-Consul-Token: $(cat /var/lib/consul/master_token)" "127.0.0.1:8500/v1/health/service/wazo-dird?passing"',
    /^\[\]$/,
  ],
  ['nsc01-auth-runs-as-root', 'ps -o user= -p $(systemctl show -p MainPID --value wazo-auth)', /^root$/],
  ['nsc02-agentd-login-shell', 'getent passwd wazo-agentd | cut -d: -f7', /^\/bin\/bash$/],
  [
    'nsc03-plugind-home-under-home',
    'getent passwd wazo-plugind | cut -d: -f6; test -d /home/wazo-plugind && systemctl is-active wazo-plugind',
    /^\/home\/wazo-plugind\nactive$/,
  ],
  [
    'nsc04-amid-log-owned-by-root',
    'stat -c "%U:%G %a" /var/log/wazo-amid.log; systemctl is-active wazo-amid',
    /^root:root 644\nactive$/,
  ],
  [
    'nsc05-provd-pid-dir-root',
    'runuser -u wazo-provd -- test -w /run/wazo-provd; echo $?; systemctl is-active wazo-provd',
    /^1\nactive$/,
  ],
  ['nsc07-call-logd-not-in-wazo-service', 'wazo-service status all | grep -c call-logd; echo $?', /^0\n1$/],
  ['nsc08-provd-monit-unlinked', 'monit status | grep -c "^Process \'wazo-provd\'"', /^0$/],
  [
    'nsc18-calld-wrong-basepath',
    'curl -s http://127.0.0.1:9500/1.0/api/api.yml | grep ^basePath',
    /^basePath: \/2.0$/,
  ],
  [
    'nsc20-dird-foreign-arch',
    "dpkg-query -W -f '${Architecture} ${Status}' 'wazo-dird:*'",
    /^i386 install ok installed$/,
  ],
];

const MUTATIONS_B: [string, string, RegExp][] = [
  ['nsc02-chatd-password', 'getent shadow wazo-chatd | cut -d: -f2 | cut -c1', /^\$$/],
  ['nsc08-webhookd-restart-no', 'systemctl show -p Restart --value wazo-webhookd', /^no$/],
  ['nsc09-dird-log-missing', 'test -e /var/log/wazo-dird.log; echo $?', /^1$/],
  ['nsc09-confgend-config-missing', 'test -e /etc/wazo-confgend/config.yml; echo $?', /^1$/],
  [
    'nsc10-websocketd-disabled',
    'systemctl is-enabled wazo-websocketd; systemctl is-active wazo-websocketd',
    /^disabled\nactive$/,
  ],
  [
    'nsc12-phoned-ungated',
    'touch /var/lib/wazo/disabled; systemctl restart wazo-phoned; systemctl is-active wazo-phoned; rm /var/lib/wazo/disabled',
    /^active$/,
  ],
  ['nsc14-agid-not-backed-up', 'grep -c /etc/wazo-agid/ /usr/sbin/wazo-backup; echo $?', /^0\n1$/],
  [
    'nsc17-chatd-port-8080',
    "ss -ltnH 'sport = :8080' | awk '{print $4}'; curl -sk -o /dev/null -w '%{http_code}' https://127.0.0.1/api/chatd/1.0/status",
    /^127.0.0.1:8080\n401$/,
  ],
  [
    'nsc18-amid-invalid-spec',
    'curl -s http://127.0.0.1:9491/1.0/api/api.yml | grep -c "^  title:"; echo $?',
    /^0\n1$/,
  ],
  [
    'nsc19-confd-nginx-unlinked',
    "curl -sk -o /dev/null -w '%{http_code}' https://127.0.0.1/api/confd/1.1/infos",
    /^404$/,
  ],
  [
    'nsc21-phoned-pip-netaddr',
    'grep -o "netaddr loaded from /usr/local/lib/python3.[0-9]*/dist-packages" /var/log/wazo-phoned.log | tail -1',
    /^netaddr loaded from \/usr\/local\/lib\/python3\.\d+\/dist-packages$/,
  ],
];

function mutationTests(lab: () => Lab, mutations: [string, string, RegExp][]): void {
  for (const [name, command, effect] of mutations) {
    void test(`${name} shows its effect`, async () => {
      await lab().applyMutation(name);
      const seen = (await sh(lab(), command)).output.trim();
      assert.match(seen, effect, `${name}: ${command}`);
    });
  }
}

void describe('mutations on lab A (after the consul variant)', () => {
  mutationTests(a, MUTATIONS_A);

  void test('every other daemon still runs after the A mutations', async () => {
    const active = await sh(a(), `systemctl is-active ${DAEMONS.join(' ')}`);
    assert.deepEqual(
      active.output.trim().split('\n'),
      DAEMONS.map(() => 'active'),
      active.output,
    );
  });
});

void describe('mutations on lab B', () => {
  mutationTests(b, MUTATIONS_B);

  void test('an upgrade to N+1 restarts the daemon and keeps the removed nginx link removed', async () => {
    await ok(
      b(),
      '/usr/lib/wazo-lab/build-debs --out /tmp/n1 --version 24.16.2~lab1 --only wazo-confd >/dev/null',
    );
    await ok(b(), 'dpkg -i /tmp/n1/wazo-confd_24.16.2~lab1_all.deb >/dev/null');
    const out = await ok(
      b(),
      "dpkg-query -W -f '${Version}\\n' wazo-confd; test -e /etc/nginx/locations/https-enabled/wazo-confd; echo $?; systemctl is-active wazo-confd",
    );
    assert.equal(out.trim(), '24.16.2~lab1\n1\nactive');
  });

  void test('wazo-setupd stops itself after the setup, as Wazo does', async () => {
    const code =
      'curl -s -o /dev/null -w "%{http_code}" -X POST -H "X-Auth-Token: lab" http://127.0.0.1:9302/1.0/setup';
    assert.equal((await ok(b(), code)).trim(), '201');
    await eventually(b(), '! systemctl -q is-active wazo-setupd', 30_000);
    assert.equal((await ok(b(), 'systemctl show -p Result --value wazo-setupd')).trim(), 'success');
  });

  void test('the gated daemons other than phoned still honour the disabled file', async () => {
    const out = await ok(
      b(),
      'touch /var/lib/wazo/disabled; systemctl restart wazo-calld; systemctl is-active wazo-calld; rm /var/lib/wazo/disabled; systemctl start wazo-calld',
    );
    assert.equal(out.trim(), 'inactive');
  });

  void test('wazo-service stop then start prints what wazo-acceptance expects', async () => {
    await ok(b(), 'wazo-service stop');
    const stopped = await sh(b(), 'wazo-service status');
    assert.equal(stopped.exitCode, 1, stopped.output);
    assert.doesNotMatch(stopped.output, /\trunning\t/);
    const started = await ok(b(), 'wazo-service start');
    const bash = WAZO_SERVICE_BASH_DEFAULT.map((name) => `\tstarting ${name} ... OK`);
    const expected = [
      'Waiting for services to start successfully...',
      ...bash,
      'Opening port 5060.',
      'Wazo fully booted',
    ];
    assert.deepEqual(started.trimEnd().split('\n'), expected);
    assert.equal((await sh(b(), 'wazo-service status')).exitCode, 0);
  });
});
