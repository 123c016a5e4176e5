/**
 * Fills a migrated store with `documents` documents in a few set-based statements (issue 19's
 * bench): three sources routed to two organisations, one document in ten a contact, two in ten
 * payments, the rest invoices; 95 % pushed (a link and a push audit line each), 0.5 % with an
 * open sync error and 5 % with a cleared one, a pull and a sync every 15 minutes for 60 days per
 * source, and a few reconciliations with their differences (the latest of one: 5,000). Each
 * document is a copy of a validated example with its key, number, contact, date and amount
 * changed in SQL, so the pages read the same JSON the import writes. Not timed; ~1 minute a million rows on PostgreSQL.
 *
 * @module
 */
import {
  exampleContact,
  exampleInvoice,
  examplePayment,
} from '../src/ledger/test-support/examples.js';
import { validateDocument } from '../src/ledger/index.js';
import type { Database } from '../src/store/database.js';
import { upsertDocuments } from '../src/store/documents-repo.js';
import { upsertOrganisation } from '../src/store/organisations-repo.js';
import { ensureSource, routeEntity } from '../src/store/sources-repo.js';

export const SOURCES = ['harbour', 'northside', 'drop'] as const;
export const TENANTS = ['tenant-harbour', 'tenant-north'] as const;
const TEMPLATE = 'bench-template';

/** The source (by g % 3) and the organisation it is routed to. */
const SOURCE_OF = `(ARRAY['harbour','northside','drop'])[g % 3 + 1]`;
const TENANT_OF = `(ARRAY['tenant-harbour','tenant-north','tenant-harbour'])[g % 3 + 1]`;
const KIND_OF = `CASE WHEN g % 10 = 0 THEN 'contact' WHEN g % 10 IN (1, 2) THEN 'payment' ELSE 'invoice' END`;
const SOURCE_ID_OF = `CASE WHEN g % 10 = 0 THEN 'P-' WHEN g % 10 IN (1, 2) THEN 'PAY-' ELSE 'INV-ID-' END || g`;
// The contact of document g in the same source: 30⌊g/30⌋ + 10(g mod 3) is ≡ g (mod 3) and a
// multiple of 10 (10 ≡ 1 mod 3).
const CONTACT_OF = `'P-' || (30 * (g / 30) + 10 * (g % 3))`;
// Contacts are every tenth document: ten first names and twelve surnames over g / 10, so each
// first name is one contact in ten and each surname one in twelve.
const NAME_OF = `(ARRAY['Alex','Sam','Jordan','Priya','Mei','Tom','Aisha','Luca','Noah','Zoe'])[(g / 10) % 10 + 1]
  || ' ' || (ARRAY['Morgan','Nguyen','Smith','Patel','Chen','Brown','Khan','Rossi','Walker','Lee','Kelly','Singh'])[(g / 100) % 12 + 1]
  || ' ' || g`;
const DATE_OF = `to_char(date '2024-01-01' + (g % 1000), 'YYYY-MM-DD')`;

const DOCUMENTS_SQL = `
INSERT INTO documents (source, kind, source_id, entity, status, hash, content, source_updated_at,
                       first_seen_at, last_seen_at, changed_at)
SELECT src, kind, sid, 'default', status, md5(g::text), content, ts, ts, ts, ts
FROM (
  SELECT g, ${SOURCE_OF} AS src, ${KIND_OF} AS kind, ${SOURCE_ID_OF} AS sid,
         now() - make_interval(secs => $1::int - g) AS ts,
         CASE WHEN g % 10 IN (1, 2, 0) THEN NULL WHEN g % 20 = 3 THEN 'voided'
              WHEN g % 10 < 7 THEN 'paid' ELSE 'awaiting_payment' END AS inv_status
  FROM generate_series(1, $1::int) g
) x
CROSS JOIN LATERAL (
  SELECT COALESCE(x.inv_status, t.status) AS status,
    CASE x.kind
      WHEN 'contact' THEN t.content || jsonb_build_object('source', x.src, 'sourceId', x.sid,
        'name', ${NAME_OF}, 'email', 'patient' || g || '@example.com')
      WHEN 'payment' THEN t.content || jsonb_build_object('source', x.src, 'sourceId', x.sid,
        'invoiceId', 'INV-ID-' || (g + 2), 'date', ${DATE_OF}, 'amount', (g % 500) || '.00')
      ELSE t.content || jsonb_build_object('source', x.src, 'sourceId', x.sid,
        'number', 'INV-' || g, 'contactId', ${CONTACT_OF}, 'issueDate', ${DATE_OF},
        'status', x.inv_status)
    END AS content
  FROM documents t WHERE t.source = '${TEMPLATE}' AND t.kind = x.kind
) c`;

