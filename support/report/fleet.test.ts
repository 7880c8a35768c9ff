// writeFleetReports on a real fleet directory: the files it writes, the terminal summary, the overview's cells.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFleet, writeFleetReports } from './fleet.ts';
import type { FleetComparison } from './fleet-compare.ts';
import { runOf, writeFleetDir } from './testing/fleet-builder.ts';
import type { HostSpec } from './testing/fleet-builder.ts';

const TABLE = { color: false, width: 160 };

function hosts(failing: boolean): HostSpec[] {
  return [
    {
      record: { name: 'green-1', labels: { site: 'paris' } },
      envelopes: runOf('green-1', ['wazo-auth', 'wazo-confd']),
    },
    {
      record: { name: 'pbx-b', role: 'slave', pair: 'ha-1', exitCode: failing ? 1 : 0 },
      envelopes: runOf(
        'pbx-b',
        ['wazo-auth', 'wazo-confd'],
        failing ? { 'wazo-confd NSC-01': 'failed' } : {},
      ),
    },
    { record: { name: 'pbx-a', role: 'master', pair: 'ha-1' }, envelopes: runOf('pbx-a', ['wazo-auth']) },
    {
      record: {
        name: 'down-1',
        outcome: 'unreachable',
        reason: 'permission denied (publickey)',
        errorCode: 'AUTH_FAILED',
        exitCode: 2,
      },
    },
  ];
}

async function withDirs(body: (root: string) => Promise<void>): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'wla-fleet-'));
  try {
    await body(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

void test('loadFleet reads each reached host run and leaves the unreachable one without rows', async () => {
  await withDirs(async (root) => {
    await writeFleetDir(root, hosts(true));
    const fleet = await loadFleet(root);
    assert.deepEqual(
      fleet.hosts.map((h) => [h.record.name, h.rows.length, h.meta?.host]),
      [
        ['green-1', 4, 'green-1.example.net'],
        ['pbx-b', 4, 'pbx-b.example.net'],
        ['pbx-a', 2, 'pbx-a.example.net'],
        ['down-1', 0, undefined],
      ],
    );
  });
});

void test('a checked host without its run.ndjson is an error naming the file', async () => {
  await withDirs(async (root) => {
    await writeFleetDir(root, [{ record: { name: 'lost' } }]);
    await assert.rejects(loadFleet(root), {
      message: `cannot read ${root}/hosts/lost/run.ndjson: ENOENT, yet the fleet record says lost was checked`,
    });
  });
});

void test('writes junit.xml, matrix.html and changes.json, and the summary says each host, the totals, the new failure', async () => {
  await withDirs(async (root) => {
    const previous = join(root, 'previous');
    const current = join(root, 'current');
    await writeFleetDir(previous, hosts(false), { startedAt: '2026-11-27T02:00:00.000Z' });
    await writeFleetDir(current, hosts(true));
    const summary = await writeFleetReports(current, { compareWith: previous, table: TABLE });
    assert.deepEqual(readdirSync(current).sort(), [
      'changes.json',
      'fleet.json',
      'hosts',
      'junit.xml',
      'matrix.html',
    ]);
    assert.equal(
      summary,
      [
        'wazo-live-acceptance fleet | inventory fleet.yml | started 2026-11-28 02:00:00 UTC | 5 min 00 s',
        '',
        'green-1 standalone     checked     4 passed, 0 failed, 0 n/a, 0 waived, 0 not checked',
        'pbx-a   master of ha-1 checked     2 passed, 0 failed, 0 n/a, 0 waived, 0 not checked',
        'pbx-b   slave of ha-1  checked     3 passed, 1 failed, 0 n/a, 0 waived, 0 not checked | F NSC-01 wazo-confd',
        'down-1  standalone     unreachable [AUTH_FAILED] permission denied (publickey)',
        '',
        'Totals: 4 hosts: 3 checked, 1 unreachable | 10 checks: 9 passed, 1 failed, 0 n/a, 0 waived, 0 not checked',
        'FAILED',
        '',
        'Changed since the last run (started 2026-11-27 02:00:00 UTC): 1 new failure, 0 fixed, 1 still failing',
        'NEW   pbx-b wazo-confd NSC-01: wazo-confd on pbx-b: NSC-01 failed',
        '',
      ].join('\n'),
    );
    const changes = JSON.parse(readFileSync(join(current, 'changes.json'), 'utf8')) as FleetComparison;
    assert.deepEqual(
      changes.newFailures.map((c) => `${c.host} ${c.daemon} ${c.item}`),
      ['pbx-b wazo-confd NSC-01'],
    );
    assert.deepEqual(
      changes.stillFailing.map((c) => `${c.host} ${c.daemon} ${c.item}`),
      ['down-1 * connect'],
    );
    assert.match(readFileSync(join(current, 'junit.xml'), 'utf8'), /<testsuite name="down-1" tests="1"/);
  });
});

void test('the overview: pair together master first, worst cell per item naming its daemons, reason across the row', async () => {
  await withDirs(async (root) => {
    await writeFleetDir(root, hosts(true));
    await writeFleetReports(root, { table: TABLE });
    const html = readFileSync(join(root, 'matrix.html'), 'utf8');
    const order = [...html.matchAll(/<tr data-host="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(
      order,
      ['green-1', 'pbx-a', 'pbx-b', 'down-1'],
      'the pair is not together, master first',
    );
    assert.match(
      html,
      /<td class="cell st-failed" data-item="NSC-01" data-status="failed"><a href="hosts\/pbx-b\/matrix.html" title="NSC-01 on pbx-b: FAIL on 1 of 2 daemons: wazo-confd"/,
    );
    assert.match(
      html,
      /<td class="cell st-passed" data-item="NSC-01" data-status="passed"><a href="hosts\/pbx-a\/matrix.html" title="NSC-01 on pbx-a: pass on 1 daemon"/,
    );
    assert.match(html, /<td class="cell st-not-run" data-item="NSC-02" data-status="not-planned"/);
    assert.match(
      html,
      /<td class="reason" colspan="22">unreachable \[AUTH_FAILED\]: permission denied \(publickey\)<\/td>/,
    );
    assert.doesNotMatch(
      html,
      /href="hosts\/down-1\//,
      'an unreachable host links to a matrix it does not have',
    );
    assert.doesNotMatch(html, /Changed since the last run/, 'a changes section without --compare-with');
    assert.doesNotMatch(html, /<script|https?:\/\//i, 'the page loads or runs something');
  });
});

void test('host names and labels are escaped in the page, and the link to the host matrix is URL-encoded', async () => {
  await withDirs(async (root) => {
    const name = 'x<img src=y onerror=alert(1)>&"#?';
    await writeFleetDir(root, [
      {
        record: { name, labels: { owner: '<script>alert(2)</script>' } },
        envelopes: runOf('x', ['wazo-auth']),
      },
    ]);
    await writeFleetReports(root, { table: TABLE });
    const html = readFileSync(join(root, 'matrix.html'), 'utf8');
    assert.ok(!html.includes('<img') && !html.includes('<script>'), 'raw markup reached the page');
    assert.ok(
      html.includes('href="hosts/x%3Cimg%20src%3Dy%20onerror%3Dalert(1)%3E%26%22%23%3F/matrix.html"'),
    );
    assert.ok(html.includes('<span class="label">owner=&lt;script&gt;alert(2)&lt;/script&gt;</span>'));
  });
});
