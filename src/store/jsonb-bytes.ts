/**
 * A `jsonb` statement parameter given as UTF-8 bytes rather than a string: `jsonb`'s binary
 * format is a version byte (1) followed by the JSON text
 * (https://www.postgresql.org/docs/current/datatype-json.html; jsonb_recv in
 * src/backend/utils/adt/jsonb.c), so a page assembled off the heap (pairs-bytes.ts) reaches the
 * store without ever becoming a JavaScript string. Both backends send a byte parameter in binary
 * format: node-postgres any Buffer; PGlite a Uint8Array its serializer returns, which for `jsonb`
 * is one of ours (pglite-database.ts), since its own would JSON.stringify the bytes. Measured on
 * the embedded import of 1,000,000 invoices, PGlite spent ~2.9 s counting the UTF-8 length of
 * page strings alone (its protocol writer walks each string twice in JavaScript).
 *
 * Use it only where the statement gives the parameter the type `jsonb` (`$1::jsonb`).
 *
 * @module
 */

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

/** A statement parameter as the drivers take it: JsonbBytes as its bytes, anything else as given. */
export function jsonbParam(param: unknown): unknown {
  return param instanceof JsonbBytes ? param.bytes : param;
}

export const hasJsonbBytes = (params: readonly unknown[]): boolean =>
  params.some((p) => p instanceof JsonbBytes);
