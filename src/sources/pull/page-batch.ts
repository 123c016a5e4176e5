/**
 * Checked pages waiting to be stored together (store-page.ts `storeBatch`): up to
 * `BATCH_DOCUMENTS` documents and deletions, or the pages read within `BATCH_MS` of the first —
 * so a PMS that answers slowly (a rate limit, a page of 100 a second) still has each page stored
 * within about a second of reading the next, as before batches.
 *
 * 2,000: a statement of ~1,000–2,000 documents cost PGlite ~100–120 µs a document against ~135–165
 * in statements of 100 (Cliniko pull documents of ~760 bytes, a fresh store, side by side on the
 * shared 2 cores); a batch of 2,000 is ~1.5 MB of JSON held at once.
 *
 * @module
 */
import type { Database } from '../../store/database.js';
import type { ChangeCounts, FreshHint } from '../file-drop/apply-pass.js';
import { storeBatch, type BatchPage } from './store-page.js';

export const BATCH_DOCUMENTS = 2_000;
export const BATCH_MS = 1_000;

export interface PageBatchOptions {
  readonly db: Database;
  readonly source: string;
  readonly fresh: FreshHint;
  /** Documents and deletions a batch holds at most (1: each page stored alone). */
  readonly documents?: number;
  readonly beforeCommit?: (page: number) => void | Promise<void>;
  /** After a batch is stored: what its writes counted, and its pages. */
  readonly stored: (counts: ChangeCounts, pages: readonly BatchPage[]) => void;
}

export class PageBatch {
  private pages: BatchPage[] = [];
  private size = 0;
  private since = 0;
  /** Entities listed by the batches stored so far (each is listed once a pull). */
  private readonly listed = new Set<string>();

  constructor(private readonly o: PageBatchOptions) {}

  /** Adds a page; true when the batch should now be stored. */
  add(page: BatchPage): boolean {
    if (this.pages.length === 0) this.since = performance.now();
    this.pages.push(page);
    // A page with nothing to write counts as one, so a batch of 1 is always one page.
    this.size += Math.max(1, page.page.pairs.length + page.page.deletions.length);
    return (
      this.size >= (this.o.documents ?? BATCH_DOCUMENTS) ||
      performance.now() - this.since >= BATCH_MS
    );
  }

  /**
   * Stores the pages waiting, in one transaction with the last one's cursor. Should it fail, they
   * are dropped — not retried: the cursor stayed before them, so the next pull reads them again.
   */
  async flush(): Promise<void> {
    const pages = this.pages;
    [this.pages, this.size] = [[], 0];
    if (pages.length === 0) return;
    const counts = await storeBatch(this.o.db, {
      source: this.o.source,
      pages,
      fresh: this.o.fresh,
      listed: this.listed,
      ...(this.o.beforeCommit ? { beforeCommit: this.o.beforeCommit } : {}),
    });
    this.o.stored(counts, pages);
  }
}
