/**
 * The trust ledger as the store has it (FEATURES B5): an organisation's live trust movements up
 * to a day, with each client's name, for the three-way trust report (src/reconcile/trust-*.ts).
 *
 * @module
 */
import type { Queryable } from './database.js';

export interface TrustRow {
  readonly source: string;
  readonly sourceId: string;
  readonly type: string;
  readonly contactId: string;
  readonly contactName: string | null;
  readonly matter: string;
  readonly amount: string;
  readonly toContactId: string | null;
  readonly toContactName: string | null;
  readonly toMatter: string | null;
}

/** Active, undeleted trust movements of the sources' entities routed to `tenantId`, dated ≤ asOf. */
export async function listTrustMovements(
  db: Queryable,
  tenantId: string,
  asOf: string,
): Promise<TrustRow[]> {
  const rows = await db.query<{
    source: string;
    source_id: string;
    type: string;
    contact_id: string;
    contact_name: string | null;
    matter: string;
    amount: string;
    to_contact_id: string | null;
    to_contact_name: string | null;
    to_matter: string | null;
  }>(
    `SELECT d.source, d.source_id, d.content->>'type' AS type, d.content->>'contactId' AS contact_id,
       c.content->>'name' AS contact_name, d.content->>'matter' AS matter, d.content->>'amount' AS amount,
       d.content->>'toContactId' AS to_contact_id, t.content->>'name' AS to_contact_name,
       d.content->>'toMatter' AS to_matter
     FROM documents d
     JOIN entities e ON e.source = d.source AND e.entity = d.entity AND e.tenant_id = $1
     LEFT JOIN documents c ON c.source = d.source AND c.kind = 'contact' AND c.source_id = d.content->>'contactId'
     LEFT JOIN documents t ON t.source = d.source AND t.kind = 'contact' AND t.source_id = d.content->>'toContactId'
     WHERE d.kind = 'trust_movement' AND d.deleted_at IS NULL AND d.status = 'active'
       AND d.content->>'date' <= $2
     ORDER BY d.source, d.source_id`,
    [tenantId, asOf],
  );
  return rows.map((r) => ({
    source: r.source,
    sourceId: r.source_id,
    type: r.type,
    contactId: r.contact_id,
    contactName: r.contact_name,
    matter: r.matter,
    amount: r.amount,
    toContactId: r.to_contact_id,
    toContactName: r.to_contact_name,
    toMatter: r.to_matter,
  }));
}
