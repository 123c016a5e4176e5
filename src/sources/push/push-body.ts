/**
 * A push request's body → its records: a JSON array of documents and deletion markers
 * (`application/json`), or the file drop's JSON Lines (`application/x-ndjson`, one per line).
 * A body that is not the format at all is a 4xx before anything is read into the store; a JSON
 * Lines line that is not JSON is one rejected record naming its line, as in the file drop.
 *
 * @module
 */
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';

/** At most this many records a request: one transaction, answered within a request's time. */
export const MAX_PUSH_RECORDS = 10_000;
/** At most this many bytes a request (10,000 typical invoices are ~5 MiB of JSON). */
export const MAX_PUSH_BYTES = 8 * 1024 * 1024;

export type PushFormat = 'json' | 'jsonl';

/** One record as sent: its place in the batch (1-based), and its value or why it is not one. */
export interface PushRecord {
  readonly at: number;
  readonly value?: unknown;
  readonly malformed?: string;
}

/** The format a Content-Type names, or a 415 for any other. */
export function pushFormatOf(contentType: string | undefined): PushFormat {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (['application/x-ndjson', 'application/jsonl', 'application/jsonlines'].includes(type))
    return 'jsonl';
  throw new LedgerbridgeError(
    'LB_PUSH_UNSUPPORTED_TYPE',
    `A push body must be a JSON array or JSON Lines, not "${type || 'no Content-Type'}"`,
    { details: { field: 'content-type', value: type } },
  );
}

export function parsePushBody(text: string, format: PushFormat): PushRecord[] {
  const records = format === 'json' ? jsonArray(text) : jsonLines(text);
  if (records.length > MAX_PUSH_RECORDS)
    throw new LedgerbridgeError(
      'LB_PUSH_TOO_LARGE',
      `The batch holds ${records.length} records; at most ${MAX_PUSH_RECORDS} are taken at once`,
      { details: { field: 'body', value: records.length } },
    );
  return records;
}

function jsonArray(text: string): PushRecord[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw notTheFormat(`The body is not JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(value))
    throw notTheFormat('The body must be a JSON array of documents and deletion markers');
  return value.map((v: unknown, i) => ({ at: i + 1, value: v }));
}

function jsonLines(text: string): PushRecord[] {
  const records: PushRecord[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      records.push({ at: i + 1, value: JSON.parse(line) });
    } catch (error) {
      records.push({ at: i + 1, malformed: `is not valid JSON: ${(error as Error).message}` });
    }
  });
  return records;
}

function notTheFormat(message: string): LedgerbridgeError {
  return new LedgerbridgeError('LB_USAGE', message, {
    fix: 'Send a JSON array of documents in the ledger format (docs/ledger-format.md), or JSON Lines with Content-Type: application/x-ndjson.',
    details: { field: 'body' },
  });
}
