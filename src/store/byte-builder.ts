/**
 * UTF-8 text gathered off the JavaScript heap. A million-document import assembles ~450 MB of
 * JSON (the spill, the pages for the store); gathered as strings, each record's piece lived until
 * its page was written, outlived two scavenges and was promoted, and each page's joined text
 * (~2.3 MB) went straight to V8's large-object space: the whole file passed through the old
 * generation, which only a full collection frees (~40 of them on 1,000,000 invoices, --trace-gc).
 * Written here, a piece dies young and the bytes never count against the heap.
 *
 * @module
 */
export class ByteBuilder {
  private buffer: Buffer;
  /** Bytes written so far. */
  length = 0;

  constructor(capacity = 1 << 16) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }

  /** Appends `text` as UTF-8. */
  text(text: string): void {
    this.room(text.length * 3); // a UTF-16 code unit is at most 3 bytes of UTF-8
    this.length += this.buffer.write(text, this.length, 'utf8');
  }

  /** Appends bytes as they are. */
  bytes(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** Appends one byte (0–255). */
  byte(value: number): void {
    this.room(1);
    this.buffer[this.length++] = value;
  }

  /** Bytes `from`…`to` (at most to the end written) as a view: valid only until the next write or `reset`. */
  view(from = 0, to = this.length): Buffer {
    return this.buffer.subarray(from, Math.min(to, this.length));
  }

  /** Empties the builder, keeping its memory for reuse. */
  reset(): void {
    this.length = 0;
  }

  private room(more: number): void {
    const needed = this.length + more;
    if (needed <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(needed, 2 * this.buffer.length));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}
