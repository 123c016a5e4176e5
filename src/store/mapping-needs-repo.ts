/**
 * The stored needs summary (migration 0019): per organisation and source, every mapping the
 * documents waiting to be sent need and how many documents need each, as the last sync pass or
 * `map check` found them, with the highest document change that check could see. The Setup page
 * reads it rather than planning every waiting document again (src/dashboard/setup-data.ts).
 *
 * @module
 */
import type { Queryable } from './database.js';
import type { MappingType } from './mappings-repo.js';

/** One distinct need as counted (resolved against the mappings only when read). */
export interface StoredNeed {
  /** A mapping type, or 'line_account' (an account code a line names itself). */
  readonly type: MappingType | 'line_account';
  readonly key: string;
  readonly documents: number;
  readonly categories?: readonly string[];
}

export interface NeedsCheck {
  readonly tenantId: string;
  readonly source: string;
  /** The entities routed to the organisation when checked. */
  readonly entities: readonly string[];
  /** Documents with a higher `change_seq` changed after the check could see them. */
  readonly changeSeq: number;
  readonly needs: readonly StoredNeed[];
  /** True when a dry run (`map check`, Setup's own check) wrote it, not a sync. */
  readonly dryRun: boolean;
  readonly checkedAt: Date;
}

/** Replaces the organisation's summary for one source. */
export async function saveNeedsCheck(
  db: Queryable,
  check: Omit<NeedsCheck, 'checkedAt'>,
): Promise<void> {
  await db.query(
    `INSERT INTO mapping_needs (tenant_id, source, entities, change_seq, needs, dry_run)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (tenant_id, source) DO UPDATE SET entities = excluded.entities,
       change_seq = excluded.change_seq, needs = excluded.needs, dry_run = excluded.dry_run,
       checked_at = now()`,
    [
      check.tenantId,
      check.source,
      check.entities,
      check.changeSeq,
      JSON.stringify(check.needs),
      check.dryRun,
    ],
  );
}

export async function readNeedsChecks(db: Queryable, tenantId: string): Promise<NeedsCheck[]> {
  const rows = await db.query<{
    source: string;
    entities: string[];
    change_seq: string | number;
    needs: StoredNeed[];
    dry_run: boolean;
    checked_at: Date;
  }>(
    `SELECT source, entities, change_seq, needs, dry_run, checked_at FROM mapping_needs
     WHERE tenant_id = $1 ORDER BY source`,
    [tenantId],
  );
  return rows.map((r) => ({
    tenantId,
    source: r.source,
    entities: r.entities,
    changeSeq: Number(r.change_seq),
    needs: r.needs,
    dryRun: r.dry_run,
    checkedAt: new Date(r.checked_at),
  }));
}