const LINKS_SQL = `
INSERT INTO links (source, kind, source_id, tenant_id, xero_id, xero_number, pushed_hash, pushed_at, locked)
SELECT d.source, d.kind, d.source_id,
       CASE d.source WHEN 'northside' THEN 'tenant-north' ELSE 'tenant-harbour' END,
       md5('x' || d.source || d.kind || d.source_id)::uuid::text,
       d.content->>'number', d.hash, d.changed_at, true
FROM documents d
WHERE d.source <> '${TEMPLATE}' AND hashtext(d.source_id) % 20 <> 0`;

const AUDIT_SQL = `
INSERT INTO audit_log (at, action, source, kind, source_id, tenant_id, xero_id, payload_hash, outcome, detail)
SELECT l.pushed_at, 'create-' || l.kind, l.source, l.kind, l.source_id, l.tenant_id, l.xero_id,
       l.pushed_hash, 'applied', '{}'::jsonb
FROM links l ORDER BY l.pushed_at`;

const ERRORS_SQL = `
INSERT INTO sync_errors (source, kind, source_id, tenant_id, code, message, xero_message, fix,
                         first_seen_at, last_seen_at, cleared_at)
SELECT ${SOURCE_OF}, ${KIND_OF}, ${SOURCE_ID_OF}, ${TENANT_OF},
       (ARRAY['LB_MAPPING_MISSING','LB_XERO_ACCOUNT_INVALID','LB_XERO_CONTACT_ARCHIVED','LB_XERO_PERIOD_LOCKED'])[g % 4 + 1],
       'Invoice INV-' || g || ' could not be sent', 'A validation exception occurred',
       'Map the line kind to an account on the Setup page, then retry.',
       now() - make_interval(secs => g), now() - make_interval(secs => g),
       CASE WHEN g % 200 = 7 THEN NULL ELSE now() END
FROM generate_series(1, $1::int) g WHERE g % 20 = 7`;

// A pull and a sync per source every 15 minutes for 60 days (5,760 each), oldest first.
const RUNS_SQL = `
INSERT INTO runs (kind, source, tenant_id, status, started_at, finished_at, stats)
SELECT k, s.src, CASE WHEN k = 'sync' THEN s.tenant END,
       CASE WHEN i % 97 = 0 THEN 'failed' WHEN i % 13 = 0 THEN 'partial' ELSE 'succeeded' END,
       now() - make_interval(mins => 15 * (5760 - i)), now() - make_interval(mins => 15 * (5760 - i)) + interval '20 seconds',
       jsonb_build_object('created', i % 7, 'updated', i % 3)
FROM generate_series(1, 5760) i,
     (VALUES ('harbour', 'tenant-harbour'), ('northside', 'tenant-north'), ('drop', 'tenant-harbour')) s(src, tenant),
     (VALUES ('pull'), ('sync')) k(k)
ORDER BY i`;

const RECONCILE_SQL = `
WITH r AS (
  INSERT INTO runs (kind, tenant_id, status, started_at, finished_at, stats)
  SELECT 'reconcile', t, 'succeeded', now() - make_interval(days => d), now() - make_interval(days => d),
         '{}'::jsonb
  FROM generate_series(30, 1, -1) d, unnest(ARRAY['tenant-harbour','tenant-north']) t
  RETURNING id, tenant_id
)
INSERT INTO reconcile_differences (run_id, tenant_id, ref, state, category, amount, detail)
SELECT r.id, r.tenant_id, ref, 'differs-' || n, 'missing_in_xero', amount,
       jsonb_build_object('ref', ref, 'id', left(md5(ref), 8), 'state', 'differs-' || n,
         'category', 'missing_in_xero', 'kind', 'missing', 'amount', amount, 'accepted', false,
         'document', jsonb_build_object('kind', 'invoice', 'number', 'INV-' || (n * 30 + 3),
           'source', 'harbour', 'sourceId', 'INV-ID-' || (n * 30 + 3)),
         'explanation', 'Invoice INV-' || (n * 30 + 3) || ' is not in Xero.',
         'cause', 'It was deleted or voided in Xero.', 'fix', 'Push it again, or accept it.',
         'offers', jsonb_build_array('repush', 'accept'))
FROM r, generate_series(1, 40) n,
     LATERAL (SELECT 'invoice:harbour:INV-ID-' || (n * 30 + 3) AS ref, (n % 90 + 10) || '.00' AS amount) v`;

