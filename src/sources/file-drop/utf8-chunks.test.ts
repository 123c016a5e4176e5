import fc from 'fast-check';
import { isUtf8 } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { describe, expect, it } from 'vitest';
import { Utf8Chunks } from './utf8-chunks.js';

/** What Node's own decoder makes of the same chunks. */
function decoded(chunks: readonly Buffer[]): string {
  const decoder = new StringDecoder('utf8');
  return chunks.map((c) => decoder.write(c)).join('') + decoder.end();
}

function ours(chunks: readonly Buffer[]): string {
  const reader = new Utf8Chunks();
  return chunks.map((c) => reader.write(c)).join('') + reader.end();
}

/** Bytes cut into chunks at arbitrary places (inside characters too). */
function cut(bytes: Buffer, at: readonly number[]): Buffer[] {
  const points = [...new Set(at.map((a) => a % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    chunks.push(bytes.subarray(from, p));
    from = p;
  }
  return chunks;
}

const points = fc.array(fc.nat(), { maxLength: 8 });

describe('Utf8Chunks', () => {
  it('gives the decoder’s text for any text cut anywhere, ASCII chunks or not', () => {
    const grapheme = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 });
    const text = fc.string({ unit: fc.oneof(fc.constantFrom('a', '{', '"', '\n'), grapheme) });
    fc.assert(
      fc.property(text, points, (t, at) => {
        const chunks = cut(Buffer.from(t, 'utf8'), at);
        expect(ours(chunks)).toBe(decoded(chunks));
        expect(ours(chunks)).toBe(t);
      }),
      { numRuns: 2_000 },
    );
  });

  it('gives the decoder’s text for malformed bytes too (a cut character before ASCII is U+FFFD)', () => {
    const bytes = fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b));
    fc.assert(
      fc.property(bytes, points, (b, at) => {
        const chunks = cut(b, at);
        expect(ours(chunks)).toBe(decoded(chunks));
      }),
      { numRuns: 5_000 },
    );
    const euro = Buffer.from('€', 'utf8');
    const chunks = [euro.subarray(0, 2), Buffer.from('ab')];
    expect(ours(chunks)).toBe('\ufffdab');
    expect(ours(chunks)).toBe(decoded(chunks));
  });

  it('says whether any bytes were not UTF-8, wherever the chunks are cut (a U+FFFD of the input is no sign)', () => {
    // Pieces that make the hard cases likely: U+FFFD spelled out, its bytes on their own, other
    // multi-byte characters and their fragments, a Windows-1252 "ë", ASCII.
    const piece = fc.constantFrom(
      [0xef, 0xbf, 0xbd],
      [0xef, 0xbf],
      [0xbd],
      [0xe2, 0x82, 0xac],
      [0xe2, 0x82],
      [0xf0, 0x9f, 0x98, 0x80],
      [0xeb],
      [0xc3, 0xab],
      [0x41],
      [0x0a],
    );
    const likely = fc.array(piece, { maxLength: 12 }).map((p) => Buffer.from(p.flat()));
    const random = fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b));
    for (const bytes of [likely, random])
      fc.assert(
        fc.property(bytes, points, (b, at) => {
          const reader = new Utf8Chunks();
          for (const chunk of cut(b, at)) reader.write(chunk);
          reader.end();
          expect(reader.invalid).toBe(!isUtf8(b));
        }),
        { numRuns: 8_000 },
      );
  });
});
