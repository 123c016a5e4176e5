/**
 * Deletions a PMS never reports, found by absence: a page's `listings` (source.ts) name every
 * record of a kind the PMS has now, so each stored live document of that kind they do not name
 * becomes a deletion marker on that page, stored through the same path as any other.
 *
 * @module
 */
import type { Queryable } from '../../store/database.js';
import { liveNotListed } from '../../store/documents-repo.js';
import type { DocumentKind } from '../../ledger/index.js';
import type { SourcePage } from '../source.js';

export async function withAbsences(
  db: Queryable,
  source: string,
  page: SourcePage,
): Promise<SourcePage> {
  if (!page.listings?.length) return page;
  const marked = new Set(page.deletions.map((d) => `${d.kind}\0${d.sourceId}`));
  const gone = (await liveNotListed(db, source, page.listings))
    .filter((g) => !marked.has(`${g.kind}\0${g.sourceId}`))
    .map((g) => ({ kind: g.kind as DocumentKind, sourceId: g.sourceId }));
  return { ...page, deletions: [...page.deletions, ...gone] };
}
