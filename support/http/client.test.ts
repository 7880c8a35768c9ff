// The HTTPS client against local TLS servers: CA trust, unknown CA, hostname mismatch, pinning, insecure.
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, test } from 'node:test';
import { ConfigError, HostUnreachable, TimedOut, TlsRejected } from '../errors.ts';
import { createHttpsClient, type HttpClient } from './client.ts';
import { EndpointUnreachable } from './errors.ts';
import { fingerprintOf } from './trust.ts';
import { makeTestPki, type TestPki } from './testing/certs.ts';
import { testConfig } from './testing/config.ts';
import { fakeRemote } from './testing/fake-remote.ts';
import { freePort, startHttps, type Running } from './testing/servers.ts';

let pki: TestPki;
let good: Running;
let wrongName: Running;
let selfSigned: Running;
const ADVICE =
  'trust its CA with --ca FILE, trust the certificate the host itself uses with --pin-from-host, ' +
  'or skip verification with --insecure';
const noRemote = () => Promise.reject(new Error('the SSH connection must not be used'));

before(async () => {
  pki = makeTestPki();
  const hello = (_req: IncomingMessage, res: ServerResponse) => res.end('hello');
  good = await startHttps(pki.server, hello);
  wrongName = await startHttps(pki.wrongName, hello);
  selfSigned = await startHttps(pki.selfSigned, hello);
});

after(async () => {
  await Promise.all([good.close(), wrongName.close(), selfSigned.close()]);
  pki.cleanup();
});

