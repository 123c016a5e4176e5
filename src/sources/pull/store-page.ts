/**
 * One checked page into the store, in one transaction with the cursor that follows it: through
 * the file drop's own writer (file-drop/apply-pass.ts `writePage`: the classifying bulk upsert and
 * the deletion marks), so a pulled document is added, changed, unchanged or deleted by exactly the
 * rules and content hash an imported one is. The page and its cursor commit together or not at
 * all: a crash resumes from the last stored page, and never from beyond it.
 *
 * @module
 */
import { appendAudit } from '../../store/audit-repo.js';
import type { Database, Queryable } from '../../store/database.js';
import { seedMappings } from '../../store/mappings-repo.js';
import { ensureEntity, nameEntity, saveSourceCursor } from '../../store/sources-repo.js';
import { lockSourceDocuments } from '../../store/source-lock.js';
import {
  writeFreshFirst,
  writePage,
  type ChangeCounts,
  type FreshHint,
} from '../file-drop/apply-pass.js';
import type { SourceCursor } from '../cursor.js';
import type { SuggestedMapping } from '../source.js';
import type { CheckedPage } from './check-page.js';

export interface StorePageInput {
  readonly source: string;
  readonly number: number;
  readonly page: CheckedPage;
  readonly cursor: SourceCursor;
  readonly entities?: ReadonlyMap<string, string>;
  readonly suggestedMappings?: readonly SuggestedMapping[];
  /**
   * Set while the source held no documents when the pull began (its first pull): pages are tried
   * as plain INSERTs, as the file drop's first import does (apply-pass.ts writeFreshFirst).
   */
  readonly fresh?: FreshHint;
  /** Inside the transaction, after the writes: throwing rolls the page and its cursor back. */
  readonly beforeCommit?: (page: number) => void | Promise<void>;
}

export async function storePage(db: Database, input: StorePageInput): Promise<ChangeCounts> {
  return db.transaction(async (tx) => {
    // Another writer of this source's documents (a file import of it) goes first or after.
    await lockSourceDocuments(tx, input.source, 'shared');
    // Every entity a document names is listed, so an unrouted one is reported (sync/not-routed.ts).
    for (const entity of input.page.entities) await ensureEntity(tx, input.source, entity);
    for (const [entity, name] of input.entities ?? [])
      await nameEntity(tx, input.source, entity, name);
    await seed(tx, input.source, input.suggestedMappings ?? []);
    const page = { number: input.number, pairs: input.page.pairs, deletions: input.page.deletions };
    const counts = input.fresh?.fresh
      ? await writeFreshFirst(tx, page, input.fresh)
      : await writePage(tx, page);
    await saveSourceCursor(tx, input.source, input.cursor);
    await input.beforeCommit?.(input.number);
    // writePage counts a marker that deleted nothing as unchanged (a file listing it); a pull
    // sends such markers routinely (an open invoice's settlement payment), so they count as none.
    const markersOfNothing = input.page.deletions.length - counts.deleted;
    return { ...counts, unchanged: counts.unchanged - markersOfNothing };
  });
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
