// Maps low-level HTTP/TLS failures (undici, node:tls, the SSH tunnel) to the project's error taxonomy.
import { HostUnreachable, RemoteCommandFailed, TimedOut, TlsRejected, WlaError } from '../errors.ts';

/**
 * Nothing answers at an endpoint that the SSH connection itself reached (or at a documentation site): a finding
 * about the host, not a broken run, so its own code: a run that reached the host never exits 2 for it.
 */
export class EndpointUnreachable extends HostUnreachable {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options, 'ENDPOINT_UNREACHABLE');
  }
}

const TLS_REASONS: Record<string, string> = {
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in chain',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to verify the first certificate (unknown issuer)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get local issuer certificate (unknown CA)',
  UNABLE_TO_GET_ISSUER_CERT: 'unable to get issuer certificate (unknown CA)',
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  CERT_REVOKED: 'certificate revoked',
};

const TLS_ADVICE =
  'trust its CA with --ca FILE, trust the certificate the host itself uses with --pin-from-host, ' +
  'or skip verification with --insecure';

interface CodedError {
  code?: unknown;
  message?: unknown;
  cert?: { subjectaltname?: string; subject?: { CN?: string } };
}

function codeOf(err: unknown): string | undefined {
  const code = (err as CodedError | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The reason a certificate was refused, in words, or undefined when err is not a certificate error. */
export function tlsReason(err: unknown): string | undefined {
  const code = codeOf(err);
  if (code === undefined) return undefined;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const cert = (err as CodedError).cert;
    const names = cert?.subjectaltname ?? cert?.subject?.CN ?? 'unknown names';
    return `hostname mismatch: cert is for ${names}`;
  }
  if (code === 'WLA_PIN_MISMATCH') return messageOf(err);
  return TLS_REASONS[code];
}

export function tlsRejected(origin: string, reason: string, cause?: unknown): TlsRejected {
  return new TlsRejected(`TLS certificate of ${origin} rejected: ${reason}; ${TLS_ADVICE}`, { cause });
}

/**
 * What a request failure means; `what` names the request, e.g. "GET https://h:443/api/confd/". route, when given,
 * says how the runner reaches origin; it ends the message of a connection that could not be made.
 */
export function mapHttpError(
  err: unknown,
  what: string,
  origin: string,
  timeoutMs: number,
  route?: string,
): WlaError {
  if (err instanceof WlaError) return err;
  const reason = tlsReason(err);
  if (reason !== undefined) return tlsRejected(origin, reason, err);
  const code = codeOf(err);
  const name = err instanceof Error ? err.name : '';
  const by = route === undefined ? '' : ` (${route})`;
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new TimedOut(`${what}: could not connect to ${origin} within ${timeoutMs}ms${by}`, { cause: err });
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || name === 'TimeoutError') {
    return new TimedOut(`${what}: no complete response after ${timeoutMs}ms`, { cause: err });
  }
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') {
    return new RemoteCommandFailed(`${what}: the response is larger than the limit`, { cause: err });
  }
  if (code === 'ECONNREFUSED') {
    return new EndpointUnreachable(`${what}: ${origin} refused the connection${by}`, { cause: err });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new HostUnreachable(`${what}: DNS lookup of ${origin} failed${by}`, { cause: err });
  }
  return new HostUnreachable(`${what}: ${origin} did not answer: ${messageOf(err)}${by}`, { cause: err });
}
