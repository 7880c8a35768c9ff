// Decides which certificates the HTTPS client trusts and builds the undici connector that enforces it.
import { X509Certificate } from 'node:crypto';
import { checkServerIdentity, rootCertificates, type PeerCertificate, type TLSSocket } from 'node:tls';
import { buildConnector } from 'undici';

/**
 * system: Node's bundled Mozilla roots. ca: those roots plus the user's CA file (a private CA signs
 * the host; public certificates keep working). pin: exactly the certificate the host's nginx uses,
 * compared by SHA-256 fingerprint. insecure: nothing is verified (explicit opt-out).
 */
export type Trust =
  | { kind: 'system' }
  | { kind: 'ca'; pem: string; file: string }
  | { kind: 'pin'; pem: string; source: string }
  | { kind: 'insecure' };

export interface ConnectorOptions {
  trust: Trust;
  /** Name to verify and send as SNI; undefined verifies against the host as dialled. */
  serverName?: string;
  timeoutMs: number;
}

class PinMismatch extends Error {
  readonly code = 'WLA_PIN_MISMATCH';
}

export function fingerprintOf(pem: string): string {
  return new X509Certificate(pem).fingerprint256;
}

function pinVerdict(socket: TLSSocket, pinned: string, source: string, name: string): Error | undefined {
  const peer: PeerCertificate = socket.getPeerCertificate();
  if (peer.fingerprint256 !== pinned) {
    return new PinMismatch(
      `the presented certificate (SHA-256 ${peer.fingerprint256}) is not the host's own certificate ` +
        `${source} (SHA-256 ${pinned})`,
    );
  }
  return checkServerIdentity(name, peer);
}

export function buildHttpsConnector(options: ConnectorOptions): buildConnector.connector {
  const { trust, serverName, timeoutMs } = options;
  const verifyChain = trust.kind === 'system' || trust.kind === 'ca';
  const base = buildConnector({
    timeout: timeoutMs,
    rejectUnauthorized: verifyChain,
    ...(trust.kind === 'ca' ? { ca: [...rootCertificates, trust.pem] } : {}),
  });
  if (trust.kind !== 'pin') {
    return (opts, callback) => base({ ...opts, ...(serverName ? { servername: serverName } : {}) }, callback);
  }
  const pinned = fingerprintOf(trust.pem);
  return (opts, callback) => {
    base({ ...opts, ...(serverName ? { servername: serverName } : {}) }, (err, socket) => {
      if (err !== null) return callback(err, null);
      const problem = pinVerdict(socket as TLSSocket, pinned, trust.source, serverName ?? opts.hostname);
      if (problem === undefined) return callback(null, socket);
      socket.destroy();
      return callback(problem, null);
    });
  };
}
