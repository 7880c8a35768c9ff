// The one mode-bits decision: owner class first, numeric ids only, undefined rather than a guess.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupsOf, modeBitsAllow } from './mode-bits.ts';
import type { AccessFacts } from './mode-bits.ts';
import type { FileStat } from './types.ts';

const LOG = '/var/log/wazo-confd.log';

function facts(stat: Omit<FileStat, 'path'> | undefined): AccessFacts {
  return {
    passwd: new Map([
      [
        'www-data',
        { name: 'www-data', uid: 33, gid: 33, gecos: '', home: '/var/www', shell: '/usr/sbin/nologin' },
      ],
      ['root', { name: 'root', uid: 0, gid: 0, gecos: '', home: '/root', shell: '/bin/bash' }],
    ]),
    groups: new Map([['adm', { name: 'adm', gid: 4, members: ['www-data'] }]]),
    userGroups: new Map(),
    files: new Map(stat ? [[LOG, { path: LOG, ...stat }]] : []),
  };
}

const file = (uid: number, gid: number, mode: string) =>
  ({ exists: true, type: 'file', uid, gid, mode }) as const;

void test('the owner class alone decides for the owner, even when the group bits allow more', () => {
  assert.equal(modeBitsAllow(facts(file(33, 33, '0464')), 'www-data', LOG, 'write'), false);
  assert.equal(modeBitsAllow(facts(file(33, 33, '0464')), 'www-data', LOG, 'read'), true);
});

void test('the group class applies to every gid of the user: /etc/group members, or id -G when gathered', () => {
  const byGroupFile = facts(file(0, 4, '0660'));
  assert.deepEqual(groupsOf(byGroupFile, 'www-data'), [33, 4]);
  assert.equal(modeBitsAllow(byGroupFile, 'www-data', LOG, 'write'), true);
  byGroupFile.userGroups.set('www-data', [33]);
  assert.equal(modeBitsAllow(byGroupFile, 'www-data', LOG, 'write'), false);
});

void test('others get the other class; root may do anything', () => {
  assert.equal(modeBitsAllow(facts(file(0, 0, '0644')), 'www-data', LOG, 'write'), false);
  assert.equal(modeBitsAllow(facts(file(0, 0, '0646')), 'www-data', LOG, 'write'), true);
  assert.equal(modeBitsAllow(facts(file(1000, 1000, '0000')), 'root', LOG, 'write'), true);
});

void test('a missing path cannot be written, as test -w says', () => {
  assert.equal(modeBitsAllow(facts({ exists: false }), 'www-data', LOG, 'write'), false);
});

void test('no answer without the facts: unknown user or path, no numeric owner, unreadable mode', () => {
  assert.equal(modeBitsAllow(facts(undefined), 'www-data', LOG, 'write'), undefined);
  assert.equal(modeBitsAllow(facts(file(33, 33, '0644')), 'nobody', LOG, 'write'), undefined);
  assert.equal(
    modeBitsAllow(
      facts({ exists: true, owner: 'www-data', gid: 33, mode: '0644' }),
      'www-data',
      LOG,
      'write',
    ),
    undefined,
  );
  assert.equal(modeBitsAllow(facts(file(33, 33, 'rw-r--r--')), 'www-data', LOG, 'write'), undefined);
});
