// The unit-conditions section: busctl's replies as the lab printed them (a gated unit, the nsc12 mutation, none).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conditionText, parseUnitConditions } from './unit-conditions.ts';

const LAB = [
  'U\twazo-phoned.service\ta(sbbsi) 1 "ConditionPathExists" false true "/var/lib/wazo/disabled" 1',
  'U\twazo-confd.service\ta(sbbsi) 0',
  'U\twazo-x.service\ta(sbbsi) 2 "ConditionPathExists" true false "/a \\"b\\"" 0 "ConditionVirtualization" false true "container" 0',
].join('\n');

void test('one entry per unit: type, trigger, negation and parameter; none is an empty list', () => {
  const conditions = parseUnitConditions(`${LAB}\n`);
  assert.deepEqual(conditions.get('wazo-phoned.service'), [
    { type: 'ConditionPathExists', trigger: false, negate: true, parameter: '/var/lib/wazo/disabled' },
  ]);
  assert.deepEqual(conditions.get('wazo-confd.service'), []);
  assert.deepEqual(conditions.get('wazo-x.service')?.map(conditionText), [
    'ConditionPathExists=|/a "b"',
    'ConditionVirtualization=!container',
  ]);
});

void test('a reply that is not a(sbbsi), or whose count disagrees with its items, is refused with the line', () => {
  assert.throws(() => parseUnitConditions('U\twazo-x.service\tas 1 "x"'), {
    message: 'unit conditions: cannot parse line 1: "U\\twazo-x.service\\tas 1 \\"x\\""',
  });
  assert.throws(() => parseUnitConditions('U\twazo-x.service\ta(sbbsi) 2 "A" false true "/p" 1'), {
    message: /^unit conditions: cannot parse line 1: /,
  });
  assert.throws(() => parseUnitConditions('wazo-x.service'), {
    message: /^unit conditions: cannot parse line 1/,
  });
});
