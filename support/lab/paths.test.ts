// Lab directories map to container names, and script names cannot leave their folder.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import {
  LAB_SOURCES,
  REPO_ROOT,
  containerNameFor,
  labDirectory,
  mutationScript,
  variantScript,
} from './paths.ts';

void test('the default lab directory is .lab at the repository root; others resolve from the working directory', () => {
  assert.equal(labDirectory(), resolve(REPO_ROOT, '.lab'));
  assert.equal(labDirectory('x/lab'), resolve(process.cwd(), 'x/lab'));
});

void test('one container name per lab directory', () => {
  assert.match(containerNameFor('/a/.lab'), /^wazo-lab-[0-9a-f]{10}$/);
  assert.equal(containerNameFor('/a/.lab'), containerNameFor('/a/.lab'));
  assert.notEqual(containerNameFor('/a/.lab'), containerNameFor('/b/.lab'));
});

void test('scripts are looked up by plain name only', () => {
  assert.equal(mutationScript('nsc-04.log-owner'), resolve(LAB_SOURCES, 'mutations', 'nsc-04.log-owner.sh'));
  assert.equal(variantScript('consul'), resolve(LAB_SOURCES, 'variants', 'consul.sh'));
  assert.throws(() => mutationScript('../../etc/x'), {
    message: 'lab mutations name "../../etc/x" must be a plain file name (letters, digits, . _ -)',
  });
  assert.throws(() => variantScript(''), {
    message: 'lab variants name "" must be a plain file name (letters, digits, . _ -)',
  });
});
