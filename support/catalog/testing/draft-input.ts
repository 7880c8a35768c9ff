// Test helper: a catalog draft's input from a recorded lab snapshot (fixtures/recorded/snapshot/lab-draft-*.txt).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assembleFacts } from '../../facts/assemble.ts';
import { parseFrames } from '../../facts/frame.ts';
import { draftObservations, withDraftItems } from '../../facts/parsers/draft.ts';
import { normalizePlan } from '../../facts/plan-args.ts';
import { RECORDED_DIR, recordedSnapshot, recordedSnapshotPlan } from '../../facts/testing/recorded.ts';
import { parseSpec } from '../../openapi/parse.ts';
import type { DraftInput, SpecProbe } from '../draft.ts';

/** The host name the recordings were drafted for (the lab's published SSH address). */
export const HOST = '127.0.0.1';

export function recordedInput(name: string, daemon: string, specs?: SpecProbe[]): DraftInput {
  const { nonce, plan } = recordedSnapshotPlan(name);
  const sections = parseFrames(recordedSnapshot(name), nonce);
  const grown = withDraftItems(normalizePlan(plan), sections);
  const facts = assembleFacts({ sections, plan: grown, raw: '', gatheredAt: '2026-12-03T07:29:00.000Z' });
  const observation = draftObservations(sections).get(daemon);
  assert.ok(observation, `no draft section for ${daemon} in ${name}`);
  return { name: daemon, host: HOST, facts, observation, ...(specs ? { specs } : {}) };
}

/** wazo-confd's spec as the lab served it on 127.0.0.1:9486, found at the fifth candidate path. */
export function confdSpec(): SpecProbe {
  const parsed = parseSpec(readFileSync(new URL('draft/lab-confd-spec.yml', RECORDED_DIR), 'utf8'));
  assert.ok(parsed.ok);
  return {
    port: 9486,
    found: { path: '/1.1/api/api.yml', doc: parsed.doc },
    tried: [
      { path: '/api/api.yml', outcome: '404' },
      { path: '/0.1/api/api.yml', outcome: '404' },
      { path: '/0.2/api/api.yml', outcome: '404' },
      { path: '/1.0/api/api.yml', outcome: '404' },
    ],
  };
}
