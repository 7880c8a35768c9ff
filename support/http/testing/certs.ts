// Test-only: a throwaway CA and certificates made with the openssl CLI in a temp directory.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeyPair {
  key: string;
  cert: string;
}

export interface TestPki {
  dir: string;
  ca: KeyPair;
  caFile: string;
  /** Signed by ca, for localhost and 127.0.0.1. */
  server: KeyPair;
  /** Signed by ca, for other.example only. */
  wrongName: KeyPair;
  /** Self-signed, for localhost and 127.0.0.1. */
  selfSigned: KeyPair;
  cleanup(): void;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe', timeout: 20_000 });
}

function signed(dir: string, name: string, san: string): KeyPair {
  writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\n`);
  openssl(dir, [
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    `/CN=${name}`,
  ]);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-out',
    `${name}.crt`,
    '-extfile',
    `${name}.ext`,
  ]);
  return {
    key: readFileSync(join(dir, `${name}.key`), 'utf8'),
    cert: readFileSync(join(dir, `${name}.crt`), 'utf8'),
  };
}

function selfSigned(dir: string, name: string, san: string): KeyPair {
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.crt`,
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
    '-addext',
    `subjectAltName=${san}`,
  ]);
  return {
    key: readFileSync(join(dir, `${name}.key`), 'utf8'),
    cert: readFileSync(join(dir, `${name}.crt`), 'utf8'),
  };
}

export function makeTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'wla-pki-'));
  const ca = selfSigned(dir, 'ca', 'DNS:test-ca');
  const hostSan = 'DNS:localhost,IP:127.0.0.1';
  return {
    dir,
    ca,
    caFile: join(dir, 'ca.crt'),
    server: signed(dir, 'server', hostSan),
    wrongName: signed(dir, 'wrong-name', 'DNS:other.example'),
    selfSigned: selfSigned(dir, 'self-signed', hostSan),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
