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
/** Texts up to this many characters are tried byte by byte first (ByteBuilder#ascii). */
const SHORT = 80;

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
    if (text.length > SHORT || !this.ascii(text))
      this.length += this.buffer.write(text, this.length, 'utf8');
  }

  /**
   * Writes a short text byte by byte if it is all ASCII (and reports whether it did): a column
   * value such as "invoice" or a 64-digit hash costs less so than a call into Buffer#write.
   */
  private ascii(text: string): boolean {
    const { buffer, length } = this;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) return false; // nothing committed: `length` has not moved
      buffer[length + i] = code;
    }
    this.length += text.length;
    return true;
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

  /** Appends a 16-bit signed integer, big-endian (network order, as PostgreSQL's binary formats). */
  int16(value: number): void {
    this.room(2);
    this.length = this.buffer.writeInt16BE(value, this.length);
  }

  /** Appends a 32-bit signed integer, big-endian. */
  int32(value: number): void {
    this.room(4);
    this.length = this.buffer.writeInt32BE(value, this.length);
  }

  /** Appends a 32-bit unsigned integer, big-endian. */
  uint32(value: number): void {
    this.room(4);
    this.length = this.buffer.writeUInt32BE(value, this.length);
  }

  /** Overwrites the 32-bit signed integer at `at` (a length written once its content is). */
  setInt32(at: number, value: number): void {
    this.buffer.writeInt32BE(value, at);
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
