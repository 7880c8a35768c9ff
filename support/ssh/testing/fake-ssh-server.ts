// An in-process ssh2 server for transport tests: runs commands with a local sh, refuses sessions like sshd.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { connect as netConnect } from 'node:net';
import type { AddressInfo } from 'node:net';
import ssh2 from 'ssh2';
import type { Connection, ParsedKey, Server, ServerChannel } from 'ssh2';

/** Handles a command itself when it returns true; otherwise the server runs it with `sh -c`. */
export type ExecHook = (command: string, stream: ServerChannel) => boolean;

export interface FakeServerOptions {
  hostKey: string;
  /** The client's public key in OpenSSH one-line format. */
  authorizedKey: string;
  /** sshd's MaxSessions: sessions above it are refused with "open failed". */
  maxSessions?: number;
  onExec?: ExecHook;
}

export class FakeSshServer {
  readonly options: FakeServerOptions;
  port = 0;
  connectionCount = 0;
  sessionsRefused = 0;
  peakSessions = 0;
  readonly commands: string[] = [];
  private server: Server | undefined;
  private readonly clients = new Set<Connection>();
  private readonly children = new Set<ChildProcess>();
  private readonly allowed: ParsedKey;

  constructor(options: FakeServerOptions) {
    this.options = options;
    const parsed = ssh2.utils.parseKey(options.authorizedKey);
    if (parsed instanceof Error) throw parsed;
    this.allowed = Array.isArray(parsed) ? (parsed[0] as ParsedKey) : parsed;
  }

  /** Listens on 127.0.0.1 (port 0 picks a free one; a port reuses it after stop()). */
  async start(port = this.port): Promise<this> {
    const server = new ssh2.Server({ hostKeys: [this.options.hostKey] }, (client) => this.accept(client));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  /** Ends every client connection abruptly, as a crashed or rebooting host would. */
  dropClients(): void {
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  async stop(): Promise<void> {
    for (const child of this.children) endChild(child);
    this.dropClients();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(client: Connection): void {
    this.connectionCount += 1;
    this.clients.add(client);
    let sessions = 0;
    client.on('error', () => undefined);
    const children = new Set<ChildProcess>();
    client.on('close', () => {
      this.clients.delete(client);
      for (const child of children) endChild(child);
    });
    client.on('authentication', (ctx) => {
      if (ctx.method !== 'publickey' || !this.isAllowed(ctx.key.data)) return ctx.reject(['publickey']);
      if (!ctx.signature || !ctx.blob) return ctx.accept();
      return this.allowed.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true
        ? ctx.accept()
        : ctx.reject();
    });
    client.on('session', (accept, reject) => {
      if (sessions >= (this.options.maxSessions ?? 10)) {
        this.sessionsRefused += 1;
        return reject();
      }
      sessions += 1;
      this.peakSessions = Math.max(this.peakSessions, sessions);
      const session = accept();
      session.on('exec', (acceptExec, _reject, info) => {
        const stream = acceptExec();
        // sshd frees a session as it reads the client's close; ssh2 only says so a tick later, so count on our end.
        let open = true;
        const release = (): void => {
          if (open) sessions -= 1;
          open = false;
        };
        stream.once('finish', release).once('close', release);
        this.commands.push(info.command);
        if (this.options.onExec?.(info.command, stream)) return;
        const child = runWithShell(info.command, stream);
        this.children.add(child);
        children.add(child);
        child.on('close', () => {
          this.children.delete(child);
          children.delete(child);
        });
      });
      return undefined;
    });
    client.on('tcpip', (accept, reject, info) => {
      const socket = netConnect(info.destPort, info.destIP);
      socket.once('error', () => reject());
      socket.once('connect', () => {
        const stream = accept();
        stream.pipe(socket).pipe(stream);
      });
    });
  }

  private isAllowed(blob: Buffer): boolean {
    return blob.equals(this.allowed.getPublicSSH());
  }
}

/** Kills a command whose client went away; its pipes may be paused by backpressure, so destroy them too. */
function endChild(child: ChildProcess): void {
  child.kill('SIGKILL');
  child.stdin?.destroy();
  child.stdout?.destroy();
  child.stderr?.destroy();
}

function runWithShell(command: string, stream: ServerChannel): ChildProcess {
  const child = spawn('sh', ['-c', command], { stdio: 'pipe' });
  stream.pipe(child.stdin);
  child.stdout.pipe(stream, { end: false });
  child.stderr.pipe(stream.stderr, { end: false });
  stream.on('close', () => child.kill('SIGKILL'));
  child.stdin.on('error', () => undefined);
  child.on('close', (code, signal) => {
    if (code !== null) stream.exit(code);
    else stream.exit(signal ?? 'KILL', false, '');
    stream.end();
  });
  return child;
}
