/**
 * Files the file drop has been given (migration 0003): what their bytes were and how far applying
 * them got, so `import --watch` skips an unchanged file and a re-run after a crash resumes.
 *
 * @module
 */
import type { Queryable } from './database.js';

export type FileImportState = 'applying' | 'applied' | 'rejected';

export interface FileIdentity {
  readonly source: string;
  /** Absolute path. */
  readonly path: string;
}

export interface FileFingerprint {
  readonly fileHash: string;
  readonly size: number;
  readonly mtimeNs: string;
}

export interface FileImportRow extends FileIdentity, FileFingerprint {
  readonly state: FileImportState;
  readonly pageSize: number;
  readonly partial: boolean;
  readonly runId: number | null;
  readonly stats: Record<string, unknown>;
}

export type PageCounts = Readonly<Record<string, number>>;

interface Row {
  source: string;
  path: string;
  file_hash: string;
  size: number;
  mtime_ns: string;
  state: FileImportState;
  page_size: number;
  partial: boolean;
  run_id: number | null;
  stats: Record<string, unknown>;
}

const toRow = (r: Row): FileImportRow => ({
  source: r.source,
  path: r.path,
  fileHash: r.file_hash,
  size: Number(r.size),
  mtimeNs: r.mtime_ns,
  state: r.state,
  pageSize: r.page_size,
  partial: r.partial,
  runId: r.run_id,
  stats: r.stats,
});

export async function findFileImport(
  db: Queryable,
  id: FileIdentity,
): Promise<FileImportRow | undefined> {
  const [row] = await db.query<Row>('SELECT * FROM file_imports WHERE source = $1 AND path = $2', [
    id.source,
    id.path,
  ]);
  return row && toRow(row);
}

/** Every file recorded for `source` (the watcher reads them once when it starts). */
export async function listFileImports(db: Queryable, source: string): Promise<FileImportRow[]> {
  const rows = await db.query<Row>('SELECT * FROM file_imports WHERE source = $1 ORDER BY path', [
    source,
  ]);
  return rows.map(toRow);
}

export interface BeginFileImport extends FileIdentity, FileFingerprint {
  readonly pageSize: number;
  readonly partial: boolean;
  readonly runId: number;
}

/**
 * Starts (or resumes) applying a file. An interrupted apply of the same bytes with the same page
 * size and rules keeps its committed pages, returned page → counts; anything else starts afresh.
 */
export async function beginFileImport(
  db: Queryable,
  begin: BeginFileImport,
): Promise<Map<number, PageCounts>> {
  const previous = await findFileImport(db, begin);
  const resumable =
    previous?.state === 'applying' &&
    previous.fileHash === begin.fileHash &&
    previous.pageSize === begin.pageSize &&
    previous.partial === begin.partial;
  if (!resumable)
    await db.query('DELETE FROM file_import_pages WHERE source = $1 AND path = $2', [
      begin.source,
      begin.path,
    ]);
  await db.query(
    `INSERT INTO file_imports (source, path, file_hash, size, mtime_ns, state, page_size, partial, run_id)
     VALUES ($1, $2, $3, $4, $5, 'applying', $6, $7, $8)
     ON CONFLICT (source, path) DO UPDATE SET file_hash = excluded.file_hash, size = excluded.size,
       mtime_ns = excluded.mtime_ns, state = 'applying', page_size = excluded.page_size,
       partial = excluded.partial, run_id = excluded.run_id, stats = '{}', started_at = now(),
       finished_at = NULL`,
    [
      begin.source,
      begin.path,
      begin.fileHash,
      begin.size,
      begin.mtimeNs,
      begin.pageSize,
      begin.partial,
      begin.runId,
    ],
  );
  if (!resumable) return new Map();
  const pages = await db.query<{ page: number; counts: PageCounts }>(
    'SELECT page, counts FROM file_import_pages WHERE source = $1 AND path = $2',
    [begin.source, begin.path],
  );
  return new Map(pages.map((p) => [p.page, p.counts]));
}

/** Records a committed page; call inside the page's own transaction. */
export async function recordFilePage(
  db: Queryable,
  id: FileIdentity,
  page: number,
  counts: PageCounts,
): Promise<void> {
  await db.query(
    'INSERT INTO file_import_pages (source, path, page, counts) VALUES ($1, $2, $3, $4::jsonb)',
    [id.source, id.path, page, JSON.stringify(counts)],
  );
}

/** Marks a file applied or rejected (pages are no longer needed once it is settled). */
export async function settleFileImport(
  db: Queryable,
  settle: FileIdentity &
    FileFingerprint & {
      readonly state: Exclude<FileImportState, 'applying'>;
      readonly pageSize: number;
      readonly partial: boolean;
      readonly runId: number;
      readonly stats: Record<string, unknown>;
    },
): Promise<void> {
  await db.query('DELETE FROM file_import_pages WHERE source = $1 AND path = $2', [
    settle.source,
    settle.path,
  ]);
  await db.query(
    `INSERT INTO file_imports (source, path, file_hash, size, mtime_ns, state, page_size, partial, run_id, stats, finished_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, now())
     ON CONFLICT (source, path) DO UPDATE SET file_hash = excluded.file_hash, size = excluded.size,
       mtime_ns = excluded.mtime_ns, state = excluded.state, page_size = excluded.page_size,
       partial = excluded.partial, run_id = excluded.run_id, stats = excluded.stats,
       finished_at = now()`,
    [
      settle.source,
      settle.path,
      settle.fileHash,
      settle.size,
      settle.mtimeNs,
      settle.state,
      settle.pageSize,
      settle.partial,
      settle.runId,
      JSON.stringify(settle.stats),
    ],
  );
}

/** The watcher saw the same bytes under a new modification time: remember it, skip hashing next time. */
export async function touchFileImport(
  db: Queryable,
  id: FileIdentity,
  mtimeNs: string,
): Promise<void> {
  await db.query('UPDATE file_imports SET mtime_ns = $3 WHERE source = $1 AND path = $2', [
    id.source,
    id.path,
    mtimeNs,
  ]);
}

/**
 * Claims a change set's record before applying it (the push API's `Idempotency-Key`): true when
 * this transaction inserted it. On PostgreSQL a concurrent claim of the same (source, path) waits
 * on the primary key until the first transaction ends, then finds its row: two requests with one
 * key never both apply.
 */
export async function claimFileImport(db: Queryable, begin: BeginFileImport): Promise<boolean> {
  const rows = await db.query<{ path: string }>(
    `INSERT INTO file_imports (source, path, file_hash, size, mtime_ns, state, page_size, partial, run_id)
     VALUES ($1, $2, $3, $4, '0', 'applying', $5, $6, $7)
     ON CONFLICT (source, path) DO NOTHING RETURNING path`,
    [
      begin.source,
      begin.path,
      begin.fileHash,
      begin.size,
      begin.pageSize,
      begin.partial,
      begin.runId,
    ],
  );
  return rows.length === 1;
}

/** Forgets a source's change sets under `prefix` settled before `before` (pushes past replay). */
export async function forgetFileImports(
  db: Queryable,
  source: string,
  prefix: string,
  before: Date,
): Promise<number> {
  const rows = await db.query<{ path: string }>(
    `DELETE FROM file_imports WHERE source = $1 AND starts_with(path, $2) AND finished_at < $3
     RETURNING path`,
    [source, prefix, before.toISOString()],
  );
  return rows.length;
}
