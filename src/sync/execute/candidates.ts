/**
 * The documents a run must look at, streamed a page at a time (keyset on source id): those never
 * decided, changed since they were pushed, unlocked, or removed from the source while still in
 * Xero. A document whose current version was pushed — or deliberately left out — costs nothing.
 *
 * @module
 */
import type { DocumentKind, LedgerDocument } from '../../ledger/index.js';
import type { Queryable } from '../../store/database.js';
import type { LinkInfo } from '../plan/plan-input.js';

export interface Candidate {
  readonly document: LedgerDocument;
  readonly hash: string;
  readonly deleted: boolean;
  readonly link: LinkInfo | undefined;
}

export interface CandidateScope {
  readonly tenantId: string;
  readonly source: string;
  readonly entities: readonly string[];
  readonly kind: DocumentKind;
}

interface Row {
  source_id: string;
  hash: string;
  content: LedgerDocument;
  deleted: boolean;
  linked: boolean;
  xero_id: string | null;
  pushed_hash: string | null;
  locked: boolean | null;
  state: Record<string, unknown> | null;
}

/** A document needs a decision: never decided, changed since pushed, unlocked, or removed while in Xero. */
const NEEDS_DECISION = `(l.source_id IS NULL
       OR l.pushed_hash IS DISTINCT FROM d.hash
       OR (d.deleted_at IS NOT NULL AND l.xero_id IS NOT NULL AND NOT COALESCE((l.state->>'removed')::boolean, false)))`;

const SQL = `
SELECT d.source_id, d.hash, d.content, d.deleted_at IS NOT NULL AS deleted, l.source_id IS NOT NULL AS linked,
       l.xero_id, l.pushed_hash, l.locked, l.state
FROM documents d
LEFT JOIN links l ON l.source = d.source AND l.kind = d.kind AND l.source_id = d.source_id AND l.tenant_id = $1
WHERE d.source = $2 AND d.kind = $3 AND d.entity = ANY($4::text[]) AND d.source_id > $5
  AND ${NEEDS_DECISION}
ORDER BY d.source_id
LIMIT $6`;

/** How many documents of each kind a pass over these entities will decide (for progress). */
export async function countCandidates(
  db: Queryable,
  scope: Omit<CandidateScope, 'kind'>,
): Promise<Partial<Record<DocumentKind, number>>> {
  const rows = await db.query<{ kind: DocumentKind; n: number }>(
    `SELECT d.kind, count(*)::int AS n FROM documents d
     LEFT JOIN links l ON l.source = d.source AND l.kind = d.kind AND l.source_id = d.source_id AND l.tenant_id = $1
     WHERE d.source = $2 AND d.entity = ANY($3::text[]) AND ${NEEDS_DECISION}
     GROUP BY d.kind`,
    [scope.tenantId, scope.source, scope.entities],
  );
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}

/** Documents of each kind a pass will decide, over every source routed to the organisation. */
export async function pendingDocuments(
  db: Queryable,
  tenantId: string,
  sources: ReadonlyMap<string, readonly string[]>,
): Promise<Partial<Record<DocumentKind, number>>> {
  const total: Partial<Record<DocumentKind, number>> = {};
  for (const [source, entities] of sources)
    for (const [kind, n] of Object.entries(
      await countCandidates(db, { tenantId, source, entities }),
    ))
      total[kind as DocumentKind] = (total[kind as DocumentKind] ?? 0) + n;
  return total;
}

/**
 * Whether a document changed after `afterSeq` (a change_seq) still needs a decision: the cheap
 * question a scheduled pass asks before planning (sync/idle/quiet-pass.ts). PostgreSQL answers it
 * from documents_by_change, reading only the documents changed since (of every source: 50,000
 * of another source's cost 8 ms at 1,000,000 documents, and none 0.02 ms), never a source's
 * whole set. An index on (source, change_seq) was tried and left unused by the planner.
 */
