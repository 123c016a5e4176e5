/**
 * Streams a file as text, 1 MiB at a time, hashing its bytes on the way: memory stays bounded
 * whatever the file's size, and the hash identifies exactly what was imported.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Utf8Chunks } from './utf8-chunks.js';

const CHUNK_BYTES = 1 << 20;

/** A line longer than this is refused rather than buffered (a document is at most ~5 MB). */
export const MAX_LINE_CHARS = 16 << 20;

export interface ByteTally {
  bytes: number;
  /** SHA-256 of the bytes, hex; set once the file has been read to the end. */
  hash?: string;
  /**
   * Some bytes read so far were not UTF-8; each became U+FFFD in the text (utf8-chunks.ts). Set
   * before the text holding the first is handed on, so a reader can reject what holds one.
   */
  notUtf8?: boolean;
}

/** The file's text in chunks (UTF-8, a leading byte-order mark dropped). */
export async function* readTextChunks(path: string, tally?: ByteTally): AsyncGenerator<string> {
  const sha = createHash('sha256');
  const decoder = new Utf8Chunks();
  let first = true;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
    const bytes = chunk as Buffer;
    sha.update(bytes);
    if (tally) tally.bytes += bytes.length;
    let text = decoder.write(bytes);
    if (tally && decoder.invalid) tally.notUtf8 = true;
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text) yield text;
  }
  const rest = decoder.end();
  if (tally && decoder.invalid) tally.notUtf8 = true;
  if (rest) yield rest;
  if (tally) tally.hash = sha.digest('hex');
}

export interface LineBatch {
  /** Line number of `lines[0]`, 1-based. */
  readonly firstLine: number;
  /** The lines without their line ends; `null` for a line longer than MAX_LINE_CHARS. */
  readonly lines: (string | null)[];
}

/** The file's lines, a batch per chunk read (one await per MiB rather than one per line). */
export async function* readLineBatches(path: string, tally?: ByteTally): AsyncGenerator<LineBatch> {
  let pending = '';
  let overlong = false;
  let next = 1;
  for await (const text of readTextChunks(path, tally)) {
    const parts = text.split('\n');
    const lines: (string | null)[] = [];
    for (let i = 0; i < parts.length - 1; i++) {
      lines.push(overlong ? null : trimCr(pending + parts[i]!));
      pending = '';
      overlong = false;
    }
    pending += parts[parts.length - 1]!;
    if (pending.length > MAX_LINE_CHARS) {
      pending = '';
      overlong = true;
    }
    if (lines.length > 0) {
      yield { firstLine: next, lines };
      next += lines.length;
    }
  }
  if (pending || overlong) yield { firstLine: next, lines: [overlong ? null : trimCr(pending)] };
}

function trimCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

const NEWLINE = 0x0a;

/**
 * The lines of a file as bytes (views without the line end), a batch per chunk read: for the
 * import's own spill (spill.ts), which is UTF-8 it wrote itself, so its documents go to the store
 * as they are, never decoded into strings.
 */
export async function* readByteLines(path: string): AsyncGenerator<Buffer[]> {
  let rest: Buffer | undefined;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
    const bytes = rest ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    const lines: Buffer[] = [];
    let start = 0;
    for (let end = bytes.indexOf(NEWLINE); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
      lines.push(bytes.subarray(start, end));
      start = end + 1;
    }
    rest = start < bytes.length ? bytes.subarray(start) : undefined;
    if (lines.length > 0) yield lines;
  }
  if (rest) yield [rest];
}
