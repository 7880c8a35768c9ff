// HTTPS, tunnel and Consul clients and the NSC-16/18/19 features against a lab with Consul on, then with mutations.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { RESULT_MEDIA_TYPE, type CheckResult } from '../result.ts';
import type { RunnerConfig } from '../config/types.ts';
import { PACKAGE_ROOT } from '../config/defaults.ts';
import { createConsulClient } from '../consul/client.ts';
import { AuthFailed, TlsRejected } from '../errors.ts';
import { startLab, type Lab } from '../lab/lab.ts';
import { openRemoteHost } from '../ssh/connect.ts';
import type { RemoteHost } from '../ssh/transport.ts';
import { createHttpsClient, createTunnelClient, type HttpClient } from './client.ts';
import { EndpointUnreachable } from './errors.ts';
import { testConfig } from './testing/config.ts';

const BIN = join(PACKAGE_ROOT, 'support', 'cli', 'bin.mjs');
const TAGS = '@NSC-16 or @NSC-18 or @NSC-19';
const MUTATIONS = [
  'nsc16-dird-not-registering',
  'nsc18-calld-wrong-basepath',
  'nsc18-amid-invalid-spec',
  'nsc19-confd-nginx-unlinked',
];

/** What the four mutations must change, and nothing else (HTTPS_PORT is the lab's mapped port). */
const EXPECTED_AFTER_MUTATIONS = [
  "failed: wazo-amid on 127.0.0.1: NSC-18 spec at http://127.0.0.1:9491/1.0/api/api.yml: not a valid swagger-2.0 document: /info must have required property 'title'; spec at https://127.0.0.1:HTTPS_PORT/api/amid/1.0/api/api.yml: not a valid swagger-2.0 document: /info must have required property 'title'",
  'failed: wazo-calld on 127.0.0.1: NSC-18 spec at http://127.0.0.1:9500/1.0/api/api.yml: basePath: expected "/1.0", found "/2.0"; spec at https://127.0.0.1:HTTPS_PORT/api/calld/1.0/api/api.yml: basePath: expected "/api/calld/1.0", found "/api/calld/2.0"',
  'failed: wazo-confd on 127.0.0.1: NSC-18 spec at https://127.0.0.1:HTTPS_PORT/api/confd/1.1/api/api.yml: expected 200, found 404',
  'failed: wazo-confd on 127.0.0.1: NSC-19 GET /api/confd/ through the web server: expected an answer from wazo-confd, found 404',
  'failed: wazo-confd on 127.0.0.1: NSC-19 GET /api/confd/1.1/infos through the web server: expected an answer, found 404',
  'failed: wazo-dird on 127.0.0.1: NSC-16 Consul service wazo-dird: expected registered with every check passing, found not registered (registered: consul, wazo-agentd, wazo-auth, wazo-calld, wazo-chatd, wazo-confd, wazo-plugind, wazo-setupd, wazo-webhookd)',
];

function labConfig(
  lab: Lab,
  https: Partial<RunnerConfig['https']> = {},
  consulAddress = '127.0.0.1:8500',
): RunnerConfig {
  const config = testConfig(
    { port: lab.httpsPort, caFile: join(lab.dir, 'ca.crt'), ...https },
    { enabled: true, address: consulAddress },
  );
  config.ssh = {
    ...config.ssh,
    port: lab.sshPort,
    keyFile: join(lab.dir, 'id_ed25519'),
    knownHostsFile: join(lab.dir, 'known_hosts'),
  };
  return config;
}

async function using<T>(client: HttpClient, use: (c: HttpClient) => Promise<T>): Promise<T> {
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

/** The daemons whose catalog entry rules NSC-16/18/19 out, each with its reason there. */
const CATALOG_NOT_APPLICABLE = [
  ...[
    'wazo-agid',
    'wazo-amid',
    'wazo-call-logd',
    'wazo-confgend',
    'wazo-dxtora',
    'wazo-phoned',
    'wazo-provd',
  ],
  ...['wazo-sysconfd', 'wazo-websocketd'],
]
  .map((s) => `${s} NSC-16`)
  .concat(['wazo-agid', 'wazo-confgend', 'wazo-dxtora', 'wazo-websocketd'].map((s) => `${s} NSC-18`))
  .concat(
    ['wazo-agid', 'wazo-confgend', 'wazo-dxtora', 'wazo-phoned', 'wazo-sysconfd'].map((s) => `${s} NSC-19`),
  )
  .sort();

function runFeatures(
  lab: Lab,
  work: string,
  name: string,
): Promise<{ code: number | null; results: CheckResult[]; ms: number }> {
  const messages = join(work, `${name}.ndjson`);
  const args = [BIN, '--config', lab.configFile, '--tags', TAGS, '--format', `message:${messages}`];
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env.PATH ?? '', HOME: work };
    const child = spawn(process.execPath, args, { cwd: work, env, timeout: 300_000, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => {
      const results = readFileSync(messages, 'utf8')
        .split('\n')
        .filter((line) => line.includes(RESULT_MEDIA_TYPE))
        .map((line) => (JSON.parse(line) as { attachment: { body: string } }).attachment.body)
        .map((body) => JSON.parse(body) as CheckResult);
      resolve({ code, results, ms: Date.now() - started });
    });
  });
}

/** The outcomes of `after` that `before` did not have, as "status: message". */
function newOutcomes(before: readonly CheckResult[], after: readonly CheckResult[]): string[] {
  const seen = new Set(before.map((r) => `${r.status}: ${r.message}`));
  return after
    .map((r) => `${r.status}: ${r.message}`)
    .filter((line) => !seen.has(line))
    .sort();
}

