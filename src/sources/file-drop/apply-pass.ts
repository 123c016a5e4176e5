/**
 * The second pass: the spill's accepted records into the store, a page at a time, each page one
 * short transaction that also records the page as done. A crash loses at most the page in
 * flight; the re-run skips the pages recorded and finishes the rest, with the same totals.
 *
 * Short transactions because PGlite has one connection: a transaction over a million-line file
 * would hold every other query of the process for a minute. On PostgreSQL, pages may run on
 * several connections at once (their keys never overlap: duplicates were rejected in pass one).
 *
 * @module
 */
import type { DocumentKey } from '../../ledger/index.js';
import type { Database, Queryable } from '../../store/database.js';
import {
  insertFreshDocumentPairs,
  pairCount,
  upsertDocumentPairs,
  type Pairs,
} from '../../store/documents-bulk.js';
import type { DocumentRowsBytes } from '../../store/document-rows-bytes.js';
import { markDocumentsDeleted } from '../../store/documents-repo.js';
import {
  recordFilePage,
  type FileIdentity,
  type PageCounts,
} from '../../store/file-imports-repo.js';
import { PagePool } from '../../store/page-pool.js';
import { PairsBytes } from '../../store/pairs-bytes.js';
import { lockSourceDocuments, sourceHasDocuments } from '../../store/source-lock.js';
import { HeapGovernor } from './heap-governor.js';
import { readSpillBytes } from './spill.js';

export interface ApplyHooks {
  /** Inside a page's transaction, after its writes: throwing rolls the page back. */
  beforeCommit?(page: number): void | Promise<void>;
  /** After a page committed: throwing stops the import as a crash between pages would. */
  afterCommit?(page: number): void | Promise<void>;
}

export interface ApplyOptions {
  readonly db: Database;
  readonly file: FileIdentity;
  readonly spillPath: string;
  readonly rejectedLines: ReadonlySet<number>;
  readonly pageSize: number;
  readonly concurrency: number;
  /** Pages an interrupted earlier run committed: skipped, their counts kept. */
  readonly resumed: ReadonlyMap<number, PageCounts>;
  readonly onProgress?: (applied: number) => void;
  readonly hooks?: ApplyHooks;
}

export type ChangeCounts = {
  added: number;
  changed: number;
  deleted: number;
  unchanged: number;
};

export const zeroCounts = (): ChangeCounts => ({ added: 0, changed: 0, deleted: 0, unchanged: 0 });

export function addCounts(into: ChangeCounts, more: PageCounts): void {
  into.added += more.added ?? 0;
  into.changed += more.changed ?? 0;
  into.deleted += more.deleted ?? 0;
  into.unchanged += more.unchanged ?? 0;
}

export interface Page {
  readonly number: number;
  readonly pairs: Pairs;
  readonly deletions: DocumentKey[];
}

/** A page assembled as bytes: pairs (pairs-bytes.ts), or COPY rows (document-rows-bytes.ts). */
export type BytesPage<P extends PairsBytes | DocumentRowsBytes = PairsBytes> = Page & {
  readonly pairs: P;
};

/** Records on a page: documents and deletion markers. */
export const pageSize = (page: Page): number => pairCount(page.pairs) + page.deletions.length;

