// Tests of the passwd, group and shadow parsers on recorded getent outputs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recorded } from '../testing/recorded.ts';
import { parseGroups, parseIdGroups } from './group.ts';
import { parsePasswd } from './passwd.ts';
import { maskLine, maskPassword, parseShadow } from './shadow.ts';

void test('passwd: entries of the recorded container, keyed by name', () => {
  const entries = parsePasswd(recorded('passwd', 'container').stdout);
  assert.deepEqual([...entries.keys()], ['wazo-auth', 'wazo-webhookd', 'www-data']);
  assert.deepEqual(entries.get('wazo-auth'), {
    name: 'wazo-auth',
    uid: 102,
    gid: 104,
    gecos: '',
    home: '/var/lib/wazo-auth',
    shell: '/usr/sbin/nologin',
  });
});

void test('passwd: no output (every user unknown) is an empty map', () => {
  assert.equal(parsePasswd(recorded('passwd', 'empty').stdout).size, 0);
});

void test('passwd: a garbled line is refused with its number and text', () => {
  assert.throws(() => parsePasswd(recorded('passwd', 'garbled').stdout), {
    code: 'REMOTE_COMMAND_FAILED',
    message: 'passwd: cannot parse line 2: "this is not a passwd line"',
  });
});

void test('group: members split on commas, an empty member list is []', () => {
  const groups = parseGroups(recorded('group', 'container').stdout);
  assert.deepEqual(groups.get('wazo-auth'), { name: 'wazo-auth', gid: 104, members: [] });
  assert.throws(() => parseGroups(recorded('group', 'garbled').stdout), {
    message: 'group: cannot parse line 3: "broken:x:notanumber:"',
  });
  assert.deepEqual(parseGroups('consul:x:998:wazo-auth,www-data').get('consul')?.members, [
    'wazo-auth',
    'www-data',
  ]);
});

void test('id -G: gids, and garbage refused', () => {
  assert.deepEqual(parseIdGroups('104 33 998\n'), [104, 33, 998]);
  assert.throws(() => parseIdGroups('104 x'), { message: 'id -G: cannot parse line 1: "104 x"' });
});

void test('shadow: the recorded container has locked service users', () => {
  const shadow = parseShadow(recorded('shadow', 'container').stdout);
  assert.deepEqual(shadow.get('wazo-auth'), { name: 'wazo-auth', password: '!', locked: true });
  assert.deepEqual(shadow.get('www-data'), { name: 'www-data', password: '*', locked: true });
});

void test('shadow: a hash never survives parsing, the lock prefix does', () => {
  const shadow = parseShadow(recorded('shadow', 'synthetic-hashes').stdout);
  const passwords = Object.fromEntries([...shadow.values()].map((e) => [e.name, [e.password, e.locked]]));
  assert.deepEqual(passwords, {
    root: ['<hash>', false],
    'wazo-auth': ['!<hash>', true],
    'wazo-webhookd': ['!', true],
    'www-data': ['*', true],
    'nologin-empty': ['', false],
    'locked-star': ['!*', true],
  });
  assert.doesNotMatch(JSON.stringify([...shadow.values()]), /\$/);
});

void test('shadow: masking keeps only harmless values', () => {
  assert.equal(maskPassword('$6$abc$def'), '<hash>');
  assert.equal(maskPassword('!!'), '!!');
  assert.equal(maskLine('root:$y$j9T$x:1:2'), 'root:<hash>:1:2');
});
