// Negative self-test: a lab broken one way per checklist item must fail exactly there, with the exact message.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startLab } from '../lab/lab.ts';
import type { Lab } from '../lab/lab.ts';
import { differences, loadExpected } from './selftest/expected.ts';
import type { ExpectedRun, Finding } from './selftest/expected.ts';
import { runCli } from '../cli/testing/run-cli.ts';

const EXPECTED = fileURLToPath(new URL('../../fixtures/expected/default-lab.yml', import.meta.url));
const RUN_TIMEOUT_MS = 300_000;
const H = 'on 127.0.0.1:';

/** A pip install under /usr/local shadows Debian's packages for every python3 daemon: NSC-21 is host-wide. */
const PYTHON_DAEMONS = [
  'wazo-agentd',
  'wazo-agid',
  'wazo-amid',
  'wazo-auth',
  'wazo-call-logd',
  'wazo-calld',
  'wazo-chatd',
  'wazo-confd',
  'wazo-confgend',
  'wazo-dird',
  'wazo-dxtora',
  'wazo-phoned',
  'wazo-plugind',
  'wazo-provd',
  'wazo-setupd',
  'wazo-sysconfd',
  'wazo-webhookd',
  'wazo-websocketd',
];

/** fixtures/lab/mutations/<name>.sh, applied in this order, and every failure it must cause (side effects included). */
const MUTATIONS: Record<string, Omit<Finding, 'kind' | 'source'>[]> = {
  // First: reinstalling the package runs its postinst, which would recreate the log nsc09-dird-log-missing removes.
  'nsc20-dird-foreign-arch': [
    {
      service: 'wazo-dird',
      item: 'NSC-20',
      message: `wazo-dird ${H} NSC-20 package wazo-dird architecture: expected all or amd64, found i386`,
    },
  ],
  'nsc01-auth-runs-as-root': [
    {
      service: 'wazo-auth',
      item: 'NSC-01',
      message: `wazo-auth ${H} NSC-01 process <pid>: expected a user other than root, found root (uid 0)`,
    },
  ],
  'nsc02-agentd-login-shell': [
    {
      service: 'wazo-agentd',
      item: 'NSC-02',
      message: `wazo-agentd ${H} NSC-02 shell: expected /usr/sbin/nologin or /bin/false, found /bin/bash`,
    },
  ],
  'nsc02-chatd-password': [
    {
      service: 'wazo-chatd',
      item: 'NSC-02',
      message: `wazo-chatd ${H} NSC-02 password: expected locked (! or *) or absent, found a password hash`,
    },
  ],
  'nsc03-plugind-home-under-home': [
    {
      service: 'wazo-plugind',
      item: 'NSC-03',
      message:
        `wazo-plugind ${H} NSC-03 home: expected not under /home, found /home/wazo-plugind; /home/wazo-plugind: expected absent, found present; ` +
        'home /home/wazo-plugind: expected under /var/lib/ when it exists, found an existing directory',
    },
  ],
  'nsc04-amid-log-owned-by-root': [
    {
      service: 'wazo-amid',
      item: 'NSC-04',
      message: `wazo-amid ${H} NSC-04 log file /var/log/wazo-amid.log: expected writable by wazo-amid, found root:root 0644`,
    },
  ],
  'nsc05-provd-pid-dir-root': [
    {
      service: 'wazo-provd',
      item: 'NSC-05',
      message: `wazo-provd ${H} NSC-05 PID directory /run/wazo-provd: expected writable by wazo-provd, found root:root 0755`,
    },
  ],
  'nsc07-call-logd-not-in-wazo-service': [
    {
      service: 'wazo-call-logd',
      item: 'NSC-07',
      message: `wazo-call-logd ${H} NSC-07 wazo-service status: expected to list wazo-call-logd, found it absent`,
    },
  ],
  'nsc08-provd-monit-unlinked': [
    {
      service: 'wazo-provd',
      item: 'NSC-08',
      message: `wazo-provd ${H} NSC-08 monit: expected Process 'wazo-provd' monitored, found no such check`,
    },
  ],
  'nsc08-webhookd-restart-no': [
    {
      service: 'wazo-webhookd',
      item: 'NSC-08',
      message: `wazo-webhookd ${H} NSC-08 unit Restart=: expected on-failure, found no`,
    },
  ],
  'nsc09-confgend-config-missing': [
    {
      service: 'wazo-confgend',
      item: 'NSC-09',
      message: `wazo-confgend ${H} NSC-09 /etc/wazo-confgend/config.yml: expected present, found absent`,
    },
  ],
  'nsc09-dird-log-missing': [
    {
      service: 'wazo-dird',
      item: 'NSC-09',
      message: `wazo-dird ${H} NSC-09 /var/log/wazo-dird.log: expected present, found absent`,
    },
    {
      service: 'wazo-dird',
      item: 'NSC-04',
      message: `wazo-dird ${H} NSC-04 log file /var/log/wazo-dird.log: expected present, found absent`,
    },
  ],
  'nsc10-websocketd-disabled': [
    {
      service: 'wazo-websocketd',
      item: 'NSC-10',
      message:
        `wazo-websocketd ${H} NSC-10 unit wazo-websocketd.service: expected enabled, found disabled; ` +
        'unit wazo-websocketd.service WantedBy=: expected multi-user.target, found nothing',
    },
    {
      service: 'wazo-websocketd',
      item: 'NSC-09',
      message: `wazo-websocketd ${H} NSC-09 unit wazo-websocketd.service: expected enabled, found disabled`,
    },
  ],
  'nsc14-agid-not-backed-up': [
    {
      service: 'wazo-agid',
      item: 'NSC-14',
      message:
        `wazo-agid ${H} NSC-14 config path /etc/wazo-agid/config.yml: expected covered by wazo-backup's data list, found no entry covering it; ` +
        "config path /etc/wazo-agid/conf.d/: expected covered by wazo-backup's data list, found no entry covering it",
    },
  ],
  'nsc17-chatd-port-8080': [
    {
      service: 'wazo-chatd',
      item: 'NSC-17',
      message:
        `wazo-chatd ${H} NSC-17 port tcp 127.0.0.1:9304: expected a listener of wazo-chatd (MainPID <pid>), found none; ss attributes to wazo-chatd: tcp 127.0.0.1:8080; ` +
        "undeclared listener tcp 127.0.0.1:8080: expected only the catalog's ports (tcp 127.0.0.1:9304)",
    },
    {
      service: 'wazo-chatd',
      item: 'NSC-19-NGINX',
      message: `wazo-chatd ${H} NSC-19-NGINX nginx location /api/chatd/ proxy_pass: expected http://127.0.0.1:9304/, found http://127.0.0.1:8080/`,
    },
    {
      service: 'wazo-chatd',
      item: 'NSC-18',
      message:
        `wazo-chatd ${H} NSC-18 spec at http://127.0.0.1:9304/1.0/api/api.yml: nothing answers at 127.0.0.1:9304 on ` +
        'root@127.0.0.1:<port>: (SSH) Channel open failure: Connection refused (connect failed)',
    },
  ],
  'nsc19-confd-nginx-unlinked': [
    {
      service: 'wazo-confd',
      item: 'NSC-19-NGINX',
      message: `wazo-confd ${H} NSC-19-NGINX nginx location /api/confd/: expected enabled (https-enabled/wazo-confd), found not enabled`,
    },
    {
      service: 'wazo-confd',
      item: 'NSC-18',
      message: `wazo-confd ${H} NSC-18 spec at https://127.0.0.1:<port>/api/confd/1.1/api/api.yml: expected 200, found 404`,
    },
    // Both NSC-19 scenarios (the REST API and the catalog's route) fail; the first failure's message is compared.
    {
      service: 'wazo-confd',
      item: 'NSC-19',
      message: `wazo-confd ${H} NSC-19 GET /api/confd/ through the web server: expected an answer from wazo-confd, found 404`,
    },
  ],
  'nsc21-phoned-pip-netaddr': PYTHON_DAEMONS.map((service) => ({
    service,
    item: 'NSC-21',
    message:
      `${service} ${H} NSC-21 Python packages installed outside Debian: netaddr-1.3.0 in /usr/local/lib/python3.11/dist-packages: ` +
      'expected none (dependencies must be Debian packages)',
  })),
};

