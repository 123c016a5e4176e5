/** What a test reads back from the store after an import. */
import type { Queryable } from '../../../store/database.js';

export interface StoredRow {
  readonly key: string;
  readonly hash: string;
  readonly deleted: boolean;
  readonly content: Record<string, unknown>;
}

/** Every document of a source, by "kind/sourceId", in key order. */
export async function storedDocuments(db: Queryable, source: string): Promise<StoredRow[]> {
  const rows = await db.query<{
    kind: string;
    source_id: string;
    hash: string;
    deleted_at: Date | null;
    content: Record<string, unknown>;
  }>(
    'SELECT kind, source_id, hash, deleted_at, content FROM documents WHERE source = $1 ORDER BY kind, source_id',
    [source],
  );
  return rows.map((r) => ({
    key: `${r.kind}/${r.source_id}`,
    hash: r.hash,
    deleted: r.deleted_at !== null,
    content: r.content,
  }));
}

/** "kind/sourceId" of the live documents. */
export async function liveKeys(db: Queryable, source: string): Promise<string[]> {
  return (await storedDocuments(db, source)).filter((d) => !d.deleted).map((d) => d.key);
}
