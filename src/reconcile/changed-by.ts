/**
 * Who made a change inside Xero, and when — "named with who/when where Xero says" (issue 20).
 * Xero keeps a history per document (`GET /{Collection}/{id}/History`,
 * https://developer.xero.com/documentation/api/history-and-notes): changes through the API are
 * recorded as "System Generated" with Details "… through the Xero API using APP"; a person's
 * changes under their name. A difference made in Xero takes the newest record made by a person.
 *
 * Xero has no history for many documents in one call, so this costs one read per difference: at
 * most HISTORY_READS_PER_RUN a run (in the read lane, so a waiting sync still comes first), and a
 * difference already attributed by the previous run in the same state is not read again — an
 * unchanged second reconciliation makes no history reads at all.
 *
 * @module
 */
import type { Database } from '../store/database.js';
import { attributionsBefore } from '../store/reconcile-differences-repo.js';
import type { XeroApi } from '../xero/api-client.js';
import { parseXeroTimestamp } from '../xero/xero-dates.js';
import { COLLECTION_OF_KIND, type Difference, type DifferenceKind } from './model.js';

export interface ChangedBy {
  readonly user: string;
  /** Epoch milliseconds. */
  readonly at: number;
}

/** 25 reads: under half a minute of one organisation's 60-a-minute allowance, in the read lane. */
export const HISTORY_READS_PER_RUN = 25;

/** Differences someone made inside Xero (the others are ours or the practice system's). */
const MADE_IN_XERO: ReadonlySet<DifferenceKind> = new Set<DifferenceKind>([
  'payment_added',
  'payment_removed',
  'payment_changed',
  'voided',
  'edited',
  'created_in_xero',
  'contact_archived',
  'contact_merged',
]);

/**
 * Who changed each difference's document in Xero, by Xero id: from the previous run where the
 * difference has not moved since, else read from Xero's history (up to the cap).
 */
export async function findChangedBy(
  deps: { readonly db: Database; readonly api: XeroApi },
  run: { readonly tenantId: string; readonly runId: number },
  differences: readonly Difference[],
): Promise<{ changedBy: Map<string, ChangedBy>; reads: number }> {
  const known = await attributionsBefore(deps.db, run.tenantId, run.runId);
  const changedBy = new Map<string, ChangedBy>();
  let reads = 0;
  for (const d of differences) {
    const xeroId = d.document.xeroId;
    const collection = COLLECTION_OF_KIND[d.document.kind];
    if (!MADE_IN_XERO.has(d.kind) || !xeroId || !collection || changedBy.has(xeroId)) continue;
    const before = known.get(d.ref);
    if (before?.state === d.state) {
      changedBy.set(xeroId, { user: before.changedBy, at: Date.parse(before.changedAt) });
      continue;
    }
    if (reads === HISTORY_READS_PER_RUN) continue;
    reads++;
    const who = await readHistory(deps.api, run.tenantId, `/${collection}/${xeroId}/History`);
    if (who) changedBy.set(xeroId, who);
  }
  return { changedBy, reads };
}

async function readHistory(
  api: XeroApi,
  tenantId: string,
  path: string,
): Promise<ChangedBy | undefined> {
  const response = await api.request<{ HistoryRecords?: unknown }>({
    tenantId,
    method: 'GET',
    path,
    lane: 'read',
  });
  // A document Xero no longer has (404) simply has no one to name.
  if (response.status !== 200 || !Array.isArray(response.body?.HistoryRecords)) return undefined;
  return byAPerson(response.body.HistoryRecords as Record<string, unknown>[]);
}

/** The newest record a person made (not through an app), whatever order Xero lists them in. */
export function byAPerson(records: readonly Record<string, unknown>[]): ChangedBy | undefined {
  let newest: ChangedBy | undefined;
  for (const r of records) {
    const user = typeof r.User === 'string' ? r.User.trim() : '';
    const details = typeof r.Details === 'string' ? r.Details : '';
    const at = parseXeroTimestamp(r.DateUTC);
    if (!user || user === 'System Generated' || /through the Xero API/i.test(details)) continue;
    if (at !== undefined && (!newest || at > newest.at)) newest = { user, at };
  }
  return newest;
}
