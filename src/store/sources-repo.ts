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

/** An entity with live documents and no Xero organisation to send them to. */
export interface UnroutedEntity {
  readonly source: string;
  readonly entity: string;
  readonly displayName: string | null;
  /** Its live documents, counted up to {@link UNROUTED_COUNT_CAP} + 1 (enough to say "10,000+"). */
  readonly documents: number;
}

export const UNROUTED_COUNT_CAP = 10_000;

/**
 * Entities with no route that hold live documents (optionally of one source). The entities are
 * found on the documents-by-entity index by a skip scan — one probe per distinct (source, entity),
 * not a DISTINCT over every document — so an entity no writer listed in `entities` is found too;
 * each one's live documents are counted up to a cap: a new source's 100,000 cost no full count.
 */
export async function listUnroutedEntities(
  db: Queryable,
  source?: string,
): Promise<UnroutedEntity[]> {
  const rows = await db.query<{
    source: string;
    entity: string;
    display_name: string | null;
    documents: string | number;
  }>(
    `WITH RECURSIVE pairs (source, entity) AS (
       (SELECT source, entity FROM documents WHERE $1::text IS NULL OR source = $1
        ORDER BY source, entity LIMIT 1)
       UNION ALL
       SELECT n.source, n.entity FROM pairs p CROSS JOIN LATERAL (
         SELECT d.source, d.entity FROM documents d
         WHERE (d.source, d.entity) > (p.source, p.entity) AND ($1::text IS NULL OR d.source = $1)
         ORDER BY d.source, d.entity LIMIT 1) AS n
     )
     SELECT p.source, p.entity, e.display_name,
       (SELECT count(*) FROM (SELECT 1 FROM documents d WHERE d.source = p.source AND d.entity = p.entity
          AND d.deleted_at IS NULL LIMIT $2) AS x) AS documents
     FROM pairs p LEFT JOIN entities e ON e.source = p.source AND e.entity = p.entity
     WHERE e.tenant_id IS NULL ORDER BY p.source, p.entity`,
    [source ?? null, UNROUTED_COUNT_CAP + 1],
  );
  return rows
    .map((r) => ({
      source: r.source,
      entity: r.entity,
      displayName: r.display_name,
      documents: Number(r.documents),
    }))
    .filter((r) => r.documents > 0);
}

export async function listRoutes(db: Queryable): Promise<EntityRoute[]> {
  const rows = await db.query<{ source: string; entity: string; tenant_id: string | null }>(
    'SELECT source, entity, tenant_id FROM entities ORDER BY source, entity',
  );
  return rows.map((r) => ({ source: r.source, entity: r.entity, tenantId: r.tenant_id }));
}
