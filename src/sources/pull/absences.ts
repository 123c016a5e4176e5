/**
 * Deletions a PMS never reports, found by absence: a page's `listings` (source.ts) name every
 * record of a kind the PMS has now, so each stored live document of that kind they do not name
 * becomes a deletion marker on that page, stored through the same path as any other.
 *
 * @module
 */
import type { Queryable } from '../../store/database.js';
import { liveIdsNotListed } from '../../store/documents-repo.js';
import type { SourceDeletion, SourcePage } from '../source.js';

export async function withAbsences(
  db: Queryable,
  source: string,
  page: SourcePage,
): Promise<SourcePage> {
  if (!page.listings?.length) return page;
  const gone: SourceDeletion[] = [];
  for (const listing of page.listings)
    for (const sourceId of await liveIdsNotListed(db, source, listing.kind, listing.sourceIds))
      gone.push({ kind: listing.kind, sourceId });
  return { ...page, deletions: [...page.deletions, ...gone] };
}
