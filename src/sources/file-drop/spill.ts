/**
 * The spill: every record the first pass accepted, one line each, in a temporary file, so the
 * apply pass streams them into the store without parsing or validating anything twice and memory
 * stays bounded. A line is `<file line>\t<U|D>\t<payload>`: U carries `[hash, document]` (the
 * page's JSON is these joined with commas), D carries `[kind, sourceId]` of a deletion marker.
 *
 * @module
 */
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentKind, LedgerDocument } from '../../ledger/index.js';
import { ByteBuilder } from '../../store/byte-builder.js';
import { readByteLines } from './file-reader.js';

const FLUSH_BYTES = 1 << 20;

export type SpillEntry<Pair = string> =
  | { readonly line: number; readonly type: 'U'; readonly pair: Pair }
  | {
      readonly line: number;
      readonly type: 'D';
      readonly kind: DocumentKind;
      readonly sourceId: string;
    };

/** A document as it is spilled; the bytes are views into the spill's buffer, valid only during the call. */
export interface SpilledDocument {
  /** `["<hash>",<document JSON>]` as UTF-8. */
  readonly pair: Uint8Array;
  /** The document's JSON, within `pair`. */
  readonly json: Uint8Array;
  readonly hash: string;
  readonly document: LedgerDocument;
}

/** Also receives every accepted record as it is spilled (the overlapped apply, page-tee.ts). */
export interface SpillTee {
  document(spilled: SpilledDocument): void;
  deletion(kind: DocumentKind, sourceId: string): void;
}

export class SpillWriter {
  /** The text not yet written, off the heap (byte-builder.ts). */
  private readonly pending = new ByteBuilder(2 * FLUSH_BYTES);
  private count = 0;

  private constructor(
    readonly dir: string,
    readonly path: string,
    private readonly handle: FileHandle,
    private readonly tee?: SpillTee,
  ) {}

  static async create(parent = tmpdir(), tee?: SpillTee): Promise<SpillWriter> {
    const dir = await mkdtemp(join(parent, 'ledgerbridge-import-'));
    const path = join(dir, 'accepted.spill');
    return new SpillWriter(dir, path, await open(path, 'w'), tee);
  }

  /** Records written. */
  get size(): number {
    return this.count;
  }

  document(line: number, hash: string, json: string, document: LedgerDocument): void {
    this.count++;
    const { pending } = this;
    const prefix = `${line}\tU\t`; // ASCII, as the hash: as many bytes as characters
    const pair = pending.length + prefix.length;
    pending.text(`${prefix}["${hash}",${json}]\n`);
    const end = pending.length - 1; // the pair's closing bracket is at end - 1
    this.tee?.document({
      pair: pending.view(pair, end),
      json: pending.view(pair + hash.length + 4, end - 1),
      hash,
      document,
    });
  }

  deletion(line: number, kind: DocumentKind, sourceId: string): void {
    this.count++;
    this.pending.text(`${line}\tD\t${JSON.stringify([kind, sourceId])}\n`);
    this.tee?.deletion(kind, sourceId);
  }

  /**
   * Writes what has gathered once it reaches 1 MiB. Records are added synchronously and flushed
   * once per batch read, so a record's objects die young instead of living across an await per
   * record (which promoted them to the old generation: +150 MB peak heap on 300,000 records).
   */
  async flush(): Promise<void> {
    if (this.pending.length >= FLUSH_BYTES) await this.write();
  }

  async close(): Promise<void> {
    await this.write();
    await this.handle.close();
  }

  /** Writes the pending bytes; the builder is reused once the write has completed. */
  private async write(): Promise<void> {
    if (this.pending.length === 0) return;
    await this.handle.write(this.pending.view());
    this.pending.reset();
  }

  /** Deletes the spill (always, success or not). */
  async remove(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}

const TAB = 0x09;
const UPSERT = 0x55; // U

/** The spill's entries with each document as the bytes of its pair, a batch per MiB read. */
export async function* readSpillBytes(path: string): AsyncGenerator<SpillEntry<Buffer>[]> {
  for await (const lines of readByteLines(path)) {
    const entries: SpillEntry<Buffer>[] = [];
    for (const bytes of lines) {
      if (bytes.length === 0) continue;
      let line = 0;
      let at = 0;
      for (; bytes[at] !== TAB; at++) line = line * 10 + bytes[at]! - 0x30; // ASCII digits
      const payload = bytes.subarray(at + 3);
      if (bytes[at + 1] === UPSERT) entries.push({ line, type: 'U', pair: payload });
      else {
        const [kind, sourceId] = JSON.parse(payload.toString('utf8')) as [DocumentKind, string];
        entries.push({ line, type: 'D', kind, sourceId });
      }
    }
    yield entries;
  }
}

/** The spill's entries with each document's pair as text (the cascade reads the documents). */
export async function* readSpill(path: string): AsyncGenerator<SpillEntry[]> {
  for await (const entries of readSpillBytes(path))
    yield entries.map((e) => (e.type === 'U' ? { ...e, pair: e.pair.toString('utf8') } : e));
}
