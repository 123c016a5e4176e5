import { ERROR_CATALOGUE, type ErrorCode } from './catalogue.js';

export interface ErrorOptions {
  /** Overrides the catalogue's fix hint with one specific to this occurrence. */
  readonly fix?: string;
  readonly cause?: unknown;
  /** Machine-readable facts (never secrets): field names, values, ids. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** A fault with a stable code from the catalogue, a retryable flag and a fix hint a user can act on. */
export class LedgerbridgeError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly httpStatus: number;
  /** The CLI's exit status when this error ends a command. */
  readonly exitCode: number;
  readonly fix: string;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const definition = ERROR_CATALOGUE[code];
    this.name = 'LedgerbridgeError';
    this.code = code;
    this.retryable = definition.retryable;
    this.httpStatus = definition.httpStatus;
    this.exitCode = 'exitCode' in definition ? definition.exitCode : 1;
    this.fix = options.fix ?? definition.fix;
    this.details = options.details ?? {};
  }

  /** One line: what is wrong and how to fix it. */
  toLine(): string {
    return `${this.message} — ${this.fix} [${this.code}]`;
  }
}

/** Any thrown value as a LedgerbridgeError: unknown faults become LB_INTERNAL, keeping the cause. */
export function asLedgerbridgeError(error: unknown): LedgerbridgeError {
  if (error instanceof LedgerbridgeError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new LedgerbridgeError('LB_INTERNAL', `Unexpected failure: ${message}`, { cause: error });
}
