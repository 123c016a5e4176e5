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
  /** The CLI's exit status when this error ends a command (default 1; docs/cli.md lists them). */
  readonly exitCode?: number;
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
  LB_WARM_STORE_LOST: {
    retryable: true,
    httpStatus: 503,
    fix: 'Run the command again (it starts a new store process); if it changed something, check it first (`ledgerbridge map list`). LEDGERBRIDGE_KEEP_WARM_MINUTES=0 runs commands without one.',
  },
  LB_WARM_STORE_STUCK: {
    retryable: true,
    httpStatus: 503,
    fix: 'Run `ledgerbridge store stop`: it ends a store process that does not answer, and the next command starts a fresh one. LEDGERBRIDGE_WARM_ANSWER_SECONDS sets how long a command waits.',
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
  LB_SECRET_KEY_MISSING: {
    retryable: false,
    httpStatus: 500,
    fix: 'Set LEDGERBRIDGE_SECRET_KEY to the key the Xero tokens were stored with (Ledgerbridge will not start without it once a Xero organisation is connected). If that key is lost, set a new one and run `ledgerbridge keys reset`, then `ledgerbridge connect xero`.',
  },
  LB_SECRET_KEY_WRONG: {
    retryable: false,
    httpStatus: 500,
    fix: 'Set LEDGERBRIDGE_SECRET_KEY back to the key the tokens were sealed with. If that key is lost, run `ledgerbridge keys reset` (it drops only the tokens this key cannot open; links to what is in Xero are kept), then `ledgerbridge connect xero`.',
  },
  LB_TOKEN_UNREADABLE: {
    retryable: false,
    httpStatus: 500,
    fix: 'The stored token cannot be used: run `ledgerbridge keys reset` to drop it (links to what is in Xero are kept), then `ledgerbridge connect xero`.',
  },
  LB_XERO_APP_NOT_CONFIGURED: {
    retryable: false,
    httpStatus: 500,
    fix: 'Set XERO_CLIENT_ID and XERO_CLIENT_SECRET from your app at developer.xero.com (see docs/xero-setup.md).',
  },
  LB_XERO_NOT_CONNECTED: {
    retryable: false,
    httpStatus: 409,
    fix: 'Connect the organisation with `ledgerbridge connect xero`.',
  },
  LB_XERO_NEEDS_RECONNECT: {
    retryable: false,
    httpStatus: 409,
    fix: 'The Xero connection expired or was revoked: run `ledgerbridge connect xero` again.',
  },
  LB_XERO_OAUTH_FAILED: {
    retryable: false,
    httpStatus: 400,
    fix: 'Start the connection again with `ledgerbridge connect xero`; if it repeats, check the app’s redirect URI and scopes at developer.xero.com.',
  },
  LB_XERO_UNAUTHORISED: {
    retryable: false,
    httpStatus: 502,
    fix: 'Xero refused the credentials or the scopes: reconnect with `ledgerbridge connect xero` (granting every scope asked for).',
  },
  LB_XERO_RATE_LIMITED: {
    retryable: true,
    httpStatus: 503,
    fix: 'Xero’s per-minute limit was reached; Ledgerbridge waits and continues on its own.',
  },
  LB_XERO_DAY_LIMIT: {
    retryable: true,
    httpStatus: 503,
    fix: 'The organisation used its daily Xero allowance; syncing resumes after Xero’s daily reset. Set XERO_DAILY_LIMIT to match your Xero tier.',
  },
  LB_XERO_UNAVAILABLE: {
    retryable: true,
    httpStatus: 503,
    fix: 'Xero did not answer or failed; Ledgerbridge retries on the next run. Check status.xero.com if it persists.',
  },
  LB_XERO_OUTCOME_UNKNOWN: {
    retryable: true,
    httpStatus: 503,
    fix: 'Xero may or may not have applied the write; the next run looks the documents up in Xero before sending anything again.',
  },
  LB_XERO_REQUEST_REJECTED: {
    retryable: false,
    httpStatus: 502,
    fix: 'Xero rejected the request as a whole; run with --verbose and report the message.',
  },
  LB_XERO_REQUEST_TOO_LARGE: {
    retryable: false,
    httpStatus: 500,
    fix: 'Lower XERO_BATCH_SIZE so each request stays under Xero’s 3.5 MB limit.',
  },
  // Document-level refusals by Xero: recorded as sync errors on the document (never thrown).
  LB_XERO_CONTACT_NAME_TAKEN: {
    retryable: false,
    httpStatus: 409,
    fix: 'Another active Xero contact has this name: turn on "append source id to contact names", or rename one of them.',
  },
  LB_XERO_NUMBER_TAKEN: {
    retryable: false,
    httpStatus: 409,
    fix: 'Xero already has a document with this number: renumber one of them, or link the existing one.',
  },
  LB_XERO_OVERPAYMENT: {
    retryable: false,
    httpStatus: 409,
    fix: 'The payment is larger than what Xero shows outstanding: check payments or credits applied to the invoice in Xero.',
  },
  LB_XERO_PERIOD_LOCKED: {
    retryable: false,
    httpStatus: 409,
    fix: 'The document is dated in a period locked in Xero: ask the accountant to move the lock date, or turn on "move locked documents to the first open date".',
  },
  LB_XERO_ACCOUNT_INVALID: {
    retryable: false,
    httpStatus: 422,
    fix: 'The account is missing, archived or of the wrong type in Xero: choose another in Mappings.',
  },
  LB_XERO_TAX_INVALID: {
    retryable: false,
    httpStatus: 422,
    fix: 'The tax rate is missing or cannot be used with this account in Xero: choose another tax mapping.',
  },
  LB_XERO_CONTACT_ARCHIVED: {
    retryable: false,
    httpStatus: 409,
    fix: 'The contact is archived in Xero: restore it in Xero, then retry.',
  },
  LB_XERO_DOCUMENT_LOCKED: {
    retryable: false,
    httpStatus: 409,
    fix: 'Xero will not change a document with payments or credits applied: Ledgerbridge removes and re-applies them on the next run unless a payment is reconciled, in which case unreconcile it in Xero first.',
  },
  LB_XERO_NOT_FOUND: {
    retryable: false,
    httpStatus: 404,
    fix: 'The linked document no longer exists in Xero: retry to create it again, or unlink it.',
  },
  LB_XERO_VALIDATION: {
    retryable: false,
    httpStatus: 422,
    fix: 'Xero refused the document: correct it in the PMS (Xero’s own message says what), then retry.',
  },
  // Sync decisions about one document (sync errors, never thrown).
  LB_MAPPING_MISSING: {
    retryable: false,
    httpStatus: 422,
    fix: 'Add the mapping with `ledgerbridge map …` (see `ledgerbridge map --help`), then `ledgerbridge retry`.',
  },
  LB_MAPPING_INVALID: {
    retryable: false,
    httpStatus: 422,
    fix: 'The mapped Xero account, tax rate or tracking option is missing, archived or of the wrong type: change the mapping with `ledgerbridge map …` (`ledgerbridge map check` lists them all).',
  },
  LB_SYNC_NOT_ROUTED: {
    retryable: false,
    httpStatus: 409,
    fix: "Route the entity to a Xero organisation on the dashboard's Setup page, or with `ledgerbridge map route SOURCE/ENTITY TENANT_ID`.",
  },
  LB_SYNC_REFERENCE_MISSING: {
    retryable: false,
    httpStatus: 422,
    fix: 'The document refers to a contact or invoice Ledgerbridge has not received: send it from the PMS (or import it), then retry.',
  },
  LB_WORKER_NEEDS_POSTGRES: {
    retryable: false,
    httpStatus: 500,
    fix: 'The embedded store is one process: run `ledgerbridge serve` alone (it has a worker inside), or move to PostgreSQL (set DATABASE_URL) to add workers.',
  },
  LB_PORT_IN_USE: {
    retryable: false,
    httpStatus: 500,
    fix: 'Stop what is listening there, or choose another port with LEDGERBRIDGE_PORT (0 picks any free port).',
  },
  LB_SYNC_FAILED: {
    retryable: true,
    httpStatus: 502,
    fix: 'See the organisation’s error above; fix it and sync again.',
  },
  LB_SYNC_INCOMPLETE: {
    retryable: false,
    httpStatus: 422,
    exitCode: 3,
    fix: 'See `ledgerbridge errors` for what was refused and how to fix it, then `ledgerbridge retry --all`.',
  },
  LB_MAPPINGS_INCOMPLETE: {
    retryable: false,
    httpStatus: 422,
    exitCode: 3,
    fix: 'Set each mapping listed as missing or invalid (`ledgerbridge map …`; `map accounts` and `map tax-types` show what Xero offers), then run `ledgerbridge map check` again.',
  },
  LB_SYNC_BUSY: {
    retryable: true,
    httpStatus: 409,
    exitCode: 75,
    fix: 'Another Ledgerbridge process is syncing this organisation: let it finish (run without --no-wait to wait for it), then sync again.',
  },
  LB_SYNC_DUPLICATE_PAYMENT: {
    retryable: false,
    httpStatus: 409,
    fix: 'Delete the second payment in Xero by hand (unreconcile it first if it is reconciled); the error clears the next time this payment is pushed.',
  },
  LB_SYNC_CURRENCY_MISMATCH: {
    retryable: false,
    httpStatus: 422,
    fix: 'Record the payment in its invoice’s currency in the PMS; the next sync pushes it.',
  },
  LB_SYNC_CURRENCY_NOT_ENABLED: {
    retryable: false,
    httpStatus: 422,
    fix: 'In Xero add the currency (Accounting → Advanced → Currencies → Add currency; Xero offers multi-currency on its Premium and Ultimate plans), then sync again — or record the document in the organisation’s base currency.',
  },
  LB_SYNC_BLOCKED: {
    retryable: false,
    httpStatus: 409,
    fix: 'Fix the document this one waits on (see its own sync error); this one follows on the next run.',
  },
  LB_SYNC_RECONCILED: {
    retryable: false,
    httpStatus: 409,
    fix: 'Xero will not change or delete a reconciled bank transaction: unreconcile it in Xero and run sync again, or undo the change in the PMS.',
  },
  LB_SYNC_BANK_TYPE_CHANGED: {
    retryable: false,
    httpStatus: 409,
    fix: 'Xero cannot turn money received into money spent (or back): delete the transaction in Xero, then `ledgerbridge resync` it so it is created again as the PMS now has it.',
  },
  LB_SYNC_TRANSFER_CHANGED: {
    retryable: false,
    httpStatus: 409,
    fix: 'Xero cannot change a bank transfer: delete it in Xero, then `ledgerbridge resync` it so the new one is created.',
  },
  LB_SYNC_OVERPAYMENT_CHANGED: {
    retryable: false,
    httpStatus: 409,
    fix: 'Xero cannot change an overpayment or prepayment once made: undo the change in the PMS, or delete the receipt in the PMS and record it again as a new one.',
  },
  LB_SYNC_REFUND_CHANGED: {
    retryable: false,
    httpStatus: 409,
    fix: 'Xero cannot change a refund once made: delete it in the PMS and record it again as a new one.',
  },
  LB_SYNC_CLEARING_NOT_BANK: {
    retryable: false,
    httpStatus: 409,
    fix: 'A payout is a bank transfer out of the payment method’s clearing account, and Xero transfers only between bank accounts: add a bank account for the processor in Xero (e.g. "Stripe clearing") and map the method to it with `ledgerbridge map payment-method METHOD ACCOUNT_CODE`.',
  },
  LB_SYNC_WRITE_OFF_EXCEEDS_DUE: {
    retryable: false,
    httpStatus: 409,
    fix: 'Write off no more than the invoice still owes in Xero: correct the write-off (or the payments recorded against the invoice) in the PMS; it is sent on the next run.',
  },
  LB_SYNC_RETURNED_NOT_REVERSED: {
    retryable: false,
    httpStatus: 409,
    fix: 'In Xero, open the invoice, click the payment and choose Options → Remove & Redo (remove it from its batch deposit first if it is in one), then run sync again.',
  },
  LB_SYNC_PERIOD_LOCKED: {
    retryable: false,
    httpStatus: 409,
    fix: 'The document is dated before the Xero organisation’s lock date: ask the accountant to move the lock date, or turn on `moveLockedToFirstOpenDate`.',
  },
  LB_SYNC_PAYMENT_RECONCILED: {
    retryable: false,
    httpStatus: 409,
    fix: 'A payment on this invoice is reconciled in Xero, so Xero will not let it be removed: unreconcile it in Xero, then retry.',
  },
  LB_SYNC_XERO_PAYMENTS: {
    retryable: false,
    httpStatus: 409,
    fix: 'Payments entered directly in Xero stop this invoice from being changed: remove them in Xero (or record them in the PMS), then retry.',
  },
  LB_SYNC_CANNOT_RESTORE: {
    retryable: false,
    httpStatus: 409,
    fix: 'Xero cannot un-void or un-delete a document: Ledgerbridge recreates it on the next run once you unlock it with `ledgerbridge unlock`.',
  },
  LB_SYNC_XERO_EDIT: {
    retryable: false,
    httpStatus: 409,
    fix: 'The contact was edited in Xero after Ledgerbridge pushed it, and this source cannot take edits back: make the same change in the PMS (the PMS version is pushed again on its next edit).',
  },
  LB_RECONCILE_DIFFERENCES: {
    retryable: false,
    httpStatus: 409,
    exitCode: 4,
    fix: 'Each difference above says its likely cause and fix: apply it (`ledgerbridge reconcile fix ID --repush|--remove` where offered, then `ledgerbridge sync`), or accept it with `ledgerbridge reconcile accept ID --reason TEXT`.',
  },
  LB_TRUST_UNBALANCED: {
    retryable: false,
    httpStatus: 409,
    exitCode: 4,
    fix: 'Each line above says what disagrees: sync first (`ledgerbridge sync`, then `ledgerbridge errors`), find trust bank entries made in Xero outside the practice system, and correct an overdrawn client ledger in the practice system at once (trust account rules require it).',
  },
  LB_RECONCILE_UNKNOWN_DIFFERENCE: {
    retryable: false,
    httpStatus: 404,
    fix: 'Use an ID from the latest `ledgerbridge reconcile` report (run it again if it is old).',
  },
  LB_RECONCILE_PAYMENT_RECONCILED: {
    retryable: false,
    httpStatus: 409,
    fix: 'Unreconcile the payment in Xero first (its bank account → Account Transactions → Unreconcile), run `ledgerbridge reconcile`, then the fix again.',
  },
  LB_RECONCILE_FIX_NOT_OFFERED: {
    retryable: false,
    httpStatus: 409,
    fix: 'Only the fixes the report offers for a difference can be run; the others are made in the practice system or in Xero.',
  },
  LB_CONFIRMATION_NEEDED: {
    retryable: false,
    httpStatus: 400,
    exitCode: 2,
    fix: 'Run the command on a terminal and type yes when asked, or add --yes to confirm in a script.',
  },
  LB_USAGE: {
    retryable: false,
    httpStatus: 400,
    exitCode: 2,
    fix: 'Run `ledgerbridge --help` to see the commands and options.',
  },
  LB_INTERNAL: {
    retryable: false,
    httpStatus: 500,
    fix: 'This is a bug in Ledgerbridge; run again with --verbose and report the output.',
  },
  LB_IMPORT_REJECTED: {
    retryable: false,
    httpStatus: 422,
    fix: 'Correct the records listed (file:line, field and value) and import the file again; --partial applies the valid ones and reports the rest.',
  },
  LB_IMPORT_INVALID_RECORD: {
    retryable: false,
    httpStatus: 422,
    fix: 'Correct the named field in the PMS export (docs/ledger-format.md describes every field).',
  },
  LB_IMPORT_MALFORMED_JSON: {
    retryable: false,
    httpStatus: 422,
    fix: 'Write one complete JSON object per line (JSON Lines): no line breaks inside a record, no trailing commas.',
  },
  LB_IMPORT_NOT_UTF8: {
    retryable: false,
    httpStatus: 422,
    fix: 'Export the file as UTF-8 (a spreadsheet: "Save as CSV UTF-8"; a PMS export: its encoding option), or correct the named text, then import it again.',
  },
  LB_IMPORT_CSV_SYNTAX: {
    retryable: false,
    httpStatus: 422,
    fix: 'Quote fields holding commas, quotes or line breaks ("a ""quoted"" word"), and give every row as many fields as the header.',
  },
  LB_IMPORT_CSV_CONFLICT: {
    retryable: false,
    httpStatus: 422,
    fix: 'Repeat an invoice’s or credit note’s own columns unchanged on each of its rows (or leave them empty after the first).',
  },
  LB_IMPORT_UNKNOWN_COLUMN: {
    retryable: false,
    httpStatus: 422,
    fix: 'Rename or remove the column: the header may use only the columns of the ledger CSV layout (docs/ledger-format.md).',
  },
  LB_IMPORT_MISSING_COLUMN: {
    retryable: false,
    httpStatus: 422,
    fix: 'Add the named column to the header (docs/ledger-format.md lists the columns each kind of row needs).',
  },
  LB_IMPORT_DUPLICATE_ID: {
    retryable: false,
    httpStatus: 422,
    fix: 'Give each document one record per file: keep the newest and remove the other.',
  },
  LB_IMPORT_MISSING_REFERENCE: {
    retryable: false,
    httpStatus: 422,
    fix: 'Import the contact or invoice it refers to first (earlier in the file, or an earlier file), or correct the id.',
  },
  LB_IMPORT_WRONG_SOURCE: {
    retryable: false,
    httpStatus: 422,
    fix: 'Leave `source` out of the records (the import names it), or import with --source set to the records’ source.',
  },
  LB_IMPORT_UNREADABLE: {
    retryable: false,
    httpStatus: 400,
    fix: 'Check the path: import takes a .jsonl, .ndjson or .csv file, or a folder of them, readable by this process.',
  },
  LB_SOURCE_OAUTH_FAILED: {
    retryable: false,
    httpStatus: 400,
    fix: 'Start the connection again (`ledgerbridge connect clio` or `connect actionstep`); if it repeats, check the redirect URI registered on your app matches the one Ledgerbridge listens on.',
  },
  LB_SOURCE_NOT_CONNECTED: {
    retryable: false,
    httpStatus: 409,
    fix: 'Connect the practice-management system first, e.g. `ledgerbridge connect cliniko --api-key KEY`; `ledgerbridge sources` lists what is connected.',
  },
  LB_SOURCE_NEEDS_RECONNECT: {
    retryable: false,
    httpStatus: 409,
    fix: 'The practice-management system refused the stored credentials (expired, revoked or deleted): connect it again, e.g. `ledgerbridge connect cliniko --api-key NEW_KEY`.',
  },
  LB_SOURCE_CREDENTIALS_INVALID: {
    retryable: false,
    httpStatus: 400,
    fix: 'Check the key or login you gave: copy the whole API key, including its ending such as "-au1".',
  },
  LB_SOURCE_RATE_LIMITED: {
    retryable: true,
    httpStatus: 503,
    fix: 'The practice-management system asked us to slow down for longer than a pull waits; the next pull continues where this one stopped.',
  },
  LB_SOURCE_UNAVAILABLE: {
    retryable: true,
    httpStatus: 503,
    fix: 'The practice-management system did not answer or failed; the next pull continues from the last page stored. Check its status page if it persists.',
  },
  LB_SOURCE_BAD_RESPONSE: {
    retryable: true,
    httpStatus: 502,
    fix: 'The practice-management system answered with something that is not what its API documents; the next pull retries. Report it if it repeats.',
  },
  LB_SOURCE_WEBHOOK_REFUSED: {
    retryable: true,
    httpStatus: 502,
    fix: 'The practice-management system would not create or renew the webhook. Check that LEDGERBRIDGE_PUBLIC_URL is an https address it can reach and that the connection allows webhooks (connect again if not); changes are still pulled every interval, and the subscription is retried within the hour.',
  },
  LB_SOURCE_INVALID_RECORD: {
    retryable: false,
    httpStatus: 422,
    fix: 'Correct the named field of the record in the practice-management system; the next pull reads it again.',
  },
  LB_SOURCE_DUPLICATE_ID: {
    retryable: false,
    httpStatus: 422,
    fix: 'The practice-management system sent two records with the same id in one page; the first was kept. Report it to the vendor if it repeats.',
  },
  LB_SOURCE_MISSING_REFERENCE: {
    retryable: false,
    httpStatus: 422,
    fix: 'The record refers to a contact or invoice Ledgerbridge has not received: check it exists (not deleted) in the practice-management system, then pull again.',
  },
  LB_SOURCE_UNKNOWN: {
    retryable: false,
    httpStatus: 404,
    fix: 'Name a source `ledgerbridge sources` lists.',
  },
  LB_AUTH_REQUIRED: {
    retryable: false,
    httpStatus: 401,
    fix: 'Sign in, or send an API key as `Authorization: Bearer KEY`.',
  },
  LB_AUTH_FORBIDDEN: {
    retryable: false,
    httpStatus: 403,
    fix: 'Ask an admin to do this, or to give your account a role that may.',
  },
  LB_AUTH_LOGIN_FAILED: {
    retryable: false,
    httpStatus: 401,
    fix: 'Check the e-mail and password; an admin can set a new password with `ledgerbridge users add` after `users remove`.',
  },
  LB_AUTH_THROTTLED: {
    retryable: true,
    httpStatus: 429,
    fix: 'Too many failed sign-ins: wait the time given, then try again.',
  },
  LB_AUTH_CSRF: {
    retryable: false,
    httpStatus: 403,
    fix: 'Reload the page and submit again (the form was stale or came from another site); API clients send the X-CSRF-Token the sign-in returned, or use an API key.',
  },
  LB_AUTH_SETUP_INVALID: {
    retryable: false,
    httpStatus: 400,
    fix: 'Use the setup link `ledgerbridge serve` printed last; once an admin exists, sign in instead.',
  },
  LB_AUTH_PASSWORD_WEAK: {
    retryable: false,
    httpStatus: 400,
    fix: 'Choose a password of at least 12 characters.',
  },
  LB_AUTH_PASSWORD_NEEDED: {
    retryable: false,
    httpStatus: 400,
    fix: 'Run the command on a terminal to type the password, or set LEDGERBRIDGE_USER_PASSWORD for it.',
  },
  LB_USER_EXISTS: {
    retryable: false,
    httpStatus: 409,
    fix: 'Pick another e-mail, or change that account with `ledgerbridge users set-role`.',
  },
  LB_USER_UNKNOWN: {
    retryable: false,
    httpStatus: 404,
    fix: 'Check the e-mail against `ledgerbridge users list`.',
  },
  LB_ROLE_UNKNOWN: {
    retryable: false,
    httpStatus: 400,
    fix: 'Use one of the roles admin, accountant or viewer.',
  },
  LB_API_KEY_UNKNOWN: {
    retryable: false,
    httpStatus: 404,
    fix: 'Check the key id against `ledgerbridge api-keys list`.',
  },
  LB_LAST_ADMIN: {
    retryable: false,
    httpStatus: 409,
    fix: 'Make another account admin first (`ledgerbridge users set-role EMAIL admin`).',
  },
  LB_API_NOT_FOUND: {
    retryable: false,
    httpStatus: 404,
    fix: 'Check the id: the matching list route (GET /api/…) shows the ones that exist.',
  },
  LB_PUSH_REJECTED: {
    retryable: false,
    httpStatus: 422,
    fix: 'Correct the records named in details.issues (document, field and value) and send the batch again, or send ?partial=true to apply the valid ones.',
  },
  LB_PUSH_KEY_REUSED: {
    retryable: false,
    httpStatus: 422,
    fix: 'An Idempotency-Key names one batch: send a new key with a different batch.',
  },
  LB_PUSH_TOO_LARGE: {
    retryable: false,
    httpStatus: 413,
    fix: 'Split the batch: at most 10,000 records and 8 MiB a request.',
  },
  LB_PUSH_UNSUPPORTED_TYPE: {
    retryable: false,
    httpStatus: 415,
    fix: 'Send Content-Type: application/json (a JSON array) or application/x-ndjson (JSON Lines).',
  },
  LB_PUSH_SOURCE_PULLED: {
    retryable: false,
    httpStatus: 409,
    fix: 'Documents of a source connected to a practice-management system come from its pulls: push to a push or file-drop source instead.',
  },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
