/**
 * Xero's side, read cheaply through the shared client (its budget, never around it): the first
 * reconciliation of an organisation reads each collection in pages of 100 without lines
 * (`summaryOnly`), later ones ask only for what changed since the last read (If-Modified-Since),
 * so with nothing changed it is one call per collection, and merge it into the copy kept from
 * before (reconcile_xero_documents). Documents we linked that the listing did not show (deleted
 * in Xero, which listings leave out) are looked up by `IDs`, 50 a call; one Xero no longer has
 * is kept as deleted so it is not looked up again. Lines are read by `IDs` only for documents
 * whose totals differ (readXeroLines).
 *
 * @module
 */
import type { Database } from '../store/database.js';
import { loadXeroCopy, readCursors, saveCursor, saveXeroCopy } from '../store/reconcile-repo.js';
import type { Clock } from '../time/clock.js';
import type { XeroApi } from '../xero/api-client.js';
import { IDS_PER_CALL, readAll, readPages, type PageQuery } from '../xero/reader.js';
import {
  RECONCILED_COLLECTIONS,
  type ReconciledCollection,
  type XeroLine,
  type XeroSummary,
} from './model.js';
import { linesOf, summariseXero } from './xero-summary.js';

/** Xero's If-Modified-Since has whole seconds; a second of overlap re-reads, never misses. */
const OVERLAP_MS = 1_000;

/**
 * What each listing asks for. `summaryOnly` leaves lines out (the spec documents it for Contacts
 * and Invoices; BankTransactions are listed without it); archived contacts are left out of a
 * listing unless asked for (reference §5); deleted transfers likewise (§10), and a transfer
 * deleted in Xero must leave the copy.
 */
const LIST_QUERY: Record<ReconciledCollection, Record<string, string>> = {
  Contacts: { summaryOnly: 'true', includeArchived: 'true' },
  Invoices: { summaryOnly: 'true' },
  CreditNotes: { summaryOnly: 'true' },
  Payments: { summaryOnly: 'true' },
  BankTransactions: {},
  BankTransfers: { includeDeleted: 'true' },
};

/**
 * The cursor each collection's copy is read from. Payments kept before their Account and
 * PaymentType were copied (the bank accounts' movements need them), and contacts kept before
 * their MergedToContactID was, are read again once, under a new cursor name, rather than trusted.
 */
const CURSOR: Record<ReconciledCollection, string> = {
  Contacts: 'Contacts+MergedTo',
  Invoices: 'Invoices',
  CreditNotes: 'CreditNotes',
  Payments: 'Payments+Account',
  BankTransactions: 'BankTransactions',
  BankTransfers: 'BankTransfers',
};

export interface XeroReadStats {
  /** Documents Xero returned, per collection. */
  readonly read: Record<string, number>;
  readonly incremental: boolean;
  /** Linked documents looked up by `IDs` because the listing did not show them. */
  readonly byIds: number;
}

type Deps = { db: Database; api: XeroApi; clock: Clock };

export async function readXeroSide(
  deps: Deps,
  tenantId: string,
  /** Xero ids we linked, per collection. */
  linked: ReadonlyMap<ReconciledCollection, readonly string[]> = new Map(),
): Promise<{ summaries: XeroSummary[]; stats: XeroReadStats }> {
  const cursors = await readCursors(deps.db, tenantId);
  const copy = new Map(
    (await loadXeroCopy(deps.db, tenantId)).map((s) => [s.id, s as unknown as XeroSummary]),
  );
  const read: Record<string, number> = {};
  let byIds = 0;
  for (const collection of RECONCILED_COLLECTIONS) {
    const since = cursors.get(CURSOR[collection]);
    const startedAt = new Date(deps.clock.now() - OVERLAP_MS);
    const changed: XeroSummary[] = [];
    for await (const page of listChanged(deps.api, { tenantId, collection, since }))
      for (const w of page) changed.push(summariseXero(collection, w));
    for (const s of changed) copy.set(s.id, s);
    const unseen = (linked.get(collection) ?? []).filter((id) => !copy.has(id));
    const found = await lookUp(deps.api, tenantId, collection, unseen);
    byIds += unseen.length;
    for (const s of found) copy.set(s.id, s);
    await saveXeroCopy(deps.db, tenantId, [...changed, ...found] as unknown as Parameters<
      typeof saveXeroCopy
    >[2]);
    await saveCursor(deps.db, tenantId, CURSOR[collection], startedAt);
    read[collection] = changed.length;
  }
  const incremental = RECONCILED_COLLECTIONS.every((c) => cursors.has(CURSOR[c]));
  return { summaries: [...copy.values()], stats: { read, incremental, byIds } };
}

/**
 * What changed in a collection since the last read: pages of 100; BankTransfers, which Xero does
 * not page (reference §5), in one call.
 */
async function* listChanged(
  api: XeroApi,
  q: { tenantId: string; collection: ReconciledCollection; since: Date | undefined },
): AsyncGenerator<Record<string, unknown>[]> {
  const query: PageQuery = {
    tenantId: q.tenantId,
    collection: q.collection,
    query: LIST_QUERY[q.collection],
    ...(q.since && { ifModifiedSince: q.since }),
  };
  if (q.collection === 'BankTransfers') yield await readAll(api, query);
  else yield* readPages(api, { ...query, pageSize: 100 });
}

/** Linked documents by `IDs`; those Xero does not return are kept as deleted. */
async function lookUp(
  api: XeroApi,
  tenantId: string,
  collection: ReconciledCollection,
  ids: readonly string[],
): Promise<XeroSummary[]> {
  const found = new Map<string, XeroSummary>();
  for await (const w of byIdPages(api, tenantId, collection, ids, LIST_QUERY[collection])) {
    const s = summariseXero(collection, w);
    found.set(s.id.toLowerCase(), s);
  }
  return ids.map(
    (id) => found.get(id.toLowerCase()) ?? { id, collection, status: 'DELETED', updatedAt: 0 },
  );
}

/** Lines of the given invoices or credit notes, by `IDs`, 50 a call (one page each). */
export async function readXeroLines(
  api: XeroApi,
  tenantId: string,
  collection: 'Invoices' | 'CreditNotes',
  ids: readonly string[],
): Promise<Map<string, XeroLine[]>> {
  const out = new Map<string, XeroLine[]>();
  for await (const w of byIdPages(api, tenantId, collection, ids, {}))
    out.set(summariseXero(collection, w).id, linesOf(w));
  return out;
}

/**
 * Documents by `IDs`, 50 a call (Xero's query string caps near 52 GUIDs, reference §3), asked
 * as page 1: Xero includes lines only in paged answers, and 50 fit in one page of 100.
 */
async function* byIdPages(
  api: XeroApi,
  tenantId: string,
  collection: ReconciledCollection,
  ids: readonly string[],
  query: Record<string, string>,
): AsyncGenerator<Record<string, unknown>> {
  for (let i = 0; i < ids.length; i += IDS_PER_CALL) {
    const chunk = ids.slice(i, i + IDS_PER_CALL).join(',');
    for await (const page of readPages(api, {
      tenantId,
      collection,
      pageSize: 100,
      query: { ...query, IDs: chunk },
    }))
      yield* page;
  }
}
