// The CLI's main() in this process with captured output, for tests of what a command prints and exits with.
import { Writable } from 'node:stream';
import { main } from '../main.ts';

/** A stream that keeps what is written to it. */
export class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export interface MainOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** main(argv) from `cwd` with no colour and a home directory that does not exist (no user config leaks in). */
export async function runMain(argv: readonly string[], cwd: string): Promise<MainOutcome> {
  const stdout = new Sink();
  const stderr = new Sink();
  const io = { stdout, stderr, env: { NO_COLOR: '1' }, cwd, home: '/nonexistent-home' };
  const code = await main(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}
