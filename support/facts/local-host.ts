// A RemoteHost that runs argv on this machine or through a prefix (e.g. `podman exec -i NAME`): for tests and recording.
import { spawn } from 'node:child_process';
import type { Duplex } from 'node:stream';
import { RemoteCommandFailed, TimedOut } from '../errors.ts';
import type { ExecOptions, ExecResult, RemoteHost, TransportStats } from '../ssh/transport.ts';

export class LocalHost implements RemoteHost {
  readonly label: string;
  readonly stats: TransportStats = { connections: 1, channels: 0, bytesIn: 0, bytesOut: 0 };
  readonly prefix: readonly string[];

  constructor(label: string, prefix: readonly string[] = []) {
    this.label = label;
    this.prefix = prefix;
  }

  exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    this.stats.channels += 1;
    const [command = '', ...args] = [...this.prefix, ...argv];
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      const timeoutMs = options.timeoutMs ?? 60_000;
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new TimedOut(`${this.label}: ${argv[0] ?? ''} did not finish within ${timeoutMs} ms`));
      }, timeoutMs);
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(new RemoteCommandFailed(`${this.label}: cannot run ${command}`, { cause: e }));
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        const stdout = Buffer.concat(out).toString('utf8');
        this.stats.bytesIn += stdout.length;
        const result: ExecResult = { stdout, stderr: Buffer.concat(err).toString('utf8'), code };
        if (signal) result.signal = signal;
        resolve(result);
      });
      child.stdin.end(options.stdin ?? '');
      this.stats.bytesOut += (options.stdin ?? '').length;
    });
  }

  forwardOut(_host: string, _port: number): Promise<Duplex> {
    return Promise.reject(new RemoteCommandFailed(`${this.label}: a local host has no port forwarding`));
  }

  async close(): Promise<void> {}
}
