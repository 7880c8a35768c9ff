// The image hash covers exactly what the Containerfile copies, so mutations never force a rebuild.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { contextFiles, contextHash, imageTag } from './image-context.ts';

function labTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'lab-context-'));
  for (const dir of ['base/files', 'replica/lib', 'mutations', 'variants'])
    mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, 'Containerfile'), 'FROM x\n');
  writeFileSync(join(root, 'base/install.sh'), 'echo base\n');
  writeFileSync(join(root, 'base/files/monitrc'), 'set daemon 120\n');
  writeFileSync(join(root, 'replica/lib/a.py'), 'print(1)\n');
  writeFileSync(join(root, 'mutations/nsc-01.sh'), 'true\n');
  writeFileSync(join(root, 'variants/consul.sh'), 'true\n');
  writeFileSync(join(root, 'README.md'), '# lab\n');
  writeFileSync(join(root, 'setup-host.sh'), 'true\n');
  return root;
}

void test('the context is the Containerfile, base/ and replica/, sorted', () => {
  assert.deepEqual(contextFiles(labTree()), [
    'Containerfile',
    'base/files/monitrc',
    'base/install.sh',
    'replica/lib/a.py',
  ]);
});

void test('the hash is stable and ignores mutations, variants, the README and setup-host.sh', () => {
  const root = labTree();
  const before = contextHash(root, contextFiles(root));
  assert.match(before, /^[0-9a-f]{12}$/);
  writeFileSync(join(root, 'mutations/nsc-01.sh'), 'false\n');
  writeFileSync(join(root, 'variants/new.sh'), 'true\n');
  writeFileSync(join(root, 'README.md'), '# changed\n');
  writeFileSync(join(root, 'setup-host.sh'), 'false\n');
  assert.equal(contextHash(root, contextFiles(root)), before);
});

void test('the hash changes with a file content, a new file and an executable bit', () => {
  const root = labTree();
  const seen = new Set([contextHash(root, contextFiles(root))]);
  writeFileSync(join(root, 'base/files/monitrc'), 'set daemon 60\n');
  seen.add(contextHash(root, contextFiles(root)));
  writeFileSync(join(root, 'replica/lib/b.py'), '');
  seen.add(contextHash(root, contextFiles(root)));
  chmodSync(join(root, 'base/install.sh'), 0o755);
  seen.add(contextHash(root, contextFiles(root)));
  assert.equal(seen.size, 4);
});

void test('a file moved between directories changes the hash', () => {
  const a = labTree();
  const b = labTree();
  writeFileSync(join(a, 'base/x'), 'same');
  writeFileSync(join(b, 'replica/x'), 'same');
  assert.notEqual(contextHash(a, contextFiles(a)), contextHash(b, contextFiles(b)));
});

void test('the image tag is local and names the hash', () => {
  assert.equal(imageTag('0123456789ab'), 'localhost/wazo-lab:0123456789ab');
});
