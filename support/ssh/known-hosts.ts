// Parses OpenSSH known_hosts files and decides whether a host key matches, is unknown or changed.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type HostKeyStatus = 'match' | 'unknown' | 'changed' | 'revoked';

export interface KnownHostEntry {
  /** 1-based line number in the file, for messages. */
  line: number;
  /** '@cert-authority' lines are kept but never match a plain host key. */
  marker?: 'cert-authority' | 'revoked';
  /** Plain patterns (lower-cased); empty when the entry is hashed. */
  patterns: string[];
  hashed?: { salt: Buffer; hash: Buffer };
  keyType: string;
  key: Buffer;
}

export interface HostKeyVerdict {
  status: HostKeyStatus;
  /** The entries that decided: the matching, revoked or conflicting lines. */
  entries: KnownHostEntry[];
  /** Key types recorded for this host other than the one presented. */
  otherTypes: string[];
}

/** The name OpenSSH records a host under: `host` on port 22, `[host]:port` elsewhere. */
export function hostEntryName(host: string, port: number): string {
  const name = host.toLowerCase();
  return port === 22 ? name : `[${name}]:${port}`;
}

/** `SHA256:` and the unpadded base64 of the key blob's SHA-256, as `ssh-keygen -l` prints it. */
export function fingerprintSha256(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named at the start of an SSH public key blob (an SSH string). */
export function keyTypeOfBlob(keyBlob: Buffer): string {
  if (keyBlob.length < 4) throw new RangeError(`host key blob too short (${keyBlob.length} bytes)`);
  const length = keyBlob.readUInt32BE(0);
  if (length > keyBlob.length - 4) throw new RangeError(`host key blob names a ${length}-byte type`);
  return keyBlob.subarray(4, 4 + length).toString('latin1');
}

export function formatKnownHostLine(host: string, port: number, keyBlob: Buffer): string {
  return `${hostEntryName(host, port)} ${keyTypeOfBlob(keyBlob)} ${keyBlob.toString('base64')}`;
}

export class KnownHosts {
  readonly entries: readonly KnownHostEntry[];
  /** Line numbers that could not be parsed (OpenSSH skips them too). */
  readonly invalidLines: readonly number[];

  constructor(entries: readonly KnownHostEntry[], invalidLines: readonly number[] = []) {
    this.entries = entries;
    this.invalidLines = invalidLines;
  }

  static parse(text: string): KnownHosts {
    const entries: KnownHostEntry[] = [];
    const invalid: number[] = [];
    text.split('\n').forEach((raw, index) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      const entry = parseLine(line, index + 1);
      if (entry === undefined) invalid.push(index + 1);
      else entries.push(entry);
    });
    return new KnownHosts(entries, invalid);
  }

  /** The entries that apply to host:port (negations honoured, markers kept). */
  entriesFor(host: string, port: number): KnownHostEntry[] {
    const name = hostEntryName(host, port);
    return this.entries.filter((entry) => entryMatches(entry, name));
  }

  verify(host: string, port: number, keyType: string, keyBlob: Buffer): HostKeyVerdict {
    const applicable = this.entriesFor(host, port).filter((entry) => entry.marker !== 'cert-authority');
    const revoked = applicable.filter((entry) => entry.marker === 'revoked' && sameKey(entry.key, keyBlob));
    const plain = applicable.filter((entry) => entry.marker === undefined);
    const sameType = plain.filter((entry) => entry.keyType === keyType);
    const otherTypes = [...new Set(plain.map((entry) => entry.keyType).filter((type) => type !== keyType))];
    if (revoked.length > 0) return { status: 'revoked', entries: revoked, otherTypes };
    const matching = sameType.filter((entry) => sameKey(entry.key, keyBlob));
    if (matching.length > 0) return { status: 'match', entries: matching, otherTypes };
    if (sameType.length > 0) return { status: 'changed', entries: sameType, otherTypes };
    return { status: 'unknown', entries: [], otherTypes };
  }
}

function parseLine(line: string, lineNumber: number): KnownHostEntry | undefined {
  const fields = line.split(/\s+/);
  let marker: KnownHostEntry['marker'];
  if (fields[0]?.startsWith('@')) {
    const name = fields.shift();
    if (name !== '@cert-authority' && name !== '@revoked') return undefined;
    marker = name === '@revoked' ? 'revoked' : 'cert-authority';
  }
  const [hosts, keyType, keyBase64] = fields;
  if (hosts === undefined || keyType === undefined || keyBase64 === undefined) return undefined;
  const key = Buffer.from(keyBase64, 'base64');
  if (key.length === 0 || !isBlobOfType(key, keyType)) return undefined;
  const base = { line: lineNumber, keyType, key, ...(marker === undefined ? {} : { marker }) };
  if (hosts.startsWith('|1|')) {
    const hashed = parseHashed(hosts);
    return hashed === undefined ? undefined : { ...base, patterns: [], hashed };
  }
  return {
    ...base,
    patterns: hosts
      .toLowerCase()
      .split(',')
      .filter((p) => p !== ''),
  };
}

function parseHashed(field: string): { salt: Buffer; hash: Buffer } | undefined {
  const [, , salt, hash] = field.split('|');
  if (salt === undefined || hash === undefined) return undefined;
  const parsed = { salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
  return parsed.salt.length === 20 && parsed.hash.length === 20 ? parsed : undefined;
}

function isBlobOfType(key: Buffer, keyType: string): boolean {
  try {
    return keyTypeOfBlob(key) === keyType;
  } catch {
    return false;
  }
}

function entryMatches(entry: KnownHostEntry, name: string): boolean {
  if (entry.hashed !== undefined) {
    const digest = createHmac('sha1', entry.hashed.salt).update(name).digest();
    return timingSafeEqual(digest, entry.hashed.hash);
  }
  let matched = false;
  for (const pattern of entry.patterns) {
    const negated = pattern.startsWith('!');
    if (!globMatches(negated ? pattern.slice(1) : pattern, name)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

function globMatches(pattern: string, name: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${source}$`).test(name);
}

function sameKey(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