async function withClient<T>(client: HttpClient, use: (c: HttpClient) => Promise<T>): Promise<T> {
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

void test('verifies the server with the CA file and counts requests', async () => {
  const client = await createHttpsClient(testConfig({ port: good.port, caFile: pki.caFile }), noRemote);
  await withClient(client, async (c) => {
    const response = await c.request('/api/confd/');
    assert.equal(response.status, 200);
    assert.equal(response.body, 'hello');
    assert.equal(response.url, `https://127.0.0.1:${good.port}/api/confd/`);
    await c.request('/again');
    assert.equal(c.requestCount, 2);
  });
});

void test('refuses a certificate from an unknown CA with TlsRejected naming host:port and the options', async () => {
  const client = await createHttpsClient(testConfig({ port: good.port }), noRemote);
  await withClient(client, async (c) => {
    await assert.rejects(c.request('/'), (err: unknown) => {
      assert.ok(err instanceof TlsRejected);
      assert.equal(err.code, 'TLS_REJECTED');
      assert.equal(
        err.message,
        `TLS certificate of 127.0.0.1:${good.port} rejected: unable to verify the first certificate ` +
          `(unknown issuer); ${ADVICE}`,
      );
      return true;
    });
  });
});

void test('refuses a self-signed certificate', async () => {
  const client = await createHttpsClient(testConfig({ port: selfSigned.port, caFile: pki.caFile }), noRemote);
  await withClient(client, async (c) => {
    await assert.rejects(c.request('/'), {
      name: 'TlsRejected',
      message: `TLS certificate of 127.0.0.1:${selfSigned.port} rejected: self-signed certificate; ${ADVICE}`,
    });
  });
});

void test('refuses a certificate issued for another name', async () => {
  const client = await createHttpsClient(testConfig({ port: wrongName.port, caFile: pki.caFile }), noRemote);
  await withClient(client, async (c) => {
    await assert.rejects(c.request('/'), {
      name: 'TlsRejected',
      message:
        `TLS certificate of 127.0.0.1:${wrongName.port} rejected: hostname mismatch: cert is for ` +
        `DNS:other.example; ${ADVICE}`,
    });
  });
});

void test('verifies against serverName instead of the dialled address', async () => {
  const config = testConfig({ port: wrongName.port, caFile: pki.caFile, serverName: 'other.example' });
  const client = await createHttpsClient(config, noRemote);
  await withClient(client, async (c) => assert.equal((await c.request('/')).status, 200));
});

void test('pin-from-host trusts exactly the certificate named by nginx on the host', async () => {
  const remote = fakeRemote({
    '/etc/nginx/sites-available/wazo':
      'server {\n  # ssl_certificate /nope;\n  ssl_certificate /etc/ssl/lab.crt;\n}\n',
    '/etc/ssl/lab.crt': pki.selfSigned.cert,
  });
  const client = await createHttpsClient(
    testConfig({ port: selfSigned.port, pinFromHost: true }),
    async () => remote,
  );
  await withClient(client, async (c) => assert.equal((await c.request('/')).body, 'hello'));
  assert.deepEqual(remote.commands, [
    ['cat', '/etc/nginx/sites-available/wazo'],
    ['cat', '/etc/ssl/lab.crt'],
  ]);
});

void test('pin-from-host refuses a server presenting another certificate', async () => {
  const remote = fakeRemote({ '/usr/share/wazo-certs/server.crt': pki.selfSigned.cert });
  const client = await createHttpsClient(
    testConfig({ port: good.port, pinFromHost: true }),
    async () => remote,
  );
  await withClient(client, async (c) => {
    await assert.rejects(c.request('/'), {
      name: 'TlsRejected',
      message:
        `TLS certificate of 127.0.0.1:${good.port} rejected: the presented certificate (SHA-256 ` +
        `${fingerprintOf(pki.server.cert)}) is not the host's own certificate /usr/share/wazo-certs/server.crt ` +
        `on root@fake-host:22 (SHA-256 ${fingerprintOf(pki.selfSigned.cert)}); ${ADVICE}`,
    });
  });
});

void test('pin-from-host still checks the hostname', async () => {
  const remote = fakeRemote({ '/usr/share/wazo-certs/server.crt': pki.wrongName.cert });
  const client = await createHttpsClient(
    testConfig({ port: wrongName.port, pinFromHost: true }),
    async () => remote,
  );
  await withClient(client, async (c) => {
    await assert.rejects(c.request('/'), {
      name: 'TlsRejected',
      message: `TLS certificate of 127.0.0.1:${wrongName.port} rejected: hostname mismatch: cert is for DNS:other.example; ${ADVICE}`,
    });
  });
});

void test('pin-from-host without a certificate on the host is a clear error', async () => {
  const remote = fakeRemote({});
  await assert.rejects(
    createHttpsClient(testConfig({ pinFromHost: true }), async () => remote),
    {
      name: 'RemoteCommandFailed',
      message:
        '--pin-from-host: cannot read /usr/share/wazo-certs/server.crt on root@fake-host:22: exit 1: ' +
        'cat: /usr/share/wazo-certs/server.crt: No such file or directory',
    },
  );
});

void test('insecure accepts any certificate, explicitly', async () => {
  const client = await createHttpsClient(testConfig({ port: selfSigned.port, insecure: true }), noRemote);
  await withClient(client, async (c) => assert.equal((await c.request('/')).status, 200));
});

void test('an unreadable CA file is a configuration error', async () => {
  await assert.rejects(createHttpsClient(testConfig({ caFile: '/nonexistent/ca.crt' }), noRemote), (err) => {
    assert.ok(err instanceof ConfigError);
    assert.match(err.message, /^https\.caFile: cannot read \/nonexistent\/ca\.crt: ENOENT/);
    return true;
  });
});

void test('a refused connection names the endpoint', async () => {
  const port = await freePort();
  const client = await createHttpsClient(testConfig({ port, caFile: pki.caFile }), noRemote);
  await withClient(client, async (c) => {
    await assert.rejects(c.request('/api/'), (err: unknown) => {
      assert.ok(err instanceof EndpointUnreachable && err instanceof HostUnreachable);
      assert.equal(
        err.message,
        `GET https://127.0.0.1:${port}/api/: 127.0.0.1:${port} refused the connection ` +
          '(directly from the runner (https.route: direct); https.route: ssh goes through the SSH connection instead)',
      );
      return true;
    });
  });
});

void test('a server that never answers times out with what was awaited and for how long', async () => {
  const silent = await startHttps(pki.server, () => {});
  const client = await createHttpsClient(
    testConfig({ port: silent.port, caFile: pki.caFile, timeoutMs: 300 }),
    noRemote,
  );
  try {
    await withClient(client, async (c) => {
      await assert.rejects(c.request('/slow'), (err: unknown) => {
        assert.ok(err instanceof TimedOut);
        assert.equal(
          err.message,
          `GET https://127.0.0.1:${silent.port}/slow: no complete response after 300ms`,
        );
        return true;
      });
    });
  } finally {
    await silent.close();
  }
});
