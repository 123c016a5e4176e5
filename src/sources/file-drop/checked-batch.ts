/**
 * A batch of checked records as it crosses from the check worker (check-worker.ts) to the first
 * pass on the main thread (check-pass.ts). The main thread never sees the documents themselves —
 * parsing, validation, canonical JSON, hashing and even the bytes the store will be sent are made
 * on the worker's core — only the few facts it keeps the import's books with: each record's key,
 * its references' keys, its entity, and where its page bytes are.
 *
 * Measured on 1,000,000 one-line invoices, the first layout (one JSON array of every fact, and the
 * spill lines as bytes) cost the worker ~3 s to build and send and the main thread ~3 s to read;
 * this one is numbers in an Int32Array, the keys in one string, and JSON only for the rare record
 * that carries issues or CSV locations:
 *
 * - document: DOCUMENT, line, key length, human-name length (-1: none), entity (index into
 *   `names`), page-bytes length, extra (index into `extras`, -1: none), reference count, then per
 *   reference its key's length and its field (index into `names`);
 * - deletion: DELETION, line, key length, human-name length, extra;
 * - rejected: REJECTED, line, key length (-1: no usable key), human-name length, marker (0/1),
 *   extra (its issues).
 *
 * `strings` holds each record's key, its human name (number or name) and its references' keys,
 * in that order.
 *
 * @module
 */
import type { ImportIssue } from './import-issue.js';
import type { FieldLocation } from './raw-record.js';

/** What the worker makes of each accepted document for the store. */
export type PageForm =
  /** Spill lines, written by the worker to this file (the two-pass import). */
  | { readonly kind: 'spill'; readonly path: string }
  /** `["<hash>",<document>]` pairs for the jsonb page (pairs-bytes.ts). */
  | { readonly kind: 'pairs' }
  /** COPY tuples (document-rows-bytes.ts), for a source's first import on the server. */
  | { readonly kind: 'copy' };

export interface CheckedBatch {
  readonly ints: Int32Array;
  readonly strings: string;
  /** Entities and reference fields the records name by index. */
  readonly names: readonly string[];
  /** JSON array of RecordExtra, or null when no record of the batch has one. */
  readonly extras: string | null;
  /** The documents' page entries, one after another (empty for the spill form). */
  readonly bytes: Uint8Array;
  readonly records: number;
  /** The last line read so far. */
  readonly lastLine: number;
  /** Issues about the file as a whole: it is refused. */
  readonly fileIssues?: readonly ImportIssue[];
  /** Rows of a refused file, each counted as rejected. */
  readonly refused?: number;
}

/** What only some records have. */
export interface RecordExtra {
  /** A rejected record's issues. */
  readonly issues?: ImportIssue[];
  /** Where its sourceId is, when that is not simply its line (CSV). */
  readonly at?: FieldLocation;
  /** Each reference's CSV column. */
  readonly columns?: (string | null)[];
}

export const DOCUMENT = 0;
export const DELETION = 1;
export const REJECTED = 2;
