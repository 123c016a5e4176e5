/**
 * Bulk document writes and key lookups for imports of a million documents.
 *
 * `upsertDocumentPairs` classifies rows exactly as `upsertDocuments` (documents-repo.ts) does —
 * inserted, changed, undeleted, unchanged; only a changed hash or a return from deletion moves
 * `changed_at` and `change_seq` — with three differences, each measured on 1,000,000 one-line
 * invoices (bench/import-throughput.ts):
 *
 * - The previous version is read with one primary-key probe per row (LATERAL … LIMIT 1). A plain
 *   join lets the planner hash-join against a sequential scan of `documents` whenever its
 *   statistics are stale — always on PGlite, which has no autovacuum — so every page rescanned the
 *   whole table (1 ms a document at 100,000 stored).
 * - The page arrives as `[[hash, document], …]` and the columns are read from the document, which
 *   carries source, entity, kind, status and updatedAt once validated: ~25% less JSON to parse.
 * - A row identical to the stored one (same hash, same updatedAt, not deleted) is not rewritten,
 *   so re-importing an unchanged file writes nothing; `last_seen_at` is then left as it was.
 * - New documents are inserted first (INSERT … ON CONFLICT DO NOTHING); only when some of the
 *   page already exists does the classifying upsert run, over the whole page. A first import —
 *   a million new documents — skips the previous-version probe and the classification: ~25%
 *   less work for the store per document. (A row that turns out to exist has drawn a change_seq
 *   all the same: the sequence gets gaps, as after a rollback; its order is what counts.)
 *
 * It returns counts, not a row per document: an import reports totals.
 *
 * @module
 */
import type { DocumentKind } from '../ledger/index.js';
import type { Queryable } from './database.js';
import { ON_CONFLICT_UPDATE, outcomeComparedWith, type UpsertOutcome } from './documents-repo.js';
import { JSONB_VERSION, JsonbBytes } from './jsonb-bytes.js';
import { DOCUMENT_ROW_COLUMNS, DocumentRowsBytes } from './document-rows-bytes.js';
import { PairsBytes } from './pairs-bytes.js';

export type UpsertCounts = Readonly<Record<UpsertOutcome, number>>;

const KEYED = `
  SELECT content->>'source' AS source, content->>'kind' AS kind, content->>'sourceId' AS source_id,
    content->>'entity' AS entity, content->>'status' AS status, hash, content,
    (content->>'updatedAt')::timestamptz AS source_updated_at
  FROM (SELECT e->>0 AS hash, e->1 AS content FROM jsonb_array_elements($1::jsonb) AS e) incoming`;

// The page's rows as they are: for a source with no documents at all, under its lock
// (source-lock.ts), nothing can conflict and this is the whole statement.
const INSERT_FRESH_SQL = `
INSERT INTO documents (source, kind, source_id, entity, status, hash, content, source_updated_at)
${KEYED}`;

// `keyed` appears once so the planner inlines it: referenced twice (to count the page as well)
// it was materialised, every document copied once more (~2-4 µs a document on PGlite).
const INSERT_NEW_SQL = `
WITH written AS (
  ${INSERT_FRESH_SQL}
  ON CONFLICT (source, kind, source_id) DO NOTHING
  RETURNING 1
)
SELECT count(*)::int AS inserted FROM written`;

const UPSERT_PAIRS_SQL = `
WITH keyed AS (${KEYED}), previous AS (
  SELECT k.source, k.kind, k.source_id, p.hash, p.deleted_at
  FROM keyed k CROSS JOIN LATERAL (
    SELECT d.hash, d.deleted_at FROM documents d
    WHERE d.source = k.source AND d.kind = k.kind AND d.source_id = k.source_id LIMIT 1) p
), written AS (
  INSERT INTO documents AS d (source, kind, source_id, entity, status, hash, content, source_updated_at)
  SELECT source, kind, source_id, entity, status, hash, content, source_updated_at FROM keyed
  ${ON_CONFLICT_UPDATE}
  WHERE d.hash <> excluded.hash OR d.deleted_at IS NOT NULL
     OR d.source_updated_at IS DISTINCT FROM excluded.source_updated_at
  RETURNING 1
)
SELECT ${outcomeComparedWith('k')} AS outcome, count(*)::int AS n
FROM keyed k LEFT JOIN previous p USING (source, kind, source_id)
GROUP BY 1`;

/**
 * Upserts one page of validated documents (source and entity filled in, keys unique within the
 * page), each given as the JSON text `[hash, document]` or those texts as bytes (PairsBytes). The
 * texts are joined as they are, so a caller that already holds each document's JSON never parses
 * or re-serialises it.
 */
