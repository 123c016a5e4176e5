/**
 * Xero's side, read cheaply through the shared client (its budget, never around it): the first
 * reconciliation of an organisation reads each collection in pages of 100 without lines
 * (`summaryOnly`, lines are not compared); later ones ask only for what changed since the last
 * read (If-Modified-Since), so with nothing changed it is one call per collection, and merge it
 * into the copy kept from before (reconcile_xero_documents).
 *
 * @module
 */
import type { Database } from '../store/database.js';
import { loadXeroCopy, readCursors, saveCursor, saveXeroCopy } from '../store/reconcile-repo.js';
import type { Clock } from '../time/clock.js';
import type { XeroApi } from '../xero/api-client.js';
import { readPages } from '../xero/reader.js';
import { RECONCILED_COLLECTIONS, type XeroSummary } from './model.js';
import { summariseXero } from './xero-summary.js';

/** Xero's If-Modified-Since has whole seconds; a second of overlap re-reads, never misses. */
const OVERLAP_MS = 1_000;

export interface XeroReadStats {
  /** Documents Xero returned, per collection. */
  readonly read: Record<string, number>;
  readonly incremental: boolean;
}

export async function readXeroSide(
  deps: { db: Database; api: XeroApi; clock: Clock },
  tenantId: string,
): Promise<{ summaries: XeroSummary[]; stats: XeroReadStats }> {
  const cursors = await readCursors(deps.db, tenantId);
  const copy = new Map(
    (await loadXeroCopy(deps.db, tenantId)).map((s) => [s.id, s as unknown as XeroSummary]),
  );
  const read: Record<string, number> = {};
  for (const collection of RECONCILED_COLLECTIONS) {
    const since = cursors.get(collection);
    const startedAt = new Date(deps.clock.now() - OVERLAP_MS);
    const changed: XeroSummary[] = [];
    for await (const page of readPages(deps.api, {
      tenantId,
      collection,
      pageSize: 100,
      query: { summaryOnly: 'true' },
      ...(since && { ifModifiedSince: since }),
    }))
      for (const w of page) changed.push(summariseXero(collection, w));
    for (const s of changed) copy.set(s.id, s);
    await saveXeroCopy(deps.db, tenantId, changed as unknown as Parameters<typeof saveXeroCopy>[2]);
    await saveCursor(deps.db, tenantId, collection, startedAt);
    read[collection] = changed.length;
  }
  return {
    summaries: [...copy.values()],
    stats: { read, incremental: cursors.size === RECONCILED_COLLECTIONS.length },
  };
}
