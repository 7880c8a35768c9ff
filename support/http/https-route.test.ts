// https.route ssh over a real ssh2 connection (in-process server) to a local TLS server: same checks, other path.
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Duplex } from 'node:stream';
import { after, before, test } from 'node:test';
import type { HttpsConfig } from '../config/types.ts';
import { HostUnreachable, RemoteCommandFailed, TlsRejected } from '../errors.ts';
import { openRemoteHost } from '../ssh/connect.ts';
import type { RemoteHost } from '../ssh/transport.ts';
import { testSshConfig } from '../ssh/testing/config.ts';
import { FakeSshServer } from '../ssh/testing/fake-ssh-server.ts';
import { TempDir, knownHostsLine, newKeyPair } from '../ssh/testing/keys.ts';
import { createHttpsClient, type HttpClient } from './client.ts';
import { EndpointUnreachable } from './errors.ts';
import { makeTestPki, type TestPki } from './testing/certs.ts';
import { testConfig } from './testing/config.ts';
import { fakeRemote } from './testing/fake-remote.ts';
import { freePort, startHttps, type Running } from './testing/servers.ts';

/** A name the runner cannot resolve (RFC 2606): only the SSH route can reach "it". */
const HOST = 'wazo-1.invalid';
const ADVICE =
  'trust its CA with --ca FILE, trust the certificate the host itself uses with --pin-from-host, ' +
  'or skip verification with --insecure';

const dir = new TempDir();
const hostKey = newKeyPair();
const clientKey = newKeyPair();
let pki: TestPki;
let nginx: Running;
let sshd: FakeSshServer;
let remote: RemoteHost;
const forwards: string[] = [];

before(async () => {
  pki = makeTestPki();
  nginx = await startHttps(pki.server, (req: IncomingMessage, res: ServerResponse) =>
    res.end(`at ${req.url}`),
  );
  sshd = await new FakeSshServer({ hostKey: hostKey.private, authorizedKey: clientKey.public }).start();
  const ssh = testSshConfig({
    port: sshd.port,
    keyFile: dir.file('id_ed25519', clientKey.private),
    knownHostsFile: dir.file('known_hosts', knownHostsLine('127.0.0.1', sshd.port, hostKey)),
  });
  remote = await openRemoteHost('127.0.0.1', ssh, {});
  const forwardOut = remote.forwardOut.bind(remote);
  remote.forwardOut = (host, port) => {
    forwards.push(`${host}:${port}`);
    return forwardOut(host, port);
  };
});

after(async () => {
  await remote.close();
  await sshd.stop();
  await nginx.close();
  pki.cleanup();
  dir.remove();
});

function routed(https: Partial<HttpsConfig>, jumpHost?: string) {
  const config = testConfig({ route: 'ssh', caFile: pki.caFile, ...https });
  return { ...config, host: HOST, ssh: { ...config.ssh, ...(jumpHost ? { jumpHost } : {}) } };
}

