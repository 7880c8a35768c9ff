// Lab test of gatherFacts: the whole catalog's facts over ONE exec channel, as root and as a sudo user.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { gatherPlan, loadCatalog } from '../catalog/load.ts';
import { DEFAULT_CATALOG_FILE } from '../config/defaults.ts';
import { resolveConfig } from '../config/resolve.ts';
import { startLab } from '../lab/lab.ts';
import type { Lab } from '../lab/lab.ts';
import { openRemoteHost } from '../ssh/connect.ts';
import { gatherFacts } from './gather.ts';
import type { HostFacts } from './types.ts';
import { writableKey } from './types.ts';

const LAB_DIR = `.lab/facts-${process.pid}`;
let lab: Lab | undefined;

before(async () => {
  lab = await startLab({ dir: LAB_DIR });
});

after(async () => {
  await lab?.stop();
  rmSync(LAB_DIR, { recursive: true, force: true });
});

function started(): Lab {
  if (!lab) throw new Error('the lab did not start');
  return lab;
}

async function gatherAs(configFile: string): Promise<{ facts: HostFacts; channels: number; ms: number }> {
  const { config } = resolveConfig({ configFlag: configFile, env: {}, cwd: process.cwd() });
  const host = await openRemoteHost(config.host, config.ssh, {});
  try {
    const before = host.stats.channels;
    const started = Date.now();
    const facts = await gatherFacts(host, gatherPlan(loadCatalog(DEFAULT_CATALOG_FILE), []));
    return { facts, channels: host.stats.channels - before, ms: Date.now() - started };
  } finally {
    await host.close();
  }
}

function assertSane(facts: HostFacts): void {
  assert.deepEqual(facts.errors, []);
  assert.equal(facts.uid, 0);
  assert.equal(facts.passwd.get('wazo-auth')?.home, '/var/lib/wazo-auth');
  assert.equal(facts.shadow?.get('wazo-auth')?.locked, true);
  assert.equal(facts.units.size, 18);
  for (const [unit, properties] of facts.units) assert.equal(properties['ActiveState'], 'active', unit);
  assert.equal(facts.writable.get(writableKey('wazo-auth', '/var/log/wazo-auth.log')), true);
  assert.equal(facts.wazoService.available, true);
  assert.doesNotMatch(facts.raw, /:\$[0-9a-z]+\$/);
}

void test('as root: 18 services gathered over exactly one exec channel, and the facts are sane', async () => {
  const { facts, channels, ms } = await gatherAs(started().configFile);
  assert.equal(channels, 1);
  assertSane(facts);
  console.log(`# gather as root: ${ms} ms, ${facts.raw.length} bytes of output`);
});

void test('as a sudo user: the whole script runs under one sudo -n, still one channel', async () => {
  const { facts, channels, ms } = await gatherAs(started().qaConfigFile);
  assert.equal(channels, 1);
  assertSane(facts);
  console.log(`# gather via sudo: ${ms} ms, ${facts.raw.length} bytes of output`);
});
