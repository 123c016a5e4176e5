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

/** A pulled source's cursor (sources/cursor.ts), or undefined before its first pull. */
export async function readSourceCursor(
  db: Queryable,
  name: string,
): Promise<Record<string, unknown> | undefined> {
  const [row] = await db.query<{ cursor: Record<string, unknown> | null }>(
    'SELECT cursor FROM sources WHERE name = $1',
    [name],
  );
  return row?.cursor ?? undefined;
}

/**
 * Saves a source's cursor. Called inside the transaction that stores the page it follows, so
 * the two commit together (FEATURES S2: a crash resumes, nothing skipped). Undefined clears it.
 */
export async function saveSourceCursor(
  db: Queryable,
  name: string,
  cursor: Readonly<Record<string, unknown>> | undefined,
): Promise<void> {
  await db.query('UPDATE sources SET cursor = $2::jsonb, updated_at = now() WHERE name = $1', [
    name,
    cursor === undefined ? null : JSON.stringify(cursor),
  ]);
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

/** Names an entity for people (a Cliniko business's name); creates it if new. */
export async function nameEntity(
  db: Queryable,
  source: string,
  entity: string,
  displayName: string,
): Promise<void> {
  await db.query(
    `INSERT INTO entities (source, entity, display_name) VALUES ($1, $2, $3)
     ON CONFLICT (source, entity) DO UPDATE SET display_name = excluded.display_name`,
    [source, entity, displayName],
  );
}

export async function listRoutes(db: Queryable): Promise<EntityRoute[]> {
  const rows = await db.query<{ source: string; entity: string; tenant_id: string | null }>(
    'SELECT source, entity, tenant_id FROM entities ORDER BY source, entity',
  );
  return rows.map((r) => ({ source: r.source, entity: r.entity, tenantId: r.tenant_id }));
}
