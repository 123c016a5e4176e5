/**
 * The lock on writing a source's documents, and the question it makes safe to ask: does the
 * source hold any document yet?
 *
 * An import that knows its source is empty can insert every document with a plain INSERT: no
 * `ON CONFLICT`, whose speculative insertion probes the primary key a second time and writes an
 * extra WAL record per row. Measured side by side on 200,000 one-line invoices (2 shared vCPUs):
 * 25–31 µs of server CPU a document without the clause, 36–37 with it; on the 1,000,000-document
 * import, the server's share fell from ~38 s to ~31–34 s. The first import of a practice's
 * history is the big one. The answer holds only while no one else writes the source, so it is
 * asked under this lock:
 *
 * - `exclusive` — held for the whole of a one-transaction file import (import-overlapped.ts);
 * - `shared` — held by each page transaction of the resumable import (apply-pass.ts), so pages of
 *   another import of the same source wait, and are never interleaved with a file that was told
 *   its source is empty.
 *
 * Any future writer of `documents` (a PMS connector, the push API) takes the shared lock too.
 * Should one not, the worst case is a unique-key error: the file's transaction rolls back whole.
 *
 * Transaction-level advisory locks (https://www.postgresql.org/docs/15/explicit-locking.html#ADVISORY-LOCKS)
 * end with the transaction, so a crash never leaves one behind.
 *
 * @module
 */
import type { Queryable } from './database.js';

/** The advisory lock space of "a source's documents" (two-key form: this, hashtext(source)). */
const SOURCE_DOCUMENTS_LOCK = 0x4c42_0001;

export type SourceLockMode = 'exclusive' | 'shared';

/** Takes the lock on writing `source`'s documents until the transaction ends (waits for it). */
export async function lockSourceDocuments(
  tx: Queryable,
  source: string,
  mode: SourceLockMode,
): Promise<void> {
  const fn = mode === 'exclusive' ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared';
  await tx.query(`SELECT ${fn}($1, hashtext($2))`, [SOURCE_DOCUMENTS_LOCK, source]);
}

/** Whether the store holds any document of `source`, live or deleted. */
export async function sourceHasDocuments(db: Queryable, source: string): Promise<boolean> {
  const [row] = await db.query<{ stored: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM documents WHERE source = $1) AS stored',
    [source],
  );
  return row?.stored ?? false;
}
