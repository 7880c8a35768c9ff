// The python-local section (pip installs under /usr/local) on outputs recorded from the lab image, and in the assembly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assembleFacts } from '../assemble.ts';
import { parseFrames } from '../frame.ts';
import { recorded, recordedSnapshot, recordedSnapshotPlan } from '../testing/recorded.ts';
import { parsePythonLocal } from './python-local.ts';

void test('a clean lab: the directory Debian creates, with no pip metadata', () => {
  assert.deepEqual(parsePythonLocal(recorded('python-local', 'lab-clean').stdout), [
    { dir: '/usr/local/lib/python3.11/dist-packages', entries: [] },
  ]);
});

void test('pip installs: each dist-info and egg-info under its own directory', () => {
  assert.deepEqual(parsePythonLocal(recorded('python-local', 'lab-pip').stdout), [
    { dir: '/usr/local/lib/python3.11/dist-packages', entries: ['netaddr-1.3.0.dist-info'] },
    { dir: '/usr/local/lib/python3.11/site-packages', entries: ['legacy_tool-0.1.egg-info'] },
  ]);
  assert.deepEqual(parsePythonLocal(''), []);
});

void test('garbled lines are refused with their line number', () => {
  assert.throws(() => parsePythonLocal('E\tnetaddr-1.3.0.dist-info'), {
    message: 'python-local: cannot parse line 1: "E\\tnetaddr-1.3.0.dist-info"',
  });
  assert.throws(() => parsePythonLocal('D\t/usr/local/lib/python3.11/dist-packages\nE\tnetaddr'), {
    message: 'python-local: cannot parse line 2: "E\\tnetaddr"',
  });
  assert.throws(() => parsePythonLocal('D\t/etc'), {
    message: 'python-local: cannot parse line 1: "D\\t/etc"',
  });
});

function labFacts(sectionBody: string, rc: number) {
  const { nonce, plan } = recordedSnapshotPlan('lab');
  const begin = `@@WLA:${nonce}:BEGIN:python-local:-\n`;
  const raw = recordedSnapshot('lab').replace(
    new RegExp(`${begin}[^@]*@@WLA:${nonce}:END:python-local:-:rc=0\n`),
    `${begin}${sectionBody}@@WLA:${nonce}:END:python-local:-:rc=${rc}\n`,
  );
  assert.notEqual(raw, recordedSnapshot('lab'));
  return assembleFacts({
    sections: parseFrames(raw, nonce),
    plan,
    raw,
    gatheredAt: '2026-11-28T08:00:00.000Z',
  });
}

void test('the assembled facts carry the entries, or null and a section error when a directory is unreadable', () => {
  assert.deepEqual(
    labFacts('|D\t/usr/local/lib/python3.11/dist-packages\n|E\tnetaddr-1.3.0.dist-info\n', 0).usrLocalPython,
    [{ dir: '/usr/local/lib/python3.11/dist-packages', entries: ['netaddr-1.3.0.dist-info'] }],
  );
  const unreadable = recorded('python-local', 'lab-unreadable');
  const body = [...unreadable.stdout.split('\n').map((l) => `|${l}`), `!${unreadable.stderr}`].join('\n');
  const facts = labFacts(`${body}\n`, unreadable.rc);
  assert.equal(facts.usrLocalPython, null);
  assert.deepEqual(facts.errors, [
    {
      section: 'python-local',
      exitCode: 1,
      stderr: 'cannot read /usr/local/lib/python3.11/site-packages',
      message:
        'listing /usr/local Python packages exited with 1: cannot read /usr/local/lib/python3.11/site-packages',
    },
  ]);
});
