// Runs `wazo-live-acceptance snapshot` in-process for lab self-tests and reads the file it wrote.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { main } from '../../cli/main.ts';
import type { HostState } from '../host-state.ts';
import { readHostState } from '../state-file.ts';

export async function snapshotTo(configFile: string, out: string): Promise<HostState> {
  let output = '';
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const io = { stdout: sink, stderr: sink, env: process.env, cwd: process.cwd() };
  const code = await main(['snapshot', '--config', configFile, '--out', out], io);
  assert.equal(code, 0, output);
  return readHostState(out);
}