async function withClient<T>(client: HttpClient, use: (c: HttpClient) => Promise<T>): Promise<T> {
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

const via = () => `through the SSH connection to root@127.0.0.1:${sshd.port}`;

void test('route ssh reaches nginx at 127.0.0.1:port on the host and verifies the certificate for serverName', async () => {
  forwards.length = 0;
  const config = routed({ port: nginx.port, serverName: 'localhost' });
  const client = await createHttpsClient(config, async () => remote);
  await withClient(client, async (c) => {
    const response = await c.request('/api/confd/1.1/api/api.yml');
    assert.equal(response.status, 200);
    assert.equal(response.body, 'at /api/confd/1.1/api/api.yml');
    assert.equal(response.url, `https://${HOST}:${nginx.port}/api/confd/1.1/api/api.yml`);
  });
  assert.deepEqual(forwards, [`127.0.0.1:${nginx.port}`]);
});

void test('the same configuration on route direct cannot reach the host, and says which route it took', async () => {
  const config = routed({ route: 'direct', port: nginx.port, serverName: 'localhost' }, 'admin@bastion:22');
  const client = await createHttpsClient(config, () => Promise.reject(new Error('no SSH on route direct')));
  await withClient(client, async (c) => {
    await assert.rejects(c.request('/api/'), (err: unknown) => {
      assert.ok(err instanceof HostUnreachable && !(err instanceof EndpointUnreachable));
      assert.equal(
        err.message,
        `GET https://${HOST}:${nginx.port}/api/: DNS lookup of ${HOST}:${nginx.port} failed ` +
          '(directly from the runner (https.route: direct); with a jump host use https.route: ssh)',
      );
      return true;
    });
  });
});

void test("route ssh still checks the hostname: without serverName the host's name is verified and refused", async () => {
  const client = await createHttpsClient(routed({ port: nginx.port }), async () => remote);
  await withClient(client, async (c) => {
    await assert.rejects(c.request('/'), (err: unknown) => {
      assert.ok(err instanceof TlsRejected);
      assert.equal(err.code, 'TLS_REJECTED');
      assert.equal(
        err.message,
        `TLS certificate of ${HOST}:${nginx.port} (${via()}) rejected: hostname mismatch: cert is for ` +
          `DNS:localhost, IP Address:127.0.0.1; ${ADVICE}`,
      );
      return true;
    });
  });
});

void test('route ssh still checks the CA: without the CA file the certificate is refused', async () => {
  const config = routed({ port: nginx.port, serverName: 'localhost' });
  delete config.https.caFile;
  const client = await createHttpsClient(config, async () => remote);
  await withClient(client, async (c) => {
    await assert.rejects(c.request('/'), {
      name: 'TlsRejected',
      message:
        `TLS certificate of ${HOST}:${nginx.port} (${via()}) rejected: unable to verify the first certificate ` +
        `(unknown issuer); ${ADVICE}`,
    });
  });
});

void test('route ssh with --insecure accepts the wrong name, explicitly', async () => {
  const client = await createHttpsClient(routed({ port: nginx.port, insecure: true }), async () => remote);
  await withClient(client, async (c) => assert.equal((await c.request('/x')).body, 'at /x'));
});

void test('nothing listening on the host names nginx, the route and the jump host', async () => {
  const port = await freePort();
  const config = routed({ port, serverName: 'localhost' }, 'admin@bastion:22');
  const client = await createHttpsClient(config, async () => remote);
  await withClient(client, async (c) => {
    await assert.rejects(c.request('/api/'), (err: unknown) => {
      assert.ok(err instanceof EndpointUnreachable);
      assert.equal(
        err.message,
        `nginx at https://${HOST}:${port} (${via()} via admin@bastion:22) does not answer: ` +
          `nothing answers at 127.0.0.1:${port} on root@127.0.0.1:${sshd.port}: (SSH) Channel open failure (connect failed)`,
      );
      return true;
    });
  });
});

void test("route ssh with pin-from-host: the host's https.port as seen from the host, pinned to the host's own certificate", async () => {
  const selfSigned = await startHttps(pki.selfSigned, (_req, res) => res.end('pinned'));
  const host = fakeRemote(
    { '/usr/share/wazo-certs/server.crt': pki.selfSigned.cert },
    { 443: selfSigned.port },
  );
  try {
    const config = routed({ port: 443, caFile: undefined, pinFromHost: true, serverName: 'localhost' });
    delete config.https.caFile;
    const client = await createHttpsClient(config, async () => host);
    await withClient(client, async (c) => assert.equal((await c.request('/')).body, 'pinned'));
    assert.deepEqual(host.forwards, [{ host: '127.0.0.1', port: 443 }]);
    assert.deepEqual(host.commands, [
      ['cat', '/etc/nginx/sites-available/wazo'],
      ['cat', '/usr/share/wazo-certs/server.crt'],
    ]);
  } finally {
    await selfSigned.close();
  }
});

void test('a forward refused after the channel opened (the openssh transport) still names nginx and the route', async () => {
  const host = fakeRemote({});
  host.forwardOut = async () => {
    const refused = new RemoteCommandFailed(
      `${host.label} could not open a TCP connection to 127.0.0.1:443: connect failed: Connection refused`,
    );
    const stream: Duplex = new Duplex({
      read() {},
      write(_chunk, _encoding, done) {
        done();
        setImmediate(() => stream.destroy(refused));
      },
    });
    return stream;
  };
  const client = await createHttpsClient(routed({ port: 443, serverName: 'localhost' }), async () => host);
  await withClient(client, async (c) => {
    await assert.rejects(c.request('/'), (err: unknown) => {
      assert.ok(err instanceof EndpointUnreachable);
      assert.equal(
        err.message,
        `nginx at https://${HOST}:443 (through the SSH connection to root@fake-host:22) does not answer: ` +
          'nothing answers at 127.0.0.1:443 on root@fake-host:22: connect failed: Connection refused',
      );
      return true;
    });
  });
});