export async function hasCandidateChangedSince(
  db: Queryable,
  scope: Omit<CandidateScope, 'kind'>,
  afterSeq: string,
): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM documents d
     LEFT JOIN links l ON l.source = d.source AND l.kind = d.kind AND l.source_id = d.source_id AND l.tenant_id = $1
     WHERE d.source = $2 AND d.change_seq > $3::bigint AND d.entity = ANY($4::text[]) AND ${NEEDS_DECISION}
     LIMIT 1`,
    [scope.tenantId, scope.source, afterSeq, scope.entities],
  );
  return rows.length > 0;
}

export async function* streamCandidates(
  db: Queryable,
  scope: CandidateScope,
  pageSize = 500,
): AsyncGenerator<Candidate[]> {
  let after = '';
  for (;;) {
    const rows = await db.query<Row>(SQL, [
      scope.tenantId,
      scope.source,
      scope.kind,
      scope.entities,
      after,
      pageSize,
    ]);
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      document: r.content,
      hash: r.hash,
      deleted: r.deleted,
      link: r.linked
        ? {
            xeroId: r.xero_id,
            pushedHash: r.pushed_hash,
            locked: r.locked ?? true,
            state: r.state ?? {},
          }
        : undefined,
    }));
    after = rows[rows.length - 1]!.source_id;
    if (rows.length < pageSize) return;
  }
}

/** Links of documents by source id (dependencies of a page: contacts of invoices, invoices of payments). */
export async function linksFor(
  db: Queryable,
  tenantId: string,
  source: string,
  kind: DocumentKind,
  sourceIds: readonly string[],
): Promise<Map<string, LinkInfo>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await db.query<{
    source_id: string;
    xero_id: string | null;
    pushed_hash: string | null;
    locked: boolean;
    state: Record<string, unknown>;
  }>(
    'SELECT source_id, xero_id, pushed_hash, locked, state FROM links WHERE tenant_id = $1 AND source = $2 AND kind = $3 AND source_id = ANY($4::text[])',
    [tenantId, source, kind, [...new Set(sourceIds)]],
  );
  return new Map(
    rows.map((r) => [
      r.source_id,
      { xeroId: r.xero_id, pushedHash: r.pushed_hash, locked: r.locked, state: r.state },
    ]),
  );
}

/**
 * Contacts that documents to be pushed refer to: those of invoices and credit notes already in
 * Xero or in a status that is pushed (FEATURES C1: contacts with bills), and of bank transactions
 * (Xero requires a contact on each).
 */
export async function neededContacts(
  db: Queryable,
  tenantId: string,
  source: string,
  entities: readonly string[],
  pushStatuses: readonly string[],
): Promise<Set<string>> {
  const rows = await db.query<{ contact_id: string }>(
    `SELECT DISTINCT d.content->>'contactId' AS contact_id FROM documents d
     LEFT JOIN links l ON l.source = d.source AND l.kind = d.kind AND l.source_id = d.source_id AND l.tenant_id = $1
     WHERE d.source = $2 AND d.kind IN ('invoice', 'credit_note', 'bank_transaction', 'trust_movement', 'overpayment') AND d.entity = ANY($3::text[]) AND d.deleted_at IS NULL
       AND (l.xero_id IS NOT NULL OR d.status = ANY($4::text[]) OR (d.kind = 'credit_note' AND d.status = 'authorised')
            OR (d.kind IN ('bank_transaction', 'overpayment') AND d.status = 'active')
            OR (d.kind = 'trust_movement' AND d.status = 'active' AND d.content->>'type' <> 'matter_transfer'))`,
    [tenantId, source, entities, pushStatuses],
  );
  return new Set(rows.map((r) => r.contact_id));
}

/** Where a merged contact's documents go: follow mergedIntoId to the surviving contact. */
export async function mergeTargets(db: Queryable, source: string): Promise<Map<string, string>> {
  const rows = await db.query<{ source_id: string; target: string }>(
    "SELECT source_id, content->>'mergedIntoId' AS target FROM documents WHERE source = $1 AND kind = 'contact' AND content ? 'mergedIntoId'",
    [source],
  );
  const direct = new Map(rows.map((r) => [r.source_id, r.target]));
  const resolve = (id: string, seen = new Set<string>()): string => {
    const next = direct.get(id);
    return next && !seen.has(next) ? resolve(next, seen.add(id)) : id;
  };
  return new Map([...direct.keys()].map((id) => [id, resolve(id)]));
}
