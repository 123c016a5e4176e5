/**
 * The spill: every record the first pass accepted, one line each, in a temporary file, so the
 * apply pass streams them into the store without parsing or validating anything twice and memory
 * stays bounded. A line is `<file line>\t<U|D>\t<payload>`: U carries `[hash, document]` (the
 * page's JSON is these joined with commas), D carries `[kind, sourceId]` of a deletion marker.
 *
 * @module
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentKind } from '../../ledger/index.js';
import { readByteLines } from './file-reader.js';

export type SpillEntry<Pair = string> =
  | { readonly line: number; readonly type: 'U'; readonly pair: Pair }
  | {
      readonly line: number;
      readonly type: 'D';
      readonly kind: DocumentKind;
      readonly sourceId: string;
    };

/** An accepted document's spill line: its pair `["<hash>",<document JSON>]` after the line number. */
export const spillDocumentLine = (line: number, hash: string, json: string): string =>
  `${line}\tU\t["${hash}",${json}]\n`;

/** A deletion marker's spill line. */
export const spillDeletionLine = (line: number, kind: DocumentKind, sourceId: string): string =>
  `${line}\tD\t${JSON.stringify([kind, sourceId])}\n`;

/**
 * The spill's temporary file. The check worker writes its lines (check-worker.ts); the first pass
 * reads it for a cascade, the apply pass for the store; it is removed after the file's import,
 * whatever its outcome.
 */
export class SpillFile {
  private constructor(
    readonly dir: string,
    readonly path: string,
  ) {}

  static async create(parent = tmpdir()): Promise<SpillFile> {
    const dir = await mkdtemp(join(parent, 'ledgerbridge-import-'));
    return new SpillFile(dir, join(dir, 'accepted.spill'));
  }

  async remove(): Promise<void> {
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
