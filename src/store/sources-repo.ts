/** Sources, their entities and each entity's route to a Xero organisation. */
import type { Queryable } from './database.js';

export type SourceKind = 'file' | 'push' | 'clio' | 'cliniko' | 'actionstep';

export interface SourceRow {
  readonly name: string;
  readonly kind: SourceKind;
  readonly settings: Record<string, unknown>;
}

/** Creates the source if new; an existing source keeps its kind and settings. */
export async function ensureSource(
  db: Queryable,
  name: string,
  kind: SourceKind,
): Promise<SourceRow> {
  const [row] = await db.query<{
    name: string;
    kind: SourceKind;
    settings: Record<string, unknown>;
  }>(
    `INSERT INTO sources (name, kind) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET updated_at = sources.updated_at
     RETURNING name, kind, settings`,
    [name, kind],
  );
  return row!;
}

export async function listSources(db: Queryable): Promise<SourceRow[]> {
  return db.query<{ name: string; kind: SourceKind; settings: Record<string, unknown> }>(
    'SELECT name, kind, settings FROM sources ORDER BY name',
  );
}

/** Creates the entity if new (no route yet). */
export async function ensureEntity(db: Queryable, source: string, entity: string): Promise<void> {
  await db.query(
    'INSERT INTO entities (source, entity) VALUES ($1, $2) ON CONFLICT (source, entity) DO NOTHING',
    [source, entity],
  );
}

/** Routes an entity's documents to an organisation (FEATURES R3). */
export async function routeEntity(
  db: Queryable,
  source: string,
  entity: string,
  tenantId: string | null,
): Promise<void> {
  await db.query(
    `INSERT INTO entities (source, entity, tenant_id) VALUES ($1, $2, $3)
     ON CONFLICT (source, entity) DO UPDATE SET tenant_id = excluded.tenant_id`,
    [source, entity, tenantId],
  );
}

export interface EntityRoute {
  readonly source: string;
  readonly entity: string;
  readonly tenantId: string | null;
}

export async function listRoutes(db: Queryable): Promise<EntityRoute[]> {
  const rows = await db.query<{ source: string; entity: string; tenant_id: string | null }>(
    'SELECT source, entity, tenant_id FROM entities ORDER BY source, entity',
  );
  return rows.map((r) => ({ source: r.source, entity: r.entity, tenantId: r.tenant_id }));
}
