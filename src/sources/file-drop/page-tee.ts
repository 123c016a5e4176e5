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
import type { Queryable } from '../../store/database.js';
import { PairsPool } from '../../store/pairs-bytes.js';
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

export class PageTee {
  private readonly pool = new PairsPool();
  private number = 0;
  private page: BytesPage = this.emptyPage();
  private readonly queued: Promise<void>[] = [];
  private failure: { error: unknown } | undefined;
  private applied = 0;
  readonly counts = zeroCounts();

  constructor(private readonly o: PageTeeOptions) {}

  document(pair: Uint8Array): void {
    this.page.pairs.add(pair);
    this.full();
  }

  deletion(kind: DocumentKind, sourceId: string): void {
    this.page.deletions.push({ source: this.o.source, kind, sourceId });
    this.full();
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

  private emptyPage(): BytesPage {
    return { number: this.number++, pairs: this.pool.take(), deletions: [] };
  }

  private async write(page: BytesPage, size: number): Promise<void> {
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
