/**
 * An entity whose documents have no Xero organisation to go to is a sync error (issue 21, item
 * 11): nothing is guessed, and the people watching `errors`, the API, the dashboard and
 * `/metrics` see it — not only whoever reads `sync`'s printed output. One error per entity, not
 * per document: a new source's 100,000 documents must not become 100,000 rows. The error clears
 * once the entity is routed (save-route.ts, `map route`) or has no live documents left.
 *
 * @module
 */
import type { Database } from '../store/database.js';
import { listUnroutedEntities, type UnroutedEntity } from '../store/sources-repo.js';
import {
  clearNotRoutedErrors,
  ENTITY_SUBJECT,
  pageOpenSyncErrors,
  recordSyncErrors,
  type SyncErrorInput,
} from '../store/sync-errors-repo.js';

const CODE = 'LB_SYNC_NOT_ROUTED';

/**
 * The unrouted entities (of one source, or all), their errors opened and the errors of entities
 * routed since cleared. A dry run only reads. Every organisation's pass calls this, so in the
 * steady state it only reads: an entity already reported is not written again, and the store is
 * written only when an error opens or one is left to clear.
 */
export async function reportUnroutedEntities(
  db: Database,
  options: { readonly source?: string | undefined; readonly dryRun?: boolean } = {},
): Promise<UnroutedEntity[]> {
  const unrouted = await listUnroutedEntities(db);
  if (!options.dryRun) {
    const open = await pageOpenSyncErrors(db, { afterId: 0, limit: 10_000, code: CODE });
    const reported = new Set(open.map((e) => keyOf(e.source, e.sourceId)));
    const current = new Set(unrouted.map((u) => keyOf(u.source, u.entity)));
    const fresh = unrouted.filter((u) => !reported.has(keyOf(u.source, u.entity)));
    const stale = open.some((e) => !current.has(keyOf(e.source, e.sourceId)));
    if (fresh.length > 0 || stale)
      await db.transaction(async (tx) => {
        await recordSyncErrors(tx, fresh.map(notRoutedError));
        await clearNotRoutedErrors(tx, unrouted);
      });
  }
  return options.source ? unrouted.filter((u) => u.source === options.source) : unrouted;
}

const keyOf = (source: string, entity: string) => `${source}\0${entity}`;

export function notRoutedError(u: UnroutedEntity): SyncErrorInput {
  const name = u.displayName && u.displayName !== u.entity ? ` (${u.displayName})` : '';
  return {
    source: u.source,
    kind: ENTITY_SUBJECT,
    sourceId: u.entity,
    tenantId: null,
    code: CODE,
    message: `Entity ${u.entity}${name} of ${u.source} has documents but no Xero organisation: none of them is sent to Xero until it has one`,
    fix: `Choose its Xero organisation on the dashboard's Setup page, or run \`ledgerbridge map route ${u.source}/${u.entity} TENANT_ID\` (\`ledgerbridge status\` lists the tenant ids).`,
  };
}
