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

const FLUSH_CHARS = 1 << 20;

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

export class SpillWriter {
  private buffer = '';
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
    this.buffer += `${line}\tU\t${pair}\n`;
    this.tee?.document(pair);
  }

  deletion(line: number, kind: DocumentKind, sourceId: string): void {
    this.count++;
    this.buffer += `${line}\tD\t${JSON.stringify([kind, sourceId])}\n`;
    this.tee?.deletion(kind, sourceId);
  }

  /**
   * Writes what has gathered once it reaches 1 MiB. Records are added synchronously and flushed
   * once per batch read, so a record's objects die young instead of living across an await per
   * record (which promoted them to the old generation: +150 MB peak heap on 300,000 records).
   */
  async flush(): Promise<void> {
    if (this.buffer.length < FLUSH_CHARS) return;
    const out = this.buffer;
    this.buffer = '';
    await this.handle.write(out);
  }

  async close(): Promise<void> {
    if (this.buffer) await this.handle.write(this.buffer);
    this.buffer = '';
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
