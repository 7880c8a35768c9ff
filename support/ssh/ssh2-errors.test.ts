// Socket and ssh2 errors met while connecting, mapped to HostUnreachable / AuthFailed with host:port and cause.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapConnectError } from './ssh2-errors.ts';

const context = {
  label: 'root@wazo-1:22',
  host: 'wazo-1',
  port: 22,
  user: 'root',
  credentials: 'key /keys/id',
  timeoutMs: 3000,
};
const error = (message: string, extra: Record<string, string>) => Object.assign(new Error(message), extra);

void test('socket errors name the cause', () => {
  const cases: [string, string][] = [
    ['ENOTFOUND', 'cannot reach root@wazo-1:22: DNS lookup of wazo-1 failed (ENOTFOUND)'],
    ['ECONNREFUSED', 'cannot reach root@wazo-1:22: connection to wazo-1:22 refused (ECONNREFUSED)'],
    ['EHOSTUNREACH', 'cannot reach root@wazo-1:22: no route to wazo-1:22 (EHOSTUNREACH)'],
    ['ETIMEDOUT', 'cannot reach root@wazo-1:22: TCP connection to wazo-1:22 did not open within 3000 ms'],
  ];
  for (const [code, message] of cases) {
    const mapped = mapConnectError(error('x', { code }), context);
    assert.equal(mapped.name, 'HostUnreachable');
    assert.equal(mapped.message, message);
  }
});

void test('handshake timeout and authentication failure', () => {
  assert.equal(
    mapConnectError(error('Timed out while waiting for handshake', { level: 'client-timeout' }), context)
      .message,
    'cannot reach root@wazo-1:22: SSH handshake with wazo-1:22 did not complete within 3000 ms',
  );
  const auth = mapConnectError(
    error('All configured authentication methods failed', { level: 'client-authentication' }),
    context,
  );
  assert.equal(auth.name, 'AuthFailed');
  assert.equal(
    auth.message,
    'authentication as root@wazo-1:22 failed with key /keys/id: the host accepted none of them ' +
      '(All configured authentication methods failed)',
  );
});
