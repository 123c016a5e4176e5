/**
 * A page of `[hash, document]` pairs for the bulk writes (documents-bulk.ts), assembled as UTF-8
 * off the JavaScript heap: the JSON array `[pair,pair,…]` as a binary `jsonb` parameter
 * (jsonb-bytes.ts). The overlapped import copies each accepted record's bytes in from the spill's
 * buffer as it goes, so no page of strings is held, joined and encoded again.
 *
 * @module
 */
import { ByteBuilder } from './byte-builder.js';
import { JSONB_VERSION, JsonbBytes } from './jsonb-bytes.js';

const OPEN = 0x5b; // [
const COMMA = 0x2c;
const CLOSE = 0x5d; // ]

export class PairsBytes {
  private readonly out: ByteBuilder;
  private closed = false;
  /** Pairs added. */
  count = 0;

  constructor(capacity?: number) {
    this.out = new ByteBuilder(capacity);
    this.reset();
  }

  /** Adds one pair, already JSON as UTF-8 (`["<hash>",{…}]`). */
  add(pair: Uint8Array): void {
    if (this.closed) throw new Error('PairsBytes: add after param() — reset() first');
    if (this.count++ > 0) this.out.byte(COMMA);
    this.out.bytes(pair);
  }

  /** The array as a jsonb parameter; valid until `reset`. */
  param(): JsonbBytes {
    if (!this.closed) this.out.byte(CLOSE);
    this.closed = true;
    return new JsonbBytes(this.out.view());
  }

  /** Empties the page, keeping its memory for the next one. */
  reset(): void {
    this.out.reset();
    this.out.byte(JSONB_VERSION);
    this.out.byte(OPEN);
    this.count = 0;
    this.closed = false;
  }
}
