// The error codes have one list: every class maps to its code by name, and every code has its class.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AuthFailed,
  CatalogError,
  CheckFailed,
  ConfigError,
  ERROR_CODES,
  HostKeyRejected,
  HostUnreachable,
  RemoteCommandFailed,
  ServiceNotFound,
  Interrupted,
  SudoRefused,
  TimedOut,
  TlsRejected,
  asErrorCode,
  errorCodeOfClass,
} from './errors.ts';
import type { WlaError } from './errors.ts';
import { EndpointUnreachable } from './http/errors.ts';

const EVERY_CLASS: readonly WlaError[] = [
  new CheckFailed('m'),
  new HostUnreachable('m'),
  new EndpointUnreachable('m'),
  new AuthFailed('m'),
  new HostKeyRejected('m'),
  new SudoRefused('m'),
  new TlsRejected('m'),
  new TimedOut('m'),
  new RemoteCommandFailed('m'),
  new ConfigError('m'),
  new CatalogError('m'),
  new ServiceNotFound('m'),
  new Interrupted('m'),
];

void test("each error class's name gives its own code", () => {
  for (const err of EVERY_CLASS) assert.equal(errorCodeOfClass(err.name), err.code, err.name);
});

void test('every code has a class, and names that are no class give no code', () => {
  assert.deepEqual(
    EVERY_CLASS.map((err) => err.code),
    [...ERROR_CODES],
  );
  assert.equal(errorCodeOfClass('WlaError'), undefined);
  assert.equal(errorCodeOfClass('TypeError'), undefined);
});

void test('a plain string is a code only when the list has it', () => {
  assert.equal(asErrorCode('TIMED_OUT'), 'TIMED_OUT');
  assert.equal(asErrorCode('timed_out'), undefined);
  assert.equal(asErrorCode('SCENARIO_FAILED'), undefined);
  assert.equal(asErrorCode(undefined), undefined);
});
