// The preflight connection goes to the run of the same host once, and what nobody took is handed back to close.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offerConnection, takeConnection, withdrawConnection } from './handoff.ts';
import type { RemoteHost } from './transport.ts';

const remote = { label: 'root@wazo-1:22' } as RemoteHost;

void test('the run of the same host takes the offered connection, once', () => {
  offerConnection('wazo-1', remote);
  assert.equal(takeConnection('wazo-2'), undefined);
  assert.equal(takeConnection('wazo-1'), remote);
  assert.equal(takeConnection('wazo-1'), undefined);
  assert.equal(withdrawConnection('wazo-1'), undefined);
});

void test('a connection nobody took is withdrawn for closing', () => {
  offerConnection('wazo-1', remote);
  assert.equal(withdrawConnection('wazo-1'), remote);
  assert.equal(takeConnection('wazo-1'), undefined);
});

void test('runs of several hosts in one process each take their own connection', () => {
  const other = { label: 'root@wazo-2:22' } as RemoteHost;
  offerConnection('stack-a', remote);
  offerConnection('stack-b', other);
  assert.equal(takeConnection('stack-b'), other);
  assert.equal(withdrawConnection('stack-b'), undefined);
  assert.equal(takeConnection('stack-a'), remote);
});
