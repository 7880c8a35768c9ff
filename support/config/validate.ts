// Validates one configuration source against fixtures/config.schema.json and words the first problem.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ConfigError } from '../errors.ts';
import { CONSUL_TOKEN_ENV, PACKAGE_ROOT, PASSPHRASE_ENV } from './defaults.ts';

/** Says where a key's value came from, e.g. "from WAZO_SSH_PORT" or "in /etc/wla.yml". */
export type OriginOf = (path: string) => string;

const SECRET_KEY = /(token|passphrase|password|secret)$/i;
const SECRET_HINT = `secrets are read only from the environment (${PASSPHRASE_ENV}, ${CONSUL_TOKEN_ENV})`;

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(
      readFileSync(join(PACKAGE_ROOT, 'fixtures', 'config.schema.json'), 'utf8'),
    ) as object;
    compiled = new Ajv({ allErrors: false, verbose: true, strict: true }).compile(schema);
  }
  return compiled;
}

/** Throws ConfigError naming the first bad key, its value (secrets redacted) and what is allowed. */
export function validateLayer(data: unknown, originOf: OriginOf): void {
  const validate = validator();
  if (validate(data)) return;
  const error = validate.errors?.[0];
  if (!error) throw new ConfigError(`configuration is invalid (${originOf('')})`);
  throw new ConfigError(describeError(error, originOf));
}

export function isSecretKey(path: string): boolean {
  return SECRET_KEY.test(path.split('.').at(-1) ?? '');
}

export function renderValue(value: unknown, path: string): string {
  if (isSecretKey(path)) return '<redacted>';
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function describeError(error: ErrorObject, originOf: OriginOf): string {
  const path = dottedPath(error.instancePath);
  const parent = error.parentSchema as
    { description?: string; properties?: Record<string, unknown> } | undefined;
  if (error.keyword === 'additionalProperties') {
    const extra = String((error.params as { additionalProperty: string }).additionalProperty);
    const key = path ? `${path}.${extra}` : extra;
    const scope = path ? ` in ${path}` : '';
    const allowed = Object.keys(parent?.properties ?? {}).join(', ');
    const hint = isSecretKey(key) ? `; ${SECRET_HINT}` : '';
    return `${key}: unknown key; allowed keys${scope}: ${allowed}${hint} (${originOf(key)})`;
  }
  const subject = path || 'configuration';
  const allowed = parent?.description ?? error.message ?? 'a valid value';
  return `${subject}: ${renderValue(error.data, path)} is not allowed: ${allowed} (${originOf(path)})`;
}

/** "/ssh/port" -> "ssh.port", "/services/0" -> "services[0]". */
export function dottedPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}
