/**
 * Each reconciliation's differences (table `reconcile_differences`, migrations 0008 and 0020):
 * saved per run, found by id for a fix, paged for the dashboard, counted for the trend, and read
 * from the run before for alerts and for who changed what.
 *
 * @module
 */
import type { Queryable } from './database.js';

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
