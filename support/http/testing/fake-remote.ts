// Test-only: a RemoteHost whose exec answers from a table and whose forwardOut dials local TCP ports.
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ExecResult, RemoteHost } from '../../ssh/transport.ts';

export interface FakeRemote extends RemoteHost {
  readonly commands: string[][];
  readonly forwards: { host: string; port: number }[];
}

/** files: path -> content for `cat path`; ports: remote port -> local port (absent: refused). */
export function fakeRemote(files: Record<string, string>, ports: Record<number, number> = {}): FakeRemote {
  const commands: string[][] = [];
  const forwards: { host: string; port: number }[] = [];
  return {
    label: 'root@fake-host:22',
    commands,
    forwards,
    stats: { connections: 1, channels: 0, bytesIn: 0, bytesOut: 0 },
    async exec(argv): Promise<ExecResult> {
      commands.push([...argv]);
      const path = argv[0] === 'cat' ? argv[1] : undefined;
      const content = path === undefined ? undefined : files[path];
      if (content === undefined)
        return { stdout: '', stderr: `cat: ${path}: No such file or directory\n`, code: 1 };
      return { stdout: content, stderr: '', code: 0 };
    },
    async forwardOut(host, port): Promise<Duplex> {
      forwards.push({ host, port });
      const local = ports[port];
      if (local === undefined) throw new Error('(SSH) Channel open failure: Connection refused');
      return await new Promise<Duplex>((resolve, reject) => {
        const socket = connect(local, '127.0.0.1', () => resolve(socket));
        socket.once('error', reject);
      });
    },
    async close() {},
  };
}
