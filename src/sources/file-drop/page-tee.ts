/**
 * The overlapped apply: while the first pass is still checking a file, the records it accepted
 * are already being written, a page at a time, inside one transaction that commits only if the
 * whole file turns out clean (import-overlapped.ts). On PostgreSQL the server inserts page n on
 * its own core while Node checks page n + 1; run one after the other, the two passes left one
 * core idle each (bench/import-throughput.ts: 33,000 → see docs/file-drop.md "Performance").
 *
 * Writes are paced: at most `maxQueued` pages wait for the connection (which runs one statement at
 * a time: serial-queryable.ts), and the first pass waits
 * (`pace`) when that many are queued, so memory stays bounded however fast the file is read. A
 * failed write is kept and rethrown at the next `pace` or `finish`: the transaction then rolls
 * back and nothing of the file is applied.
 *
 * @module
 */
import type { DocumentKind } from '../../ledger/index.js';
import type { PageForm } from './checked-batch.js';
import type { Queryable } from '../../store/database.js';
import { DocumentRowsBytes } from '../../store/document-rows-bytes.js';
import { PagePool } from '../../store/page-pool.js';
import { PairsBytes } from '../../store/pairs-bytes.js';
import {
  addCounts,
  pageSize,
  writePage,
  zeroCounts,
  type ApplyHooks,
  type BytesPage,
  type ChangeCounts,
} from './apply-pass.js';

export interface PageTeeOptions {
  readonly tx: Queryable;
  readonly source: string;
  readonly pageSize: number;
  /** The source held no documents under this transaction's exclusive lock (writePage). */
  readonly fresh?: boolean;
  /** Pages queued on the connection before the first pass waits (default 2). */
  readonly maxQueued?: number;
  readonly onProgress?: (applied: number) => void;
  readonly hooks?: ApplyHooks;
}

/** A page as bytes: a jsonb array of pairs, or COPY rows for a fresh source on the server. */
type TeePage = BytesPage<PairsBytes | DocumentRowsBytes>;

export class PageTee {
  private readonly pool: PagePool<PairsBytes | DocumentRowsBytes>;
  private number = 0;
  private page: TeePage;
  private readonly queued: Promise<void>[] = [];
  private failure: { error: unknown } | undefined;
  private applied = 0;
  readonly counts = zeroCounts();

  /** What the check worker makes of each document for this tee's pages. */
  readonly form: PageForm;

  constructor(private readonly o: PageTeeOptions) {
    // A source's first import on the server is written with COPY (document-rows-bytes.ts).
    const copy = o.fresh === true && o.tx.copyIn !== undefined;
    this.form = { kind: copy ? 'copy' : 'pairs' };
    this.pool = new PagePool(() => (copy ? new DocumentRowsBytes() : new PairsBytes()));
    this.page = this.emptyPage();
  }

  /** One document's page entry, in this tee's form (a view, copied before the call returns). */
  document(entry: Uint8Array): void {
    const { pairs } = this.page;
    if (pairs instanceof PairsBytes) pairs.add(entry);
    else pairs.addTuples(entry, 1);
    this.full();
  }

  deletion(kind: DocumentKind, sourceId: string): void {
    this.page.deletions.push({ source: this.o.source, kind, sourceId });
    this.full();
  }

  /** Lets the event loop run (statements to send, answers to read) while writes are in flight. */
  async breathe(): Promise<void> {
    if (this.queued.length > 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Waits while too many pages are queued; rethrows a failed write. */
  async pace(): Promise<void> {
    while (this.queued.length >= (this.o.maxQueued ?? 2)) await this.queued.shift();
    if (this.failure) throw this.failure.error;
  }

  /** Writes the last page and waits for every write: the file's change counts. */
  async finish(): Promise<ChangeCounts> {
    this.send();
    await Promise.all(this.queued);
    this.queued.length = 0;
    if (this.failure) throw this.failure.error;
    return this.counts;
  }

  /** Waits for the queued writes, ignoring their outcome: before a transaction is abandoned. */
  async drain(): Promise<void> {
    await Promise.all(this.queued);
    this.queued.length = 0;
  }

  private full(): void {
    if (pageSize(this.page) >= this.o.pageSize) this.send();
  }

  private send(): void {
    const size = pageSize(this.page);
    if (size === 0) return;
    const page = this.page;
    this.page = this.emptyPage();
    this.queued.push(this.write(page, size));
  }

  private emptyPage(): TeePage {
    return { number: this.number++, pairs: this.pool.take(), deletions: [] };
  }

  private async write(page: TeePage, size: number): Promise<void> {
    if (this.failure) return;
    try {
      addCounts(this.counts, await writePage(this.o.tx, page, this.o.fresh));
      this.pool.give(page.pairs);
      await this.o.hooks?.beforeCommit?.(page.number);
      this.applied += size;
      this.o.onProgress?.(this.applied);
    } catch (error) {
      this.failure ??= { error };
    }
  }
}
