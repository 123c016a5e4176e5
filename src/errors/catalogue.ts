/**
 * The one catalogue of Ledgerbridge errors. Codes are stable (users script against them and
 * they appear in sync-error rows); messages are written per occurrence and name the value.
 *
 * `retryable`: whether the same action may succeed later without anyone changing anything.
 * `httpStatus`: what the HTTP API answers when this error ends a request.
 * `fix`: the default hint; an occurrence may give a sharper one.
 *
 * @module
 */

export interface ErrorDefinition {
  readonly retryable: boolean;
  readonly httpStatus: number;
  readonly fix: string;
}

export const ERROR_CATALOGUE = {
  LB_CONFIG_INVALID: {
    retryable: false,
    httpStatus: 500,
    fix: 'Correct the named setting (see the configuration table in README.md).',
  },
  LB_CONFIG_FILE_UNREADABLE: {
    retryable: false,
    httpStatus: 500,
    fix: 'Check the path in LEDGERBRIDGE_CONFIG and that the file is valid JSON.',
  },
  LB_STORE_UNREACHABLE: {
    retryable: true,
    httpStatus: 503,
    fix: 'Check that PostgreSQL is running and DATABASE_URL names the right host, port, user and database.',
  },
  LB_STORE_FOREIGN: {
    retryable: false,
    httpStatus: 500,
    fix: 'Point LEDGERBRIDGE_DATA_DIR at an empty or Ledgerbridge directory (or DATABASE_URL at another database).',
  },
  LB_STORE_CORRUPT: {
    retryable: false,
    httpStatus: 500,
    fix: 'Restore the data directory from a backup, or move it aside and run `ledgerbridge init` to start afresh.',
  },
  LB_STORE_TOO_NEW: {
    retryable: false,
    httpStatus: 500,
    fix: 'Upgrade Ledgerbridge to the version that last migrated this store.',
  },
  LB_STORE_LOCKED: {
    retryable: true,
    httpStatus: 503,
    fix: 'Another Ledgerbridge process is using this data directory: stop it, or use PostgreSQL (DATABASE_URL) to run several processes.',
  },
  LB_STORE_NOT_INITIALISED: {
    retryable: false,
    httpStatus: 500,
    fix: 'Run `ledgerbridge init` first.',
  },
  LB_MIGRATION_FAILED: {
    retryable: false,
    httpStatus: 500,
    fix: 'Nothing was changed by the failed migration; report the message with `--verbose` output.',
  },
  LB_DOCUMENT_INVALID: {
    retryable: false,
    httpStatus: 422,
    fix: 'Correct the named field in the source system or the import file, then sync again.',
  },
  LB_USAGE: {
    retryable: false,
    httpStatus: 400,
    fix: 'Run `ledgerbridge --help` to see the commands and options.',
  },
  LB_INTERNAL: {
    retryable: false,
    httpStatus: 500,
    fix: 'This is a bug in Ledgerbridge; run again with --verbose and report the output.',
  },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
