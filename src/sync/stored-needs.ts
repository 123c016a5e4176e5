/**
 * The needs summary a check leaves (store/mapping-needs-repo.ts) and how it reads back. Counts are
 * the check's; whether each need is mapped, missing or invalid is worked out again from the
 * mappings and chart at the moment it is read, so a mapping saved since shows at once. Pure.
 *
 * @module
 */
import type { StoredNeed } from '../store/mapping-needs-repo.js';
import type { MappingContext } from './mapping-context.js';
import { resolvedNeed, type MappingNeed } from './mapping-needs.js';
import { resolveNeed } from './resolve-need.js';

/** What of a tally's needs is stored: the need and its count, not how it resolved then. */
export function toStoredNeeds(needs: readonly MappingNeed[]): StoredNeed[] {
  return needs.map((n) => ({
    type: n.type,
    key: n.key,
    documents: n.documents,
    ...(n.categories && { categories: n.categories }),
  }));
}

/** The stored needs of one source, each resolved against the organisation's mappings now. */
export function resolveStoredNeeds(
  stored: readonly StoredNeed[],
  source: string,
  ctx: MappingContext,
): MappingNeed[] {
  return stored.map((n) => resolvedNeed(source, n, resolveNeed(ctx, n.type, n.key)));
}