function mutatedExpectation(base: ExpectedRun): ExpectedRun {
  const expected: ExpectedRun = structuredClone(base);
  for (const [mutation, findings] of Object.entries(MUTATIONS)) {
    for (const finding of findings) {
      const before = expected.results[finding.service]![finding.item];
      expected.results[finding.service]![finding.item] = Array.isArray(before)
        ? before.map(() => 'fail')
        : 'fail';
      expected.findings = expected.findings.filter(
        (f) => f.service !== finding.service || f.item !== finding.item,
      );
      expected.findings.push({
        ...finding,
        kind: 'mutation',
        source: `fixtures/lab/mutations/${mutation}.sh`,
      });
    }
  }
  return expected;
}

let lab: Lab | undefined;

before(async () => {
  lab = await startLab({ dir: `.lab/selftest-mutations-${process.pid}` });
  for (const mutation of Object.keys(MUTATIONS)) await lab.applyMutation(mutation);
});

after(async () => {
  await lab?.stop();
});

void test(
  'every mutation fails exactly its checklist item, with the exact message',
  { timeout: RUN_TIMEOUT_MS + 10_000 },
  async () => {
    const run = await runCli(['--config', lab!.configFile, '--profile', 'daily'], RUN_TIMEOUT_MS);
    assert.deepEqual(
      differences(mutatedExpectation(loadExpected(EXPECTED)), run.results),
      [],
      run.output.slice(-3000),
    );
    assert.equal(run.exitCode, 1);
  },
);