void describe('HTTP, OpenAPI and Consul against the lab (consul variant)', () => {
  let lab: Lab;
  let work: string;
  let remote: RemoteHost;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'wla-http-lab-'));
    lab = await startLab({ dir: join(work, 'lab'), variant: 'consul' });
    const config = labConfig(lab);
    remote = await openRemoteHost(config.host, config.ssh, {});
  });

  after(async () => {
    await remote?.close();
    await lab?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  void test('HTTPS: the lab CA verifies, pin-from-host verifies, no CA is refused, insecure passes', async () => {
    const spec = '/api/confd/1.1/api/api.yml';
    await using(await createHttpsClient(labConfig(lab), async () => remote), async (c) =>
      assert.equal((await c.request(spec)).status, 200),
    );
    const pinned = labConfig(lab, { caFile: undefined, pinFromHost: true });
    await using(await createHttpsClient(pinned, async () => remote), async (c) =>
      assert.equal((await c.request(spec)).status, 200),
    );
    await using(
      await createHttpsClient(labConfig(lab, { caFile: undefined }), async () => remote),
      async (c) => {
        await assert.rejects(c.request(spec), (err: unknown) => {
          assert.ok(err instanceof TlsRejected);
          assert.match(
            err.message,
            new RegExp(`^TLS certificate of 127\\.0\\.0\\.1:${lab.httpsPort} rejected: `),
          );
          return true;
        });
      },
    );
    const insecure = labConfig(lab, { caFile: undefined, insecure: true });
    await using(await createHttpsClient(insecure, async () => remote), async (c) =>
      assert.equal((await c.request(spec)).status, 200),
    );
  });

  void test('the tunnel reaches a daemon on its own loopback port through the SSH connection', async () => {
    await using(createTunnelClient(remote, 9486, 5000), async (c) => {
      const response = await c.request('/1.1/api/api.yml');
      assert.equal(response.status, 200);
      assert.match(response.body, /swagger: '?2\.0'?/);
    });
    await using(createTunnelClient(remote, 9, 5000), async (c) => {
      await assert.rejects(c.request('/'), (err: unknown) => {
        assert.ok(err instanceof EndpointUnreachable, String(err));
        assert.match(err.message, /^nothing answers at 127\.0\.0\.1:9 on root@127\.0\.0\.1:\d+: /);
        return true;
      });
    });
  });

  void test('Consul: the token file on the host works, a wrong token is refused without showing it', async () => {
    const consul = await createConsulClient(labConfig(lab), remote, {});
    try {
      assert.ok((await consul.healthyServices('wazo-confd')).length > 0);
      assert.ok((await consul.serviceNames()).includes('wazo-auth'));
    } finally {
      await consul.close();
    }
    const elsewhere = await createConsulClient(labConfig(lab, {}, '127.0.0.1:8599'), remote, {});
    try {
      await assert.rejects(elsewhere.serviceNames(), {
        name: 'EndpointUnreachable',
        message: 'Consul is not reachable at 127.0.0.1:8599 on 127.0.0.1',
      });
    } finally {
      await elsewhere.close();
    }
    const wrong = 'not-the-master-token-5e1';
    const refused = await createConsulClient(labConfig(lab), remote, { WAZO_CONSUL_TOKEN: wrong });
    try {
      await assert.rejects(refused.serviceNames(), (err: unknown) => {
        assert.ok(err instanceof AuthFailed);
        assert.match(
          err.message,
          /^Consul refused the token \(from environment variable WAZO_CONSUL_TOKEN\): 403 /,
        );
        assert.ok(!err.message.includes(wrong));
        return true;
      });
    } finally {
      await refused.close();
    }
  });

  void test('the features pass on the clean lab, and each mutation fails exactly its daemon and item', async () => {
    const clean = await runFeatures(lab, work, 'clean');
    const failedClean = clean.results.filter((r) => r.status !== 'passed' && r.status !== 'not-applicable');
    assert.deepEqual(
      failedClean.map((r) => r.message),
      [],
    );
    // Not applicable only where the catalog says so: a pass that turned n/a would slip through otherwise.
    const notApplicable = clean.results
      .filter((r) => r.status === 'not-applicable')
      .map((r) => `${r.service} ${r.item}`)
      .sort();
    assert.deepEqual(notApplicable, CATALOG_NOT_APPLICABLE);
    const registered = clean.results
      .filter((r) => r.item === 'NSC-16' && r.status === 'passed')
      .map((r) => r.service);
    assert.deepEqual(registered.sort(), [
      'wazo-agentd',
      'wazo-auth',
      'wazo-calld',
      'wazo-chatd',
      'wazo-confd',
      'wazo-dird',
      'wazo-plugind',
      'wazo-setupd',
      'wazo-webhookd',
    ]);
    for (const mutation of MUTATIONS) await lab.applyMutation(mutation);
    const mutated = await runFeatures(lab, work, 'mutated');
    assert.equal(mutated.code, 1);
    const port = lab.httpsPort;
    assert.deepEqual(
      newOutcomes(clean.results, mutated.results),
      EXPECTED_AFTER_MUTATIONS.map((line) => line.replaceAll('HTTPS_PORT', String(port))).sort(),
      `clean run ${clean.ms} ms, mutated run ${mutated.ms} ms`,
    );
  });
});
