/**
 * Reconciliation's tables (migration 0008): Xero's compact copy per organisation, read cursors and
 * accepted differences; the ledger a reconciliation compares (our documents routed to an
 * organisation, with their links and their source's kind); and the latest reconciliation's run.
 * Each run's differences: reconcile-differences-repo.ts.
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
