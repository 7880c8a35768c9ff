// Reads the certificate the target's nginx serves, over the (host-key verified) SSH connection, for --pin-from-host.
import { X509Certificate } from 'node:crypto';
import { ConfigError, RemoteCommandFailed } from '../errors.ts';
import type { RemoteHost } from '../ssh/transport.ts';

export const WAZO_SITE_FILE = '/etc/nginx/sites-available/wazo';
/** wazo-nginx's default (wazo-platform/wazo-nginx:etc/nginx/sites-available/wazo). */
export const WAZO_CERT_FILE = '/usr/share/wazo-certs/server.crt';

/** The first `ssl_certificate` path of an nginx server file, ignoring comments. */
export function sslCertificatePath(siteText: string): string | undefined {
  for (const raw of siteText.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    const match = /^ssl_certificate\s+("?)([^";\s]+)\1\s*;/.exec(line);
    if (match?.[2] !== undefined) return match[2];
  }
  return undefined;
}

/** The leaf certificate (first PEM block) of a PEM bundle. */
export function firstPem(text: string): string | undefined {
  return /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text)?.[0];
}

export interface HostCertificate {
  pem: string;
  /** e.g. "/usr/share/wazo-certs/server.crt on root@host:22". */
  source: string;
}

export async function readHostCertificate(remote: RemoteHost, timeoutMs: number): Promise<HostCertificate> {
  const site = await remote.exec(['cat', WAZO_SITE_FILE], { timeoutMs });
  const path = (site.code === 0 ? sslCertificatePath(site.stdout) : undefined) ?? WAZO_CERT_FILE;
  const file = await remote.exec(['cat', path], { timeoutMs });
  const source = `${path} on ${remote.label}`;
  if (file.code !== 0) {
    throw new RemoteCommandFailed(
      `--pin-from-host: cannot read ${source}: exit ${file.code}: ${file.stderr.trim()}`,
    );
  }
  const pem = firstPem(file.stdout);
  if (pem === undefined) throw new ConfigError(`--pin-from-host: ${source} holds no PEM certificate`);
  try {
    new X509Certificate(pem);
  } catch (err) {
    throw new ConfigError(`--pin-from-host: ${source} is not a valid certificate`, { cause: err });
  }
  return { pem, source };
}
