/**
 * Mappings: PMS values → Xero values per organisation (and optionally per source):
 * line kind → account, category → account, tax code → tax type, payment method → account,
 * rounding → account.
 *
 * @module
 */
import type { Queryable } from './database.js';

export type MappingType =
  | 'line_kind_account'
  | 'category_account'
  | 'tax_code'
  | 'payment_method_account'
  | 'tracking'
  | 'rounding_account'
  /** A ledger bank account name → a Xero BANK account code (bank transactions, transfers). */
  | 'bank_account'
  /** The organisation's trust bank account (key '*'): a Xero BANK account code (FEATURES B5). */
  | 'trust_bank_account'
  /** The organisation's trust liability account (key '*'): a LIABILITY class account code. */
  | 'trust_liability_account'
  /** The organisation's bad-debt account (key '*'): an EXPENSE class account code (FEATURES P9). */
  | 'bad_debt_account'
  /** The organisation's processor-fee account (key '*'): an EXPENSE class account (FEATURES P10). */
  | 'processor_fee_account';

export interface MappingRow {
  readonly tenantId: string;
  readonly source: string;
  readonly type: MappingType;
  readonly key: string;
  readonly value: string;
  readonly problem: string | null;
}

export async function putMapping(db: Queryable, m: Omit<MappingRow, 'problem'>): Promise<void> {
  await db.query(
    `INSERT INTO mappings (tenant_id, source, mapping_type, key, value) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, source, mapping_type, key) DO UPDATE SET value = excluded.value, problem = NULL, validated_at = NULL, updated_at = now()`,
    [m.tenantId, m.source, m.type, m.key, m.value],
  );
}

export type SeedMapping = Pick<MappingRow, 'type' | 'key' | 'value'>;

/**
 * Stores `seeds` as mappings (source `*`) for every organisation `source`'s entities route to,
 * each only where that organisation has no mapping of its type and key for all sources or for
 * this one: a default the PMS names never replaces a person's choice. Returns those inserted.
 */
export async function seedMappings(
  db: Queryable,
  source: string,
  seeds: readonly SeedMapping[],
): Promise<Omit<MappingRow, 'problem'>[]> {
  if (seeds.length === 0) return [];
  const rows = await db.query<{
    tenant_id: string;
    mapping_type: MappingType;
    key: string;
    value: string;
  }>(
    `INSERT INTO mappings (tenant_id, source, mapping_type, key, value)
     SELECT DISTINCT e.tenant_id, '*', s.type, s.key, s.value
     FROM entities e CROSS JOIN jsonb_to_recordset($2::jsonb) AS s(type text, key text, value text)
     WHERE e.source = $1 AND e.tenant_id IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM mappings m WHERE m.tenant_id = e.tenant_id AND m.mapping_type = s.type
         AND m.key = s.key AND m.source IN ('*', $1))
     ON CONFLICT (tenant_id, source, mapping_type, key) DO NOTHING
     RETURNING tenant_id, mapping_type, key, value`,
    [source, JSON.stringify(seeds)],
  );
  return rows.map((r) => ({
    tenantId: r.tenant_id,
    source: '*',
    type: r.mapping_type,
    key: r.key,
    value: r.value,
  }));
}

export async function deleteMapping(
  db: Queryable,
  m: Pick<MappingRow, 'tenantId' | 'source' | 'type' | 'key'>,
): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'WITH d AS (DELETE FROM mappings WHERE tenant_id = $1 AND source = $2 AND mapping_type = $3 AND key = $4 RETURNING 1) SELECT count(*)::int AS n FROM d',
    [m.tenantId, m.source, m.type, m.key],
  );
  return rows[0]?.n ?? 0;
}

export async function listMappings(db: Queryable, tenantId?: string): Promise<MappingRow[]> {
  const rows = await db.query<{
    tenant_id: string;
    source: string;
    mapping_type: MappingType;
    key: string;
    value: string;
    problem: string | null;
  }>(
    'SELECT tenant_id, source, mapping_type, key, value, problem FROM mappings WHERE ($1::text IS NULL OR tenant_id = $1) ORDER BY tenant_id, mapping_type, source, key',
    [tenantId ?? null],
  );
  return rows.map((r) => ({
    tenantId: r.tenant_id,
    source: r.source,
    type: r.mapping_type,
    key: r.key,
    value: r.value,
    problem: r.problem,
  }));
}

export async function markMappingProblem(
  db: Queryable,
  m: Pick<MappingRow, 'tenantId' | 'source' | 'type' | 'key'>,
  problem: string | null,
): Promise<void> {
  await db.query(
    'UPDATE mappings SET problem = $5, validated_at = now() WHERE tenant_id = $1 AND source = $2 AND mapping_type = $3 AND key = $4',
    [m.tenantId, m.source, m.type, m.key, problem],
  );
}

/** A mapping to fix: found invalid against its organisation's chart, or its organisation gone. */
export interface MappingToFix {
  readonly tenantId: string;
  readonly organisation: string | null;
  readonly connected: boolean;
  readonly type: MappingType;
  readonly key: string;
  readonly value: string;
  readonly problem: string | null;
}

/**
 * Mappings no longer valid (a problem stored by re-validation) or whose organisation is no longer
 * connected (disconnected, replaced): the dashboard's banner, at most `limit`.
 */
export async function listMappingsToFix(db: Queryable, limit = 10): Promise<MappingToFix[]> {
  const rows = await db.query<{
    tenant_id: string;
    name: string | null;
    status: string | null;
    mapping_type: MappingType;
    key: string;
    value: string;
    problem: string | null;
  }>(
    `SELECT m.tenant_id, o.name, o.status, m.mapping_type, m.key, m.value, m.problem
     FROM mappings m LEFT JOIN organisations o ON o.tenant_id = m.tenant_id
     WHERE m.problem IS NOT NULL OR o.status IS DISTINCT FROM 'connected'
     ORDER BY o.name, m.mapping_type, m.key LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    tenantId: r.tenant_id,
    organisation: r.name,
    connected: r.status === 'connected',
    type: r.mapping_type,
    key: r.key,
    value: r.value,
    problem: r.problem,
  }));
}