/**
 * The first organisation's latest reconciliation: 5,000 differences (the page shows 100 at a time),
 * and a key half-way through for a deep page.
 */
export const MANY_DIFFERENCES = {
  count: 5_000,
  deepKey: 'missing_in_xero:invoice:harbour:INV-ID-75033',
} as const;

const MANY_DIFFERENCES_SQL = `
WITH r AS (
  INSERT INTO runs (kind, tenant_id, status, started_at, finished_at, stats)
  VALUES ('reconcile', 'tenant-harbour', 'succeeded', now(), now(), '{}'::jsonb)
  RETURNING id, tenant_id
)
INSERT INTO reconcile_differences (run_id, tenant_id, ref, state, category, amount, detail)
SELECT r.id, r.tenant_id, ref, 'differs-' || n, category, amount,
       jsonb_build_object('ref', ref, 'id', left(md5(ref || r.id), 8), 'state', 'differs-' || n,
         'category', category, 'kind', 'missing', 'amount', amount, 'accepted', false,
         'document', jsonb_build_object('kind', 'invoice', 'number', 'INV-' || (n * 30 + 3),
           'source', 'harbour', 'sourceId', 'INV-ID-' || (n * 30 + 3)),
         'explanation', 'Invoice INV-' || (n * 30 + 3) || ' is not in Xero.',
         'cause', 'It was deleted or voided in Xero.', 'fix', 'Push it again, or accept it.',
         'offers', jsonb_build_array('repush', 'accept'))
FROM r, generate_series(1, ${MANY_DIFFERENCES.count}) n,
     LATERAL (SELECT 'invoice:harbour:INV-ID-' || (n * 30 + 3) AS ref, (n % 90 + 10) || '.00' AS amount,
                     CASE WHEN n % 5 = 0 THEN 'different' ELSE 'missing_in_xero' END AS category) v`;

/** Seeds `documents` documents and everything around them; returns when vacuumed and analysed. */
export async function seedDashboardScale(db: Database, documents: number): Promise<void> {
  await upsertOrganisation(db, {
    tenantId: TENANTS[0],
    name: 'Harbour Physio',
    connectionKind: 'oauth',
  });
  await upsertOrganisation(db, {
    tenantId: TENANTS[1],
    name: 'Northside Law',
    connectionKind: 'oauth',
  });
  for (const [i, source] of SOURCES.entries()) {
    await ensureSource(db, source, source === 'drop' ? 'file' : i === 0 ? 'cliniko' : 'clio');
    await routeEntity(db, source, 'default', i === 1 ? TENANTS[1] : TENANTS[0]);
  }
  await ensureSource(db, TEMPLATE, 'file');
  await upsertDocuments(
    db,
    [exampleContact, exampleInvoice, examplePayment].map((d) => {
      const v = validateDocument({ ...d, source: TEMPLATE });
      if (!v.ok) throw new Error(`invalid template: ${JSON.stringify(v.error)}`);
      return v.value;
    }),
  );
  await db.query(DOCUMENTS_SQL, [documents]);
  await db.query(`DELETE FROM documents WHERE source = '${TEMPLATE}'`);
  await db.query(`DELETE FROM sources WHERE name = '${TEMPLATE}'`);
  await db.query(LINKS_SQL);
  await db.query(AUDIT_SQL);
  await db.query(ERRORS_SQL, [documents]);
  await db.query(RUNS_SQL);
  await db.query(RECONCILE_SQL);
  await db.query(MANY_DIFFERENCES_SQL);
  await db.query(`SELECT setval('document_change_seq', (SELECT max(change_seq) FROM documents))`);
  // What autovacuum does to a table that has settled (PostgreSQL 13+ vacuums after inserts too):
  // statistics, and the visibility map that lets the overview's bounded counts read the index
  // alone. Without it the planner chose a sequential scan of links (850 ms) over the index (9 ms).
  await db.query('VACUUM ANALYZE');
}
