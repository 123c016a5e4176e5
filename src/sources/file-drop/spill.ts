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
import type { DocumentKind } from '../../ledger/index.js';
import { readLineBatches } from './file-reader.js';

const FLUSH_BYTES = 1 << 20;

export type SpillEntry =
  | { readonly line: number; readonly type: 'U'; readonly pair: string }
  | {
      readonly line: number;
      readonly type: 'D';
      readonly kind: DocumentKind;
      readonly sourceId: string;
    };

/** Also receives every accepted record as it is spilled (the overlapped apply, page-tee.ts). */
export interface SpillTee {
  document(pair: string): void;
  deletion(kind: DocumentKind, sourceId: string): void;
}

/**
 * The spill's pending text, as UTF-8 off the JavaScript heap. Gathered as one growing string, every
 * record's piece stayed reachable until the flush, outlived two scavenges and was promoted: the
 * whole file passed through the old generation, which only a full collection frees.
 */
class PendingBytes {
  private bytes = Buffer.allocUnsafe(2 * FLUSH_BYTES);
  length = 0;

  add(text: string): void {
    const worst = this.length + text.length * 3; // UTF-16 code unit → at most 3 bytes of UTF-8
    if (worst > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(worst, 2 * this.bytes.length));
      this.bytes.copy(grown, 0, 0, this.length);
      this.bytes = grown;
    }
    this.length += this.bytes.write(text, this.length, 'utf8');
  }

  /** Writes the pending bytes and empties the buffer (reused once the write has completed). */
  async writeTo(handle: FileHandle): Promise<void> {
    if (this.length === 0) return;
    await handle.write(this.bytes, 0, this.length);
    this.length = 0;
  }
}

export class SpillWriter {
  private readonly pending = new PendingBytes();
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

  document(line: number, hash: string, json: string): void {
    this.count++;
    const pair = `["${hash}",${json}]`;
    this.pending.add(`${line}\tU\t${pair}\n`);
    this.tee?.document(pair);
  }

  deletion(line: number, kind: DocumentKind, sourceId: string): void {
    this.count++;
    this.pending.add(`${line}\tD\t${JSON.stringify([kind, sourceId])}\n`);
    this.tee?.deletion(kind, sourceId);
  }

  /**
   * Writes what has gathered once it reaches 1 MiB. Records are added synchronously and flushed
   * once per batch read, so a record's objects die young instead of living across an await per
   * record (which promoted them to the old generation: +150 MB peak heap on 300,000 records).
   */
  async flush(): Promise<void> {
    if (this.pending.length >= FLUSH_BYTES) await this.pending.writeTo(this.handle);
  }

  async close(): Promise<void> {
    await this.pending.writeTo(this.handle);
    await this.handle.close();
  }

  /** Deletes the spill (always, success or not). */
  async remove(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** The spill's entries, a batch per MiB read. */
export async function* readSpill(path: string): AsyncGenerator<SpillEntry[]> {
  for await (const batch of readLineBatches(path)) {
    const entries: SpillEntry[] = [];
    for (const text of batch.lines) {
      if (!text) continue;
      const a = text.indexOf('\t');
      const line = Number(text.slice(0, a));
      const payload = text.slice(a + 3);
      if (text[a + 1] === 'U') entries.push({ line, type: 'U', pair: payload });
      else {
        const [kind, sourceId] = JSON.parse(payload) as [DocumentKind, string];
        entries.push({ line, type: 'D', kind, sourceId });
      }
    }
    yield entries;
  }
}
