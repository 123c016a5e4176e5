/**
 * Checked pages into the store, several in one transaction with the cursor of the last of them:
 * through the file drop's own writer (file-drop/apply-pass.ts `writePage`: the classifying bulk
 * upsert and the deletion marks), so a pulled document is added, changed, unchanged or deleted by
 * exactly the rules and content hash an imported one is. The pages and their cursor commit
 * together or not at all: a crash resumes after the last stored batch, and never from beyond it.
 *
 * Why batches: PGlite answers one statement at a time on the caller's thread, and each costs
 * ~0.3–1 ms besides its rows. Stored a Cliniko page (100 invoices) at a time, a 20,000-invoice
 * first pull ran 7 statements and a commit a page, and each page's documents in a statement of
 * ~110 (bench/pull.ts, LB_BENCH_PROFILE=1). Consecutive pages are written as one statement
 * wherever they hold no document in common, so the order of writes is the pages' order.
 *
 * @module
 */
import { appendAudit } from '../../store/audit-repo.js';
import type { Database, Queryable } from '../../store/database.js';
import { seedMappings } from '../../store/mappings-repo.js';
import { ensureEntity, nameEntity, saveSourceCursor } from '../../store/sources-repo.js';
import { lockSourceDocuments } from '../../store/source-lock.js';
import {
  addCounts,
  writeFreshFirst,
  writePage,
  zeroCounts,
  type ChangeCounts,
  type FreshHint,
  type Page,
} from '../file-drop/apply-pass.js';
import { documentKey } from '../file-drop/import-issue.js';
import type { DocumentKey } from '../../ledger/index.js';
import type { SourceCursor } from '../cursor.js';
import type { SuggestedMapping } from '../source.js';
import type { CheckedPage } from './check-page.js';

/** One page of a batch, with what the source said alongside it. */
export interface BatchPage {
  readonly number: number;
  readonly page: CheckedPage;
  readonly cursor: SourceCursor;
  readonly entities?: ReadonlyMap<string, string>;
  readonly suggestedMappings?: readonly SuggestedMapping[];
}

export interface StoreBatchInput {
  readonly source: string;
  /** In the order read; the last one's cursor is saved. */
  readonly pages: readonly BatchPage[];
  /**
   * Set while the source held no documents when the pull began (its first pull): pages are tried
   * as plain INSERTs, as the file drop's first import does (apply-pass.ts writeFreshFirst).
   */
  readonly fresh?: FreshHint;
  /** Entities this pull has listed already (added to once the batch commits). */
  readonly listed: Set<string>;
  /** Inside the transaction, after the writes (with the last page's number): throwing rolls back. */
  readonly beforeCommit?: (page: number) => void | Promise<void>;
}

export async function storeBatch(db: Database, input: StoreBatchInput): Promise<ChangeCounts> {
  const last = input.pages.at(-1);
  if (!last) return zeroCounts();
  const entities = new Set<string>();
  for (const { page } of input.pages)
    for (const entity of page.entities) if (!input.listed.has(entity)) entities.add(entity);
  const counts = await db.transaction(async (tx) => {
    // As the file drop's pages: the batch and its cursor are lost together or not at all, and a
    // lost batch is read again, so its commit need not wait for the WAL flush.
    await tx.query('SET LOCAL synchronous_commit TO off');
    // Another writer of this source's documents (a file import of it) goes first or after.
    await lockSourceDocuments(tx, input.source, 'shared');
    // Every entity a document names is listed, so an unrouted one is reported (sync/not-routed.ts).
    for (const entity of entities) await ensureEntity(tx, input.source, entity);
    for (const p of input.pages) {
      for (const [entity, name] of p.entities ?? [])
        await nameEntity(tx, input.source, entity, name);
      if (p.suggestedMappings?.length) await seed(tx, input.source, p.suggestedMappings);
    }
    const written = zeroCounts();
    for (const page of mergePages(input.pages))
      addCounts(
        written,
        input.fresh?.fresh
          ? await writeFreshFirst(tx, page, input.fresh)
          : await writePage(tx, page),
      );
    await saveSourceCursor(tx, input.source, last.cursor);
    await input.beforeCommit?.(last.number);
    return written;
  });
  for (const entity of entities) input.listed.add(entity);
  // writePage counts a marker that deleted nothing as unchanged (a file listing it); a pull
  // sends such markers routinely (an open invoice's settlement payment), so they count as none.
  const markers = input.pages.reduce((n, p) => n + p.page.deletions.length, 0);
  return { ...counts, unchanged: counts.unchanged - (markers - counts.deleted) };
}

/**
 * Consecutive pages as one write while no document is on two of them: a page naming a document
 * already in the write (stored or marked deleted) starts the next one, so each document is
 * written in the order its pages came.
 */
export function mergePages(pages: readonly BatchPage[]): Page[] {
  const merged: Page[] = [];
  let pairs: string[] = [];
  let deletions: DocumentKey[] = [];
  let keys = new Set<string>();
  const close = () => {
    if (pairs.length + deletions.length > 0)
      merged.push({ number: merged.length, pairs, deletions });
    [pairs, deletions, keys] = [[], [], new Set()];
  };
  for (const { page } of pages) {
    const pageKeys = [...page.keys, ...page.deletions.map((d) => documentKey(d.kind, d.sourceId))];
    if (pageKeys.some((k) => keys.has(k))) close();
    for (const k of pageKeys) keys.add(k);
    pairs.push(...page.pairs);
    deletions.push(...page.deletions);
  }
  close();
  return merged;
}

/** The PMS's default mappings stored where none is set, each one stored audited. */
async function seed(
  tx: Queryable,
  source: string,
  suggested: readonly SuggestedMapping[],
): Promise<void> {
  const stored = await seedMappings(tx, source, suggested);
  const origin = new Map(suggested.map((m) => [`${m.type}\0${m.key}`, m.origin]));
  await appendAudit(
    tx,
    stored.map((m) => ({
      action: 'mapping.seed',
      source,
      tenantId: m.tenantId,
      detail: { ...m, from: origin.get(`${m.type}\0${m.key}`) },
    })),
  );
}
