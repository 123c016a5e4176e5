/**
 * `--full`: the import is everything the source has of the kinds it holds, so a live document of
 * those kinds (of this source only) that no file of the import listed is marked deleted. The
 * store's keys are streamed 5,000 at a time against the keys the import listed, and each page's
 * unlisted ones are marked in one short transaction.
 *
 * @module
 */
import type { DocumentKey, DocumentKind } from '../../ledger/index.js';
import type { Database } from '../../store/database.js';
import { streamLiveDocumentKeys } from '../../store/documents-bulk.js';
import { markDocumentsDeleted } from '../../store/documents-repo.js';
import { documentKey } from './import-issue.js';

const BATCH = 5_000;

export interface Listed {
  has(key: string): boolean;
}

export async function sweepUnlisted(
  db: Database,
  source: string,
  kinds: readonly DocumentKind[],
  listed: Listed,
): Promise<number> {
  if (kinds.length === 0) return 0;
  let deleted = 0;
  // Keyset pages (key > last key seen) are not shifted by marking earlier keys deleted.
  for await (const page of streamLiveDocumentKeys(db, source, kinds, BATCH)) {
    const gone: DocumentKey[] = page
      .filter((k) => !listed.has(documentKey(k.kind, k.sourceId)))
      .map((k) => ({ source, ...k }));
    if (gone.length > 0) deleted += await db.transaction((tx) => markDocumentsDeleted(tx, gone));
  }
  return deleted;
}
