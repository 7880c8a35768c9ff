// Tests of the wazo-backup list, directory listing and meta parsers on recorded texts (nginx: nginx-locations.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recorded } from '../testing/recorded.ts';
import { backupCovers, parseBackupLists } from './backup-list.ts';
import { parseDirEntries } from './dir-entries.ts';
import { parseMeta } from './meta.ts';
import { parseNginxLocations } from './nginx-locations.ts';

void test('wazo-backup: BACKUP_LIST and EXCLUDE_FILES read from the script text', () => {
  const lists = parseBackupLists(recorded('backup', 'container').stdout);
  assert.deepEqual(lists.include, [
    '/etc/asterisk/',
    '/etc/wazo-auth/',
    '/etc/wazo-webhookd/',
    '/var/lib/wazo/',
  ]);
  assert.deepEqual(lists.exclude, [
    '/var/lib/asterisk/astdb.sqlite3-journal',
    '/var/lib/wazo-provd/plugins/*/var/cache/*',
  ]);
  assert.equal(backupCovers(lists.include, '/etc/wazo-auth/config.yml'), true);
  assert.equal(backupCovers(lists.include, '/etc/wazo-auth'), true);
  assert.equal(backupCovers(lists.include, '/etc/wazo-authx/config.yml'), false);
  assert.equal(backupCovers(['/usr/share/wazo/WAZO-VERSION'], '/usr/share/wazo/WAZO-VERSION'), true);
  // tar recurses into a listed directory whether or not the list writes it with a trailing /.
  assert.equal(backupCovers(['/var/lib/wazo'], '/var/lib/wazo/disabled'), true);
  assert.equal(backupCovers(['/var/lib/wazo'], '/var/lib/wazo-auth/keys'), false);
});

void test('wazo-backup: a script without a data list is refused', () => {
  assert.throws(() => parseBackupLists(recorded('backup', 'synthetic-no-list').stdout), {
    message: 'wazo-backup: no BACKUP_LIST="..." data list found in /usr/sbin/wazo-backup',
  });
});

void test('directory entries: dangling symlinks are marked', () => {
  assert.deepEqual(parseDirEntries(recorded('nginx-enabled', 'container').stdout), [
    { name: 'wazo-auth', resolves: true, target: '../https-available/wazo-auth' },
    { name: 'wazo-gone', resolves: false, target: '../https-available/wazo-gone' },
  ]);
  assert.throws(() => parseDirEntries('a\tmaybe\t'), {
    message: 'directory listing: cannot parse line 1: "a\\tmaybe\\t"',
  });
});

void test('meta: the host-wide values', () => {
  assert.deepEqual(parseMeta(recorded('meta', 'container').stdout), {
    now: 1795848201,
    uid: 0,
    hostname: '54b7c6094f9a',
    bootId: '8506f450-700b-4617-b7ad-144e08874ad7',
    pid1StartedAt: 1795847710,
    debianVersion: '12.15',
    writeMethod: 'setpriv',
    shadowReadable: true,
    monitRunning: true,
    wazoDisabled: false,
    wazoSecondary: false,
    consulTokenFile: false,
    wazoBackup: true,
  });
  // Recorded before the snapshot read the HA sentinel: its absence means no sentinel; an HA slave says 1.
  const required = 'now=1\nuid=0\nwrite_method=setpriv\nshadow_readable=1\nmonit_running=1\n';
  const slave = parseMeta(`${required}wazo_disabled=1\nwazo_secondary=1\n`);
  assert.deepEqual([slave.wazoDisabled, slave.wazoSecondary], [true, true]);
});

void test('meta without a line the script always prints is not its answer: an error naming the line', () => {
  assert.throws(
    () => parseMeta('now=1\nuid=0\nwrite_method=setpriv\nmonit_running=1\n'),
    new Error('meta: no shadow_readable= line (the snapshot script prints it on every host)'),
  );
});

void test('lab replica: provd has two locations, confd one; the backup list covers the daemons it should', () => {
  const provd = parseNginxLocations('wazo-provd', recorded('nginx-available', 'lab-wazo-provd').stdout);
  assert.deepEqual(
    provd.map((l) => [l.prefix, l.proxyPass]),
    [
      ['/api/provd/', 'http://127.0.0.1:8666/'],
      ['/device/provisioning/', 'http://127.0.0.1:18667/'],
    ],
  );
  const lists = parseBackupLists(recorded('backup', 'lab').stdout);
  assert.equal(backupCovers(lists.include, '/etc/wazo-confd/config.yml'), true);
  assert.equal(backupCovers(lists.include, '/etc/wazo-provd/config.yml'), false);
  assert.equal(backupCovers(lists.include, '/etc/wazo-confgend/config.yml'), false);
  assert.ok(lists.exclude.includes('/var/spool/asterisk/monitor'));
});
