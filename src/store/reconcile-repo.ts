/**
 * Reconciliation's tables (migration 0006): Xero's compact copy per organisation, read cursors,
 * differences per run and accepted differences; and the ledger a reconciliation compares (our
 * documents routed to an organisation, with their links and their source's kind).
 *
 * @module
 */
import type { LedgerDocument } from '../ledger/index.js';
import type { Queryable } from './database.js';
import type { SourceKind } from './sources-repo.js';

export interface LedgerRow {
  readonly source: string;
  readonly sourceKind: SourceKind;
  readonly document: LedgerDocument;
  readonly hash: string;
  readonly deleted: boolean;
  readonly xeroId: string | null;
  readonly xeroNumber: string | null;
  readonly pushedAt: Date | null;
  /** A payout's fees link (its source id + "#fees", plan-payout.ts): a Spend Money's id. */
  readonly feesXeroId: string | null;
}

/**
 * The documents a reconciliation compares, routed to `tenantId` (optionally one entity):
 * contacts, invoices, credit notes and payments, and everything that moves money on a bank or
 * clearing account (refunds, overpayments, bank transactions and transfers, payouts, trust
 * movements).
 */
export async function listReconcileLedger(
  db: Queryable,
  tenantId: string,
  entity?: string,
): Promise<LedgerRow[]> {
  const rows = await db.query<{
    source: string;
    source_kind: SourceKind;
    content: LedgerDocument;
    hash: string;
    deleted: boolean;
    xero_id: string | null;
    xero_number: string | null;
    pushed_at: Date | null;
    fees_xero_id: string | null;
  }>(
    `SELECT d.source, s.kind AS source_kind, d.content, d.hash, d.deleted_at IS NOT NULL AS deleted,
            l.xero_id, l.xero_number, l.pushed_at, f.xero_id AS fees_xero_id
     FROM documents d
     JOIN entities e ON e.source = d.source AND e.entity = d.entity AND e.tenant_id = $1
     JOIN sources s ON s.name = d.source
     LEFT JOIN links l ON l.source = d.source AND l.kind = d.kind AND l.source_id = d.source_id AND l.tenant_id = $1
     LEFT JOIN links f ON d.kind = 'payout' AND f.source = d.source AND f.kind = 'payout'
       AND f.source_id = d.source_id || '#fees' AND f.tenant_id = $1
     WHERE d.kind IN ('contact', 'invoice', 'credit_note', 'payment', 'refund', 'overpayment',
                      'bank_transaction', 'bank_transfer', 'payout', 'trust_movement')
       AND ($2::text IS NULL OR d.entity = $2)
     ORDER BY d.source, d.kind, d.source_id`,
    [tenantId, entity ?? null],
  );
  return rows.map((r) => ({
    source: r.source,
    sourceKind: r.source_kind,
    document: r.content,
    hash: r.hash,
    deleted: r.deleted,
    xeroId: r.xero_id,
    xeroNumber: r.xero_number,
    pushedAt: r.pushed_at,
    feesXeroId: r.fees_xero_id,
  }));
}

type Summary = Readonly<Record<string, unknown>> & {
  readonly id: string;
  readonly collection: string;
};

export async function loadXeroCopy(db: Queryable, tenantId: string): Promise<Summary[]> {
  const rows = await db.query<{ summary: Summary }>(
    'SELECT summary FROM reconcile_xero_documents WHERE tenant_id = $1',
    [tenantId],
  );
  return rows.map((r) => r.summary);
}

/** One document of Xero's copy, as the latest reconciliation read it. */
export async function findXeroCopy(
  db: Queryable,
  tenantId: string,
  collection: string,
  xeroId: string,
): Promise<Summary | undefined> {
  const rows = await db.query<{ summary: Summary }>(
    'SELECT summary FROM reconcile_xero_documents WHERE tenant_id = $1 AND collection = $2 AND xero_id = $3',
    [tenantId, collection, xeroId],
  );
  return rows[0]?.summary;
}

/** Upserts Xero's copy, a page at a time in one statement each. */
export async function saveXeroCopy(
  db: Queryable,
  tenantId: string,
  summaries: readonly Summary[],
): Promise<void> {
  for (let i = 0; i < summaries.length; i += 1_000) {
    const page = summaries.slice(i, i + 1_000);
    await db.query(
      `INSERT INTO reconcile_xero_documents (tenant_id, collection, xero_id, summary)
       SELECT $1, x->>'collection', x->>'id', x FROM jsonb_array_elements($2::jsonb) AS x
       ON CONFLICT (tenant_id, collection, xero_id) DO UPDATE SET summary = excluded.summary`,
      [tenantId, JSON.stringify(page)],
    );
  }
}