export async function applySpill(o: ApplyOptions): Promise<ChangeCounts> {
  const totals = zeroCounts();
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  let applied = 0;
  const pool = new PagePool(() => new PairsBytes());
  // A source with no documents yet (a practice's first import) tries each page as a plain INSERT.
  const hint = { fresh: !(await sourceHasDocuments(o.db, o.file.source)) };
  const run = (page: BytesPage) => {
    const size = pageSize(page);
    const done = applyPage(o, page, hint)
      .then((counts) => {
        pool.give(page.pairs); // its statement has completed
        addCounts(totals, counts);
        applied += size;
        o.onProgress?.(applied);
      })
      .catch((error: unknown) => void (failure ??= { error }))
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
  };
  const heap = new HeapGovernor();
  for await (const page of pages(o, pool)) {
    if (failure) break;
    heap.tick();
    const resumed = o.resumed.get(page.number);
    if (resumed) {
      addCounts(totals, resumed);
      applied += pageSize(page);
      pool.give(page.pairs);
      continue;
    }
    run(page);
    if (inFlight.size >= o.concurrency) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (failure) throw failure.error;
  return totals;
}

/** The spill's accepted records in pages, each document copied as bytes (pairs-bytes.ts). */
async function* pages(o: ApplyOptions, pool: PagePool<PairsBytes>): AsyncGenerator<BytesPage> {
  let page: BytesPage = { number: 0, pairs: pool.take(), deletions: [] };
  for await (const entries of readSpillBytes(o.spillPath))
    for (const entry of entries) {
      if (o.rejectedLines.has(entry.line)) continue;
      if (entry.type === 'U') page.pairs.add(entry.pair);
      else
        page.deletions.push({ source: o.file.source, kind: entry.kind, sourceId: entry.sourceId });
      if (pageSize(page) >= o.pageSize) {
        yield page;
        page = { number: page.number + 1, pairs: pool.take(), deletions: [] };
      }
    }
  if (pageSize(page) > 0) yield page;
}

async function applyPage(o: ApplyOptions, page: Page, hint: FreshHint): Promise<PageCounts> {
  const counts = await o.db.transaction(async (tx) => {
    // The page and its record commit together, so losing a commit to a crash loses both and the
    // re-run redoes the page: waiting for the WAL flush on each page buys nothing (~2 ms each).
    await tx.query('SET LOCAL synchronous_commit TO off');
    // Waits while a one-transaction import of the same source runs (source-lock.ts).
    await lockSourceDocuments(tx, o.file.source, 'shared');
    const written = hint.fresh ? await writeFreshFirst(tx, page, hint) : await writePage(tx, page);
    await recordFilePage(tx, o.file, page.number, written);
    await o.hooks?.beforeCommit?.(page.number);
    return written;
  });
  await o.hooks?.afterCommit?.(page.number);
  return counts;
}

/** Whether the source held no documents when the apply began: pages are tried as plain INSERTs. */
export interface FreshHint {
  fresh: boolean;
}

/**
 * A page of a source that held no documents when the apply began, as a plain INSERT — without
 * `ON CONFLICT`, whose speculative insertion probes each key twice (~30% of the store's time per
 * document, measured on PostgreSQL). Unlike the one-transaction import, nothing here holds the
 * source to itself across pages, so should a key be stored after all (another import of the
 * source, a resumed run), the INSERT fails whole at its savepoint and the page is upserted
 * instead, as are the pages after it.
 */
export async function writeFreshFirst(
  tx: Queryable,
  page: Page,
  hint: FreshHint,
): Promise<ChangeCounts> {
  await tx.query('SAVEPOINT fresh_page');
  try {
    const written = await writePage(tx, page, true);
    await tx.query('RELEASE SAVEPOINT fresh_page');
    return written;
  } catch (error) {
    if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
    await tx.query('ROLLBACK TO SAVEPOINT fresh_page');
    hint.fresh = false;
    return writePage(tx, page);
  }
}

/** SQLSTATE unique_violation (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
const UNIQUE_VIOLATION = '23505';

/**
 * Writes one page. `fresh`: the source held no documents when this transaction took its exclusive
 * lock (source-lock.ts), so the page is inserted without conflict checks.
 */
export async function writePage(tx: Queryable, page: Page, fresh = false): Promise<ChangeCounts> {
  const write = fresh ? insertFreshDocumentPairs : upsertDocumentPairs;
  const upserted = await write(tx, page.pairs);
  const deleted = await markDocumentsDeleted(tx, page.deletions);
  return {
    added: upserted.inserted + upserted.undeleted,
    changed: upserted.changed,
    deleted,
    // A marker for a document already deleted (or never stored) changes nothing.
    unchanged: upserted.unchanged + page.deletions.length - deleted,
  };
}
