// The @online checks with a fake fetch: unreachable site, pages that name or omit the service.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkOnline } from './online.ts';
import type { Fetcher } from './online.ts';
import { service } from './testing/catalog.ts';
import { HOST } from './testing/healthy-host.ts';

const confd = service('wazo-confd');

function site(pages: Record<string, string>): Fetcher {
  return async (url) => {
    const body = pages[url];
    if (url === 'https://wazo-platform.org') return { ok: true, status: 200, text: async () => '' };
    return { ok: body !== undefined, status: body === undefined ? 404 : 200, text: async () => body ?? '' };
  };
}

void test('without the internet the result is not-checked, naming the site', async () => {
  const offline: Fetcher = async () => {
    throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } });
  };
  const result = await checkOnline('NSC-13', confd, HOST, offline);
  assert.equal(result.status, 'not-checked');
  assert.equal(result.errorCode, 'ENDPOINT_UNREACHABLE');
  assert.equal(
    result.message,
    'wazo-confd on 127.0.0.1: NSC-13 could not be checked: needs the internet: wazo-platform.org is not reachable (fetch failed: ENOTFOUND)',
  );
});

void test('NSC-13 passes when the documentation names the service and fails otherwise', async () => {
  const named = site({
    'https://wazo-platform.org/documentation':
      '<a href="/documentation/api/configuration.html">wazo-confd</a>',
  });
  assert.equal((await checkOnline('NSC-13', confd, HOST, named)).status, 'passed');
  const silent = site({ 'https://wazo-platform.org/documentation': '<p>nothing here</p>' });
  assert.equal(
    (await checkOnline('NSC-13', confd, HOST, silent)).message,
    'wazo-confd on 127.0.0.1: NSC-13 https://wazo-platform.org/documentation: expected to name wazo-confd, found no mention',
  );
});

void test('NSC-15 names the config directories missing from the backup page', async () => {
  const provd = service('wazo-provd');
  const page = site({
    'https://wazo-platform.org/uc-doc/system/backup_restore':
      '<li>/etc/wazo-confd/</li><li>/var/lib/wazo-provd/</li>',
  });
  assert.equal((await checkOnline('NSC-15', confd, HOST, page)).status, 'passed');
  assert.equal(
    (await checkOnline('NSC-15', provd, HOST, page)).message,
    'wazo-provd on 127.0.0.1: NSC-15 https://wazo-platform.org/uc-doc/system/backup_restore: expected to list /etc/wazo-provd/, found it absent',
  );
});

void test('NSC-17 online needs a table row with the service and its port', async () => {
  const url = 'https://wazo-platform.org/uc-doc/contributors/network';
  const page = site({
    [url]:
      '<table><tr><td>wazo-confd</td><td>HTTP</td><td>TCP</td><td>9486</td></tr><tr><td>wazo-agid</td></tr></table>',
  });
  assert.equal((await checkOnline('NSC-17', confd, HOST, page)).status, 'passed');
  assert.equal(
    (await checkOnline('NSC-17', service('wazo-agid'), HOST, page)).message,
    `wazo-agid on 127.0.0.1: NSC-17 ${url}: expected a row for wazo-agid port 4573, found none`,
  );
});

void test('an item the catalog marks not applicable never goes online', async () => {
  const never: Fetcher = async () => assert.fail('fetched');
  const result = await checkOnline('NSC-17', service('wazo-dxtora'), HOST, never);
  assert.equal(result.status, 'not-applicable');
});