export async function readCursors(db: Queryable, tenantId: string): Promise<Map<string, Date>> {
  const rows = await db.query<{ collection: string; read_at: Date }>(
    'SELECT collection, read_at FROM reconcile_cursors WHERE tenant_id = $1',
    [tenantId],
  );
  return new Map(rows.map((r) => [r.collection, new Date(r.read_at)]));
}

export async function saveCursor(
  db: Queryable,
  tenantId: string,
  collection: string,
  readAt: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO reconcile_cursors (tenant_id, collection, read_at) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, collection) DO UPDATE SET read_at = excluded.read_at`,
    [tenantId, collection, readAt],
  );
}

export interface StoredDifference {
  readonly ref: string;
  readonly state: string;
  readonly category: string;
  readonly amount: string;
  readonly accepted: boolean;
  readonly detail: Readonly<Record<string, unknown>>;
}

export async function saveDifferences(
  db: Queryable,
  runId: number,
  tenantId: string,
  differences: readonly StoredDifference[],
): Promise<void> {
  if (differences.length === 0) return;
  await db.query(
    `INSERT INTO reconcile_differences (run_id, tenant_id, ref, state, category, amount, accepted, detail)
     SELECT $1, $2, ref, state, category, amount, accepted, detail
     FROM jsonb_to_recordset($3::jsonb) AS x(ref text, state text, category text, amount text, accepted boolean, detail jsonb)`,
    [runId, tenantId, JSON.stringify(differences)],
  );
}

/** A difference of the latest reconciliation that found it, by its short id. */
export async function findDifference(
  db: Queryable,
  id: string,
): Promise<(StoredDifference & { tenantId: string; runId: number }) | undefined> {
  const [row] = await db.query<StoredDifference & { tenant_id: string; run_id: number }>(
    `SELECT d.* FROM reconcile_differences d
     WHERE d.detail->>'id' = $1
       AND d.run_id = (SELECT max(run_id) FROM reconcile_differences r WHERE r.tenant_id = d.tenant_id)
     LIMIT 1`,
    [id],
  );
  return row && { ...row, tenantId: row.tenant_id, runId: Number(row.run_id) };
}

export async function listAccepted(db: Queryable, tenantId: string): Promise<Map<string, string>> {
  const rows = await db.query<{ ref: string; state: string }>(
    'SELECT ref, state FROM reconcile_accepted WHERE tenant_id = $1',
    [tenantId],
  );
  return new Map(rows.map((r) => [r.ref, r.state]));
}

export async function acceptDifference(
  db: Queryable,
  accepted: { tenantId: string; ref: string; state: string; reason: string },
): Promise<void> {
  await db.query(
    `INSERT INTO reconcile_accepted (tenant_id, ref, state, reason) VALUES ($1, $2, $3, $4)
     ON CONFLICT (tenant_id, ref) DO UPDATE SET state = excluded.state, reason = excluded.reason, accepted_at = now()`,
    [accepted.tenantId, accepted.ref, accepted.state, accepted.reason],
  );
}

/** Open differences per reconciliation of an organisation, oldest first: the trend. */
export async function differenceTrend(
  db: Queryable,
  tenantId: string,
  limit = 30,
): Promise<{ runId: number; at: Date; open: number }[]> {
  const rows = await db.query<{ run_id: number; at: Date; open: number }>(
    `SELECT r.id AS run_id, r.started_at AS at,
            (SELECT count(*)::int FROM reconcile_differences d WHERE d.run_id = r.id AND NOT d.accepted) AS open
     FROM runs r WHERE r.kind = 'reconcile' AND r.tenant_id = $1 AND r.status <> 'running'
     ORDER BY r.id DESC LIMIT $2`,
    [tenantId, limit],
  );
  return rows.reverse().map((r) => ({ runId: Number(r.run_id), at: r.at, open: r.open }));
}

/** The organisation ($1)'s last succeeded reconciliation before run $2. */
const PREVIOUS_RUN = `(SELECT max(r.id) FROM runs r
  WHERE r.kind = 'reconcile' AND r.tenant_id = $1 AND r.status = 'succeeded' AND r.id < $2)`;

/**
 * The refs of the differences that were open (not accepted) in the organisation's last finished
 * reconciliation before `runId`: what a daily run compares against to alert only on new ones.
 */
export async function openRefsBefore(
  db: Queryable,
  tenantId: string,
  runId: number,
): Promise<Set<string>> {
  const rows = await db.query<{ ref: string }>(
    `SELECT d.ref FROM reconcile_differences d
     WHERE d.tenant_id = $1 AND NOT d.accepted AND d.run_id = ${PREVIOUS_RUN}`,
    [tenantId, runId],
  );
  return new Set(rows.map((r) => r.ref));
}

/**
 * Who changed each difference in Xero, as the organisation's last finished reconciliation before
 * `runId` found it (src/reconcile/changed-by.ts), by ref, with the state it was found in.
 */
export async function attributionsBefore(
  db: Queryable,
  tenantId: string,
  runId: number,
): Promise<Map<string, { state: string; changedBy: string; changedAt: string }>> {
  const rows = await db.query<{
    ref: string;
    state: string;
    changed_by: string;
    changed_at: string;
  }>(
    `SELECT d.ref, d.state, d.detail->>'changedBy' AS changed_by, d.detail->>'changedAt' AS changed_at
     FROM reconcile_differences d
     WHERE d.tenant_id = $1 AND d.detail ? 'changedBy' AND d.run_id = ${PREVIOUS_RUN}`,
    [tenantId, runId],
  );
  return new Map(
    rows.map((r) => [r.ref, { state: r.state, changedBy: r.changed_by, changedAt: r.changed_at }]),
  );
}

export interface LatestReconciliation {
  readonly runId: number;
  readonly status: string;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  /** The run's stats: `summary` and `reads` when it succeeded. */
  readonly stats: Readonly<Record<string, unknown>>;
  readonly error: string | null;
}

/** The organisation's latest finished reconciliation, if it has one (its differences: below). */
export async function latestReconciliation(
  db: Queryable,
  tenantId: string,
): Promise<LatestReconciliation | undefined> {
  const [row] = await db.query<{
    id: number;
    status: string;
    started_at: Date;
    finished_at: Date | null;
    stats: Record<string, unknown>;
    error: string | null;
  }>(
    `SELECT r.id, r.status, r.started_at, r.finished_at, r.stats, r.error FROM runs r
     WHERE r.kind = 'reconcile' AND r.tenant_id = $1 AND r.status <> 'running'
     ORDER BY r.id DESC LIMIT 1`,
    [tenantId],
  );
  return (
    row && {
      runId: Number(row.id),
      status: row.status,
      startedAt: new Date(row.started_at),
      finishedAt: row.finished_at && new Date(row.finished_at),
      stats: row.stats,
      error: row.error,
    }
  );
}

/** A place in a reconciliation's open differences, which are in the report's order. */
export interface DifferenceKey {
  readonly category: string;
  readonly ref: string;
}

/**
 * A page of a reconciliation's open differences in the report's order (category, then ref): the
 * `limit` after a key, or before one, by key (migration 0020's index), so a reconciliation of
 * thousands reads one page.
 */
export async function openDifferencesPage(
  db: Queryable,
  runId: number,
  from: { readonly after?: DifferenceKey; readonly before?: DifferenceKey },
  limit: number,
): Promise<StoredDifference[]> {
  const back = from.before !== undefined;
  const key = from.before ?? from.after;
  // The key as an index condition of its own (an `OR $2 IS NULL` would read the run's every row).
  const where = !key ? '$2::text IS NULL AND $3::text IS NULL' : `(category, ref) ${back ? '<' : '>'} ($2::text, $3::text)`; // prettier-ignore
  const rows = await db.query<StoredDifference>(
    `SELECT ref, state, category, amount, accepted, detail FROM reconcile_differences
     WHERE run_id = $1 AND NOT accepted AND ${where}
     ORDER BY ${back ? 'category DESC, ref DESC' : 'category, ref'} LIMIT $4`,
    [runId, key?.category ?? null, key?.ref ?? null, limit],
  );
  return back ? rows.reverse() : rows;
}

/** How many differences of the reconciliation are open, and how many of them come before `key`. */
export async function countOpenDifferences(
  db: Queryable,
  runId: number,
  key?: DifferenceKey,
): Promise<{ open: number; before: number }> {
  const [row] = await db.query<{ open: number; before: number }>(
    `SELECT count(*)::int AS open,
            count(*) FILTER (WHERE (category, ref) < ($2, $3))::int AS before
     FROM reconcile_differences WHERE run_id = $1 AND NOT accepted`,
    [runId, key?.category ?? '', key?.ref ?? ''],
  );
  return { open: row?.open ?? 0, before: row?.before ?? 0 };
}
