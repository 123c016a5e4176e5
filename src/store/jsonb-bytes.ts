/**
 * A `jsonb` statement parameter given as UTF-8 bytes rather than a string. node-postgres sends a
 * Buffer parameter in binary format, and `jsonb`'s binary format is a version byte (1) followed by
 * the JSON text (https://www.postgresql.org/docs/current/datatype-json.html, jsonb_recv in
 * src/backend/utils/adt/jsonb.c), so a page assembled off the heap (byte-builder.ts) reaches the
 * server without ever becoming a JavaScript string. PGlite reads a byte parameter as `bytea`, so
 * it is given the text. Each backend translates its parameters with `jsonbParam` (the only place
 * that knows the difference).
 *
 * @module
 */
import type { Backend } from './database.js';

/** jsonb's binary format version: the only one PostgreSQL defines. */
export const JSONB_VERSION = 1;

export class JsonbBytes {
  /** `bytes`: JSONB_VERSION, then the JSON text as UTF-8. */
  constructor(readonly bytes: Buffer) {}

  /** The JSON text. */
  text(): string {
    return this.bytes.toString('utf8', 1);
  }
}

/** A statement parameter as `backend` takes it: JsonbBytes translated, anything else as given. */
export function jsonbParam(backend: Backend, param: unknown): unknown {
  if (!(param instanceof JsonbBytes)) return param;
  return backend === 'postgres' ? param.bytes : param.text();
}
