// The template expansion: empty catalog tables get one row per daemon (and route), everything else stays as written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CatalogError } from '../errors.ts';
import { expandTemplate, templateUri } from './expand.ts';
import type { Catalog, ServiceEntry } from './types.ts';

const entry = (name: string, routes?: string[]): ServiceEntry =>
  ({ name, http: routes === undefined ? null : { routes } }) as unknown as ServiceEntry;
const catalog: Catalog = {
  file: 'test.yml',
  services: [
    entry('wazo-b', ['GET /api/b/1.0/x|y']),
    entry('wazo-a'),
    entry('wazo-c', ['GET /api/c/', 'POST /api/c/z']),
  ],
};

void test('an empty `service` table gets one row per daemon, in catalog order, aligned', () => {
  const template = [
    '  Scenario Outline: <service>: x',
    '    Examples: every daemon',
    '      | service |',
    '',
  ].join('\n');
  assert.equal(
    expandTemplate(template, catalog, 'f.feature'),
    [
      '  Scenario Outline: <service>: x',
      '    Examples: every daemon',
      '      | service |',
      '      | wazo-b  |',
      '      | wazo-a  |',
      '      | wazo-c  |',
      '',
    ].join('\n'),
  );
});

void test('an empty `service | route` table gets one row per listed route, `|` escaped as Gherkin reads it back', () => {
  const template = '    Examples:\n      | service | route |';
  assert.equal(
    expandTemplate(template, catalog, 'f.feature'),
    [
      '    Examples:',
      '      | service | route               |',
      '      | wazo-b  | GET /api/b/1.0/x\\|y |',
      '      | wazo-c  | GET /api/c/         |',
      '      | wazo-c  | POST /api/c/z       |',
    ].join('\n'),
  );
});

void test('a table with rows is left as written, even with a catalog header', () => {
  const template =
    '    Examples:\n      | service  | route                |\n      | asterisk | GET /api/asterisk/ws |\n';
  assert.equal(expandTemplate(template, catalog, 'f.feature'), template);
});

void test('an empty table the catalog cannot fill is an error naming the file, the line and what is allowed', () => {
  assert.throws(
    () => expandTemplate('Feature: x\n\n    Examples:\n      | daemon |\n', catalog, 'features/x.feature'),
    new CatalogError(
      'features/x.feature:4: an Examples table without rows must have a header the catalog fills ' +
        '(| service | or | service | route |), found | daemon |',
    ),
  );
});

void test('reports name the template, not the expanded copy', () => {
  assert.equal(
    templateUri(
      '../../tmp/wazo-live-acceptance-0/expanded-0123456789abcdef/features/checklist/nsc-01.feature',
    ),
    'features/checklist/nsc-01.feature',
  );
  assert.equal(templateUri('features/http.feature'), 'features/http.feature');
});
