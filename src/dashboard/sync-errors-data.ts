/**
 * The sync-errors page's data: open errors grouped by cause (the catalogue code), the first
 * {@link GROUP_LIMIT} of each group read on the (code, id) index, each with its document's Xero
 * id where it has been pushed.
 *
 * @module
 */
import { linkKey, xeroIdsOf } from '../store/links-repo.js';
import {
  countOpenSyncErrorsByCode,
  documentsOf,
  ENTITY_SUBJECT,
  pageOpenSyncErrors,
  type SyncErrorRow,
} from '../store/sync-errors-repo.js';
import type { Database } from '../store/database.js';

export const GROUP_LIMIT = 50;

export interface ErrorGroup {
  readonly code: string;
  readonly count: number;
  readonly errors: readonly SyncErrorRow[];
}

export interface SyncErrorsView {
  readonly groups: readonly ErrorGroup[];
  /** Xero ids of the errors' documents, by links-repo's linkKey. */
  readonly xeroIds: ReadonlyMap<string, string>;
}

export async function readSyncErrors(db: Database, tenantId?: string): Promise<SyncErrorsView> {
  const counts = await countOpenSyncErrorsByCode(db, tenantId);
  const groups = await Promise.all(
    counts.map(async ({ code, count }) => ({
      code,
      count,
      errors: await pageOpenSyncErrors(db, { afterId: 0, limit: GROUP_LIMIT, code, tenantId }),
    })),
  );
  const xeroIds = await xeroIdsOf(db, documentsOf(groups.flatMap((g) => g.errors)));
  return { groups, xeroIds };
}

export const xeroIdOf = (view: SyncErrorsView, e: SyncErrorRow): string | undefined =>
  e.kind === ENTITY_SUBJECT
    ? undefined
    : view.xeroIds.get(linkKey({ ...e, kind: e.kind }, e.tenantId));
