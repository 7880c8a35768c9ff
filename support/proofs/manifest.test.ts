// The manifest diff: every added, removed and changed line is named.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffManifests, manifestScript } from './testing/manifest.ts';

void test('identical manifests have no difference', () => {
  const text = '/etc\td\troot\troot\t755\t4096\t1.0\t-\n/etc/a\tf\troot\troot\t644\t1\t2.0\tabc\n';
  assert.deepEqual(diffManifests(text, text), []);
});

void test('an added, a removed and a changed file are each named', () => {
  const before = '/a\tf\troot\troot\t644\t1\t1.0\th1\n/b\tf\troot\troot\t644\t1\t1.0\th2\n';
  const after = '/a\tf\troot\troot\t644\t1\t1.0\th9\n/c\tf\troot\troot\t644\t0\t3.0\th3\n';
  assert.deepEqual(diffManifests(before, after), [
    'changed /a\tf\troot\troot\t644\t1\t1.0\th1 -> /a\tf\troot\troot\t644\t1\t1.0\th9',
    'removed /b\tf\troot\troot\t644\t1\t1.0\th2',
    'added /c\tf\troot\troot\t644\t0\t3.0\th3',
  ]);
});

void test('unit start times are keyed by unit name', () => {
  assert.deepEqual(
    diffManifests('a.service Mon 1\nb.service Mon 2\n', 'a.service Mon 1\nb.service Mon 3\n', ' '),
    ['changed b.service Mon 2 -> b.service Mon 3'],
  );
});

void test('the script prunes every excluded path and covers the five roots', () => {
  const script = manifestScript();
  assert.match(script, /^find \/etc \/var\/lib \/usr \/run \/var\/log -xdev /);
  assert.ok(script.includes("-path '/var/log/journal'"));
  assert.ok(script.includes("-path '/run/sshd'"));
});
