/**
 * Routing an entity to an organisation (FEATURES R3): both must exist, then the route and its
 * audit entry are written together. One function for `PUT /api/routes/…` and the dashboard's
 * Setup page, so the two check the same things.
 *
 * @module
 */
import { notFound } from '../api/api-error.js';
import { readSourceViews } from '../cli/commands/sources.js';
import { appendAudit } from '../store/audit-repo.js';
import type { Database, Queryable } from '../store/database.js';
import { listOrganisations } from '../store/organisations-repo.js';
import { routeEntity } from '../store/sources-repo.js';
import { clearNotRoutedErrors } from '../store/sync-errors-repo.js';

export interface RouteChoice {
  readonly source: string;
  readonly entity: string;
  readonly tenantId: string;
}

export async function saveRoute(db: Database, route: RouteChoice, actor: string): Promise<void> {
  const known = (await listOrganisations(db)).some((o) => o.tenantId === route.tenantId);
  if (!known) throw notFound('organisation', route.tenantId);
  if (!(await readSourceViews(db)).some((s) => s.name === route.source))
    throw notFound('source', route.source);
  await db.transaction(async (tx) => {
    await writeRoute(tx, route);
    await appendAudit(tx, [
      {
        action: 'route.set',
        actor,
        source: route.source,
        tenantId: route.tenantId,
        detail: { entity: route.entity },
      },
    ]);
  });
}

/**
 * The route written and the entity's "not routed" sync error cleared with it (sync/not-routed.ts):
 * every way of routing an entity (the API, Setup, `map route`) goes through here.
 */
export async function writeRoute(tx: Queryable, route: RouteChoice): Promise<void> {
  await routeEntity(tx, route.source, route.entity, route.tenantId);
  await clearNotRoutedErrors(tx, [], route);
}
