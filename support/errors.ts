// The error taxonomy: the host is wrong, the host could not be checked, the configuration is wrong.

/** Stable codes, the one list of them; reports and tests match on them, never on class names. */
export const ERROR_CODES = [
  'CHECK_FAILED',
  'HOST_UNREACHABLE',
  'ENDPOINT_UNREACHABLE',
  'AUTH_FAILED',
  'HOST_KEY_REJECTED',
  'SUDO_REFUSED',
  'TLS_REJECTED',
  'TIMED_OUT',
  'REMOTE_COMMAND_FAILED',
  'CONFIG_ERROR',
  'CATALOG_ERROR',
  'SERVICE_NOT_FOUND',
  /** A fleet run's host cut short by Ctrl-C. */
  'INTERRUPTED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The code when `value` is one (codes come back as plain strings from results and messages), else undefined. */
export function asErrorCode(value: string | undefined): ErrorCode | undefined {
  return ERROR_CODES.find((code) => code === value);
}

/**
 * The code an error class stands for, from its name (cucumber records a thrown error by class name): the name in
 * SCREAMING_SNAKE_CASE, e.g. HostKeyRejected -> HOST_KEY_REJECTED; errors.test.ts holds every class to it.
 */
export function errorCodeOfClass(name: string): ErrorCode | undefined {
  return asErrorCode(name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase());
}

/** Process exit codes of the CLI. */
export const EXIT_PASSED = 0;
export const EXIT_CHECK_FAILED = 1;
export const EXIT_NOT_CHECKED = 2;
/** `catalog draft`: the host was reached but has no such daemon (no unit, no package). */
export const EXIT_SERVICE_NOT_FOUND = 3;

export class WlaError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** The host violates a checklist item: the run completed and found a fault. */
export class CheckFailed extends WlaError {
  readonly evidence: readonly string[];
  constructor(message: string, evidence: readonly string[] = [], options?: { cause?: unknown }) {
    super('CHECK_FAILED', message, options);
    this.evidence = evidence;
  }
}

/** The host could not be reached (DNS, refused, no route, dropped connection). */
export class HostUnreachable extends WlaError {
  constructor(
    message: string,
    options?: { cause?: unknown },
    code: 'HOST_UNREACHABLE' | 'ENDPOINT_UNREACHABLE' = 'HOST_UNREACHABLE',
  ) {
    super(code, message, options);
  }
}

/** The host refused our credentials. */
export class AuthFailed extends WlaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('AUTH_FAILED', message, options);
  }
}

/** The host's key is unknown or changed: we refuse to talk to it. */
export class HostKeyRejected extends WlaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('HOST_KEY_REJECTED', message, options);
  }
}

/** sudo -n refused (it wants a password, or the user may not sudo). */
export class SudoRefused extends WlaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SUDO_REFUSED', message, options);
  }
}

/** The HTTPS peer's certificate did not verify. */
export class TlsRejected extends WlaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('TLS_REJECTED', message, options);
  }
}

/** Something we awaited did not happen in time; says what and for how long. */
export class TimedOut extends WlaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('TIMED_OUT', message, options);
  }
}

/** A remote command ended abnormally in a way that prevents checking (not a host fault). */
export class RemoteCommandFailed extends WlaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('REMOTE_COMMAND_FAILED', message, options);
  }
}

/** The user's configuration (flags, env, file) is invalid. */
export class ConfigError extends WlaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONFIG_ERROR', message, options);
  }
}

/** The service catalog or waiver file is invalid. */
export class CatalogError extends WlaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CATALOG_ERROR', message, options);
  }
}

/** `catalog draft` found nothing of the daemon it was asked about on the host (no unit, no package). */
export class ServiceNotFound extends WlaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SERVICE_NOT_FOUND', message, options);
  }
}

/** A fleet run's host cut short by Ctrl-C (its connection attempt, or its run). */
export class Interrupted extends WlaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INTERRUPTED', message, options);
  }
}

/** True when the error means "could not check", as opposed to "checked and found wrong". */
export function isNotChecked(err: unknown): boolean {
  return err instanceof WlaError && err.code !== 'CHECK_FAILED';
}
