// Test-only: local HTTPS/HTTP servers on ephemeral loopback ports.
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { KeyPair } from './certs.ts';

export interface Running {
  port: number;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<Running> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function startHttps(pair: KeyPair, handler: RequestListener): Promise<Running> {
  return listen(createHttpsServer({ key: pair.key, cert: pair.cert }, handler));
}

export function startHttp(handler: RequestListener): Promise<Running> {
  return listen(createHttpServer(handler));
}

/** A port nothing listens on (bound then released). */
export async function freePort(): Promise<number> {
  const running = await startHttp(() => {});
  await running.close();
  return running.port;
}
