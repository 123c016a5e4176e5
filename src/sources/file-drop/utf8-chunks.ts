/**
 * UTF-8 chunks to text, with a fast path for chunks of pure ASCII. Node 20's UTF-8 decoding
 * (StringDecoder, Buffer#toString, TextDecoder alike) runs at ~4–5 ms a MiB on this project's
 * machines, ~1.9 s of Node's time on the 450 MB, million-document import; checking a chunk with
 * `isAscii` (SIMD, ~0.05 ms a MiB) and reading it as Latin-1 (a one-byte string, no decoding:
 * ~0.2 ms a MiB) gives the very same text, since ASCII is the shared first half of both.
 * Exports from a PMS are mostly ASCII; a chunk holding any other byte takes the decoder.
 *
 * Bytes that are not UTF-8 (an export saved as Windows-1252, say: "Zoë" as 5A 6F EB) come out as
 * U+FFFD, as from any decoder, and `invalid` says that some did, so the import can reject the
 * records holding one instead of storing "Zo\uFFFD" and pushing it to Xero. A chunk's text has
 * more U+FFFD than its bytes spell out (EF BF BD, counting one cut by the chunk's start) exactly
 * when the decoder replaced something; the count runs only on a chunk whose text holds U+FFFD.
 *
 * @module
 */
import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';

/** U+FFFD, what the decoder makes of bytes that are not UTF-8. */
export const REPLACEMENT = '\ufffd';
/** U+FFFD in UTF-8. */
const REPLACEMENT_BYTES = Buffer.from(REPLACEMENT, 'utf8');

export class Utf8Chunks {
  private readonly decoder = new StringDecoder('utf8');
  /** The decoder may hold the first bytes of a character cut by the chunk's end. */
  private holding = false;
  /** The input's last two bytes so far, where a U+FFFD cut by a chunk's end would begin. */
  private tail = Buffer.alloc(0);
  /** Some bytes so far were not UTF-8 (each became U+FFFD in the text). */
  invalid = false;

  /** The text of `bytes`, continuing any character the previous chunk cut. */
  write(bytes: Buffer): string {
    if (isAscii(bytes)) {
      // An ASCII byte after a cut character ends it as malformed, as the decoder would say: U+FFFD.
      const cut = this.holding ? this.decoder.end() : '';
      if (cut !== '') this.invalid = true;
      this.holding = false;
      this.tail = Buffer.alloc(0);
      return cut + bytes.toString('latin1');
    }
    this.holding = true;
    const text = this.decoder.write(bytes);
    if (!this.invalid && text.includes(REPLACEMENT))
      this.invalid = count(text, REPLACEMENT) > this.spelled(bytes);
    // The stream's last two bytes, not the chunk's: a one-byte chunk may sit inside a U+FFFD.
    const last = Buffer.concat([this.tail, bytes.subarray(Math.max(0, bytes.length - 2))]);
    this.tail = last.subarray(Math.max(0, last.length - 2));
    return text;
  }

  /** What is left at the end of the input (U+FFFD for a character cut short). */
  end(): string {
    this.holding = false;
    const rest = this.decoder.end();
    if (rest !== '') this.invalid = true;
    return rest;
  }

  /** How many U+FFFD the bytes themselves spell, one begun at the previous chunk's end included. */
  private spelled(bytes: Buffer): number {
    const seam = Buffer.concat([this.tail, bytes.subarray(0, 2)]);
    const cutAt = seam.indexOf(REPLACEMENT_BYTES);
    const cutOne = cutAt >= 0 && cutAt < this.tail.length && cutAt + 3 > this.tail.length;
    return count(bytes, REPLACEMENT_BYTES) + (cutOne ? 1 : 0);
  }
}

function count<T>(haystack: { indexOf(needle: T, from?: number): number }, needle: T): number {
  let n = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) n++;
  return n;
}
