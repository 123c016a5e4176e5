/** The audit log: append-only record of every push and every decision a person should trace. */
import type { Queryable } from './database.js';

export interface AuditEntry {
  readonly action: string;
  readonly actor?: string;
  readonly source?: string;
  readonly kind?: string;
  readonly sourceId?: string;
  readonly tenantId?: string;
  readonly xeroId?: string;
  readonly payloadHash?: string;
  readonly outcome?: string;
  readonly detail?: Record<string, unknown>;
}

export async function appendAudit(db: Queryable, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.query(
    `INSERT INTO audit_log (actor, action, source, kind, source_id, tenant_id, xero_id, payload_hash, outcome, detail)
     SELECT COALESCE(actor, 'ledgerbridge'), action, source, kind, source_id, tenant_id, xero_id, payload_hash, outcome, COALESCE(detail, '{}')
     FROM jsonb_to_recordset($1::jsonb) AS x(actor text, action text, source text, kind text, source_id text,
       tenant_id text, xero_id text, payload_hash text, outcome text, detail jsonb)`,
    [
      JSON.stringify(
        entries.map((e) => ({
          ...e,
          source_id: e.sourceId,
          tenant_id: e.tenantId,
          xero_id: e.xeroId,
          payload_hash: e.payloadHash,
        })),
      ),
    ],
  );
}

export interface AuditRow extends AuditEntry {
  readonly id: number;
  readonly at: Date;
}

export async function listAudit(db: Queryable, limit = 100): Promise<AuditRow[]> {
  const rows = await db.query<AuditRecord>('SELECT * FROM audit_log ORDER BY id DESC LIMIT $1', [
    limit,
  ]);
  return rows.map(toAuditRow);
}

export interface AuditFilter {
  readonly afterId: number;
  readonly limit: number;
  readonly action?: string | undefined;
  readonly actor?: string | undefined;
  /** Entries at or after this instant. */
  readonly from?: Date | undefined;
  /** Entries before this instant. */
  readonly to?: Date | undefined;
}

/** Audit entries after id `afterId`, oldest first (keyset on the primary key, docs/api.md). */
export async function pageAudit(db: Queryable, f: AuditFilter): Promise<AuditRow[]> {
  const rows = await db.query<AuditRecord>(
    `SELECT * FROM audit_log WHERE id > $1 AND ($2::text IS NULL OR action = $2)
       AND ($3::text IS NULL OR actor = $3) AND ($4::timestamptz IS NULL OR at >= $4)
       AND ($5::timestamptz IS NULL OR at < $5)
     ORDER BY id LIMIT $6`,
    [f.afterId, f.action ?? null, f.actor ?? null, f.from ?? null, f.to ?? null, f.limit],
  );
  return rows.map(toAuditRow);
}

/**
 * The same filter newest first: entries before id `beforeId` (none: from the newest), for pages
 * people read (the dashboard's audit log).
 */
export async function pageAuditNewest(
  db: Queryable,
  f: Omit<AuditFilter, 'afterId'> & { beforeId?: number | undefined },
): Promise<AuditRow[]> {
  const rows = await db.query<AuditRecord>(
    `SELECT * FROM audit_log WHERE ($1::bigint IS NULL OR id < $1) AND ($2::text IS NULL OR action = $2)
       AND ($3::text IS NULL OR actor = $3) AND ($4::timestamptz IS NULL OR at >= $4)
       AND ($5::timestamptz IS NULL OR at < $5)
     ORDER BY id DESC LIMIT $6`,
    [f.beforeId ?? null, f.action ?? null, f.actor ?? null, f.from ?? null, f.to ?? null, f.limit],
  );
  return rows.map(toAuditRow);
}

interface AuditRecord {
  id: number;
  at: Date;
  actor: string;
  action: string;
  source: string | null;
  kind: string | null;
  source_id: string | null;
  tenant_id: string | null;
  xero_id: string | null;
  payload_hash: string | null;
  outcome: string | null;
  detail: Record<string, unknown>;
}

function toAuditRow(r: AuditRecord): AuditRow {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    ...(r.source && { source: r.source }),
    ...(r.kind && { kind: r.kind }),
    ...(r.source_id && { sourceId: r.source_id }),
    ...(r.tenant_id && { tenantId: r.tenant_id }),
    ...(r.xero_id && { xeroId: r.xero_id }),
    ...(r.payload_hash && { payloadHash: r.payload_hash }),
    ...(r.outcome && { outcome: r.outcome }),
    detail: r.detail,
  };
}

/** A document's entries (its pushes and decisions), newest first, on the audit_by_document index. */
export async function auditOfDocument(
  db: Queryable,
  key: { source: string; kind: string; sourceId: string },
  limit = 200,
): Promise<AuditRow[]> {
  const rows = await db.query<AuditRecord>(
    `SELECT * FROM audit_log WHERE source = $1 AND kind = $2 AND source_id = $3
     ORDER BY id DESC LIMIT $4`,
    [key.source, key.kind, key.sourceId, limit],
  );
  return rows.map(toAuditRow);
}
