// The parallel rule that keeps @destructive scenarios alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serializeDestructive } from './parallel.ts';

const plain = { tags: [{ name: '@NSC-10' }] };
const destructive = { tags: [{ name: '@NSC-10' }, { name: '@destructive' }] };

void test('a destructive scenario starts only when nothing runs', () => {
  assert.equal(serializeDestructive(destructive, []), true);
  assert.equal(serializeDestructive(destructive, [plain]), false);
});

void test('nothing starts beside a destructive scenario; plain ones run together', () => {
  assert.equal(serializeDestructive(plain, [destructive]), false);
  assert.equal(serializeDestructive(plain, [plain, plain]), true);
});
