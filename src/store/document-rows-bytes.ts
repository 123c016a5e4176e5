/**
 * A page of new documents as PostgreSQL's binary COPY format
 * (https://www.postgresql.org/docs/current/sql-copy.html, "Binary Format"), for a source's first
 * import on the server (documents-bulk.ts `insertFreshDocumentPairs`). COPY skips what an
 * `INSERT … SELECT` over a `jsonb` array pays per row — the array's own parse and the copy of each
 * element, the executor's projection, the `->>` extractions, the timestamp's text — and writes the
 * heap a page of tuples at a time (heap_multi_insert): measured on 200,000 invoices, the server's
 * CPU 2.85–3.96 s for the INSERT against 2.40–2.78 s for COPY. Each document's JSON is still parsed
 * into `jsonb` by the server, once.
 *
 * The columns are those the INSERT reads from the document (source, kind, sourceId, entity,
 * status, updatedAt), taken from the same validated document whose JSON is the content, so both
 * store the same row (documents-bulk.test.ts).
 *
 * @module
 */
import { ByteBuilder } from './byte-builder.js';
import { JSONB_VERSION } from './jsonb-bytes.js';

/** The document's columns besides its content. */
export interface DocumentRow {
  readonly source?: string | undefined;
  readonly kind: string;
  readonly sourceId: string;
  readonly entity?: string | undefined;
  readonly status?: string | undefined;
  readonly hash: string;
  /** ISO 8601 with milliseconds, as validation writes it ("2026-10-01T07:05:00.000Z"). */
  readonly updatedAt?: string | undefined;
}

/** The columns, in the order each tuple gives them. */
export const DOCUMENT_ROW_COLUMNS =
  'source, kind, source_id, entity, status, hash, content, source_updated_at';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const FIELDS = 8;
/** PostgreSQL's timestamps count microseconds from 2000-01-01 00:00 UTC. */
const POSTGRES_EPOCH_MS = Date.UTC(2000, 0, 1);
const TWO_32 = 2 ** 32;

export class DocumentRowsBytes {
  private readonly out = new ByteBuilder();
  private closed = false;
  /** Rows added. */
  count = 0;

  constructor() {
    this.reset();
  }

  /** Adds one document: its columns, and its JSON (UTF-8, or text) as the content. */
  add(row: DocumentRow, json: Uint8Array | string): void {
    this.open();
    this.count++;
    writeDocumentTuple(this.out, row, json);
  }

  /** Adds `count` tuples already written by writeDocumentTuple (on the check worker). */
  addTuples(tuples: Uint8Array, count: number): void {
    this.open();
    this.count += count;
    this.out.bytes(tuples);
  }

  /** The page: header, tuples, trailer; valid until `reset`. */
  data(): Buffer {
    if (!this.closed) this.out.int16(-1);
    this.closed = true;
    return this.out.view();
  }

  reset(): void {
    this.out.reset();
    this.out.bytes(SIGNATURE);
    this.out.int32(0); // flags
    this.out.int32(0); // header extension length
    this.count = 0;
    this.closed = false;
  }

  private open(): void {
    if (this.closed) throw new Error('DocumentRowsBytes: add after data() — reset() first');
  }
}

/** Writes one document's tuple: its columns, then its JSON as binary jsonb, then its time. */
export function writeDocumentTuple(
  out: ByteBuilder,
  row: DocumentRow,
  json: Uint8Array | string,
): void {
  out.int16(FIELDS);
  for (const text of [row.source, row.kind, row.sourceId, row.entity, row.status, row.hash])
    textColumn(out, text);
  const at = out.length;
  out.int32(0);
  out.byte(JSONB_VERSION);
  if (typeof json === 'string') out.text(json);
  else out.bytes(json);
  out.setInt32(at, out.length - at - 4);
  timestampColumn(out, row.updatedAt);
}

/** A text column; absent is NULL, which the NOT NULL column refuses as the INSERT would. */
function textColumn(out: ByteBuilder, value: string | undefined): void {
  if (value === undefined) return out.int32(-1);
  const at = out.length;
  out.int32(0);
  out.text(value);
  out.setInt32(at, out.length - at - 4);
}

function timestampColumn(out: ByteBuilder, iso: string | undefined): void {
  const ms = iso === undefined ? NaN : parsed(iso);
  if (Number.isNaN(ms)) return out.int32(-1);
  const micros = (ms - POSTGRES_EPOCH_MS) * 1000; // exact: |micros| < 2^53 for years 0–9999
  const high = Math.floor(micros / TWO_32);
  out.int32(8);
  out.int32(high);
  out.uint32(micros - high * TWO_32);
}

// Exports repeat the same few timestamps, and Date.parse is ~1 µs: the last few thousand are kept.
const recent = new Map<string, number>();
function parsed(iso: string): number {
  let ms = recent.get(iso);
  if (ms === undefined) {
    if (recent.size >= 4_096) recent.clear();
    ms = Date.parse(iso);
    recent.set(iso, ms);
  }
  return ms;
}