export async function upsertDocumentPairs(db: Queryable, pairs: Pairs): Promise<UpsertCounts> {
  if (pairs instanceof DocumentRowsBytes) throw new Error('COPY rows can only be inserted fresh');
  const counts = { inserted: 0, changed: 0, undeleted: 0, unchanged: 0 };
  const size = pairCount(pairs);
  if (size === 0) return counts;
  const pairsJson = pairsParam(pairs);
  const [first] = await db.query<{ inserted: number }>(INSERT_NEW_SQL, [pairsJson]);
  counts.inserted = first?.inserted ?? 0;
  if (counts.inserted === size) return counts;
  const rows = await db.query<{ outcome: UpsertOutcome; n: number }>(UPSERT_PAIRS_SQL, [pairsJson]);
  for (const row of rows) counts[row.outcome] += row.n;
  // The rows the first statement inserted are now stored as given: the upsert saw them unchanged.
  counts.unchanged -= first?.inserted ?? 0;
  return counts;
}

/**
 * Inserts one page of documents of a source that held none when its writer took the source's
 * exclusive lock (source-lock.ts), so none of them can be stored already: a plain INSERT, without
 * the conflict check — or, for rows in COPY's format, a binary COPY on a connection that has one.
 * Should one exist after all, the unique key fails the statement (and the transaction) rather
 * than overwriting it.
 */
export async function insertFreshDocumentPairs(db: Queryable, pairs: Pairs): Promise<UpsertCounts> {
  const size = pairCount(pairs);
  if (size === 0) return { inserted: 0, changed: 0, undeleted: 0, unchanged: 0 };
  if (!(pairs instanceof DocumentRowsBytes)) await db.query(INSERT_FRESH_SQL, [pairsParam(pairs)]);
  else if (!db.copyIn) throw new Error('COPY rows need a connection that can COPY (PostgreSQL)');
  else await db.copyIn(COPY_FRESH_SQL, pairs.data());
  return { inserted: size, changed: 0, undeleted: 0, unchanged: 0 };
}

// The fresh insert as COPY, for a connection that has it (document-rows-bytes.ts).
const COPY_FRESH_SQL = `COPY documents (${DOCUMENT_ROW_COLUMNS}) FROM STDIN (FORMAT binary)`;

/**
 * A page's documents: JSON texts `[hash, document]`, those texts as bytes (pairs-bytes.ts), or
 * rows in COPY's binary format (document-rows-bytes.ts: a fresh insert only).
 */
export type Pairs = readonly string[] | PairsBytes | DocumentRowsBytes;

export const pairCount = (pairs: Pairs): number =>
  pairs instanceof PairsBytes || pairs instanceof DocumentRowsBytes ? pairs.count : pairs.length;

const VERSION_CHAR = String.fromCharCode(JSONB_VERSION);

/**
 * The page as a binary `jsonb` parameter either way: texts are joined and encoded to UTF-8 in one
 * native call. As a string, PGlite's protocol writer counted its UTF-8 length a character at a
 * time in JavaScript and copied it twice: of a 22,010-document pull's main thread, ~2.5 s of
 * ~20 (bench/pull.ts with LB_BENCH_CPU_PROFILE; each document ~760 bytes).
 */
const pairsParam = (pairs: readonly string[] | PairsBytes): JsonbBytes =>
  pairs instanceof PairsBytes
    ? pairs.param()
    : new JsonbBytes(Buffer.from(`${VERSION_CHAR}[${pairs.join(',')}]`, 'utf8'));

export interface KindAndId {
  readonly kind: DocumentKind;
  readonly sourceId: string;
}

/** Which of `keys` are live (stored, not deleted) in `source`. */
export async function findLiveDocuments(
  db: Queryable,
  source: string,
  keys: readonly KindAndId[],
): Promise<KindAndId[]> {
  if (keys.length === 0) return [];
  const rows = await db.query<{ kind: DocumentKind; source_id: string }>(
    `SELECT d.kind, d.source_id FROM jsonb_array_elements($2::jsonb) AS e
     CROSS JOIN LATERAL (
       SELECT kind, source_id FROM documents
       WHERE source = $1 AND kind = e->>0 AND source_id = e->>1 AND deleted_at IS NULL LIMIT 1) d`,
    [source, JSON.stringify(keys.map((k) => [k.kind, k.sourceId]))],
  );
  return rows.map((r) => ({ kind: r.kind, sourceId: r.source_id }));
}

/**
 * The live documents of `source` of the given kinds, a page at a time in key order (keyset
 * pagination on the primary key), so a million keys never sit in memory at once.
 */
export async function* streamLiveDocumentKeys(
  db: Queryable,
  source: string,
  kinds: readonly DocumentKind[],
  pageSize = 5_000,
): AsyncGenerator<KindAndId[]> {
  let after: [string, string] = ['', ''];
  for (;;) {
    const rows = await db.query<{ kind: DocumentKind; source_id: string }>(
      `SELECT kind, source_id FROM documents
       WHERE source = $1 AND kind = ANY($2::text[]) AND deleted_at IS NULL AND (kind, source_id) > ($3, $4)
       ORDER BY kind, source_id LIMIT $5`,
      [source, kinds, after[0], after[1], pageSize],
    );
    if (rows.length === 0) return;
    yield rows.map((r) => ({ kind: r.kind, sourceId: r.source_id }));
    const last = rows[rows.length - 1]!;
    after = [last.kind, last.source_id];
    if (rows.length < pageSize) return;
  }
}
