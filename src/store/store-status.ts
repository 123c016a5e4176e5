/** What `ledgerbridge status` reports about the store: counts and the latest activity. */
import type { Database } from './database.js';
import { listOrganisations, type OrganisationRow } from './organisations-repo.js';
import { latestRuns, type RunRow } from './runs-repo.js';
import { listRoutes, listSources, type EntityRoute, type SourceRow } from './sources-repo.js';

export interface StoreStatus {
  readonly backend: Database['backend'];
  readonly location: string;
  readonly schemaVersion: number;
  readonly documents: Readonly<Record<string, { readonly live: number; readonly deleted: number }>>;
  readonly sources: readonly Pick<SourceRow, 'name' | 'kind'>[];
  readonly routes: readonly EntityRoute[];
  readonly organisations: readonly OrganisationRow[];
  readonly openSyncErrors: number;
  readonly lastRun: RunRow | null;
}

export async function readStoreStatus(db: Database, schemaVersion: number): Promise<StoreStatus> {
  const counts = await db.query<{ kind: string; live: number; deleted: number }>(
    `SELECT kind, count(*) FILTER (WHERE deleted_at IS NULL)::int AS live,
            count(*) FILTER (WHERE deleted_at IS NOT NULL)::int AS deleted
     FROM documents GROUP BY kind ORDER BY kind`,
  );
  const [errors] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM sync_errors WHERE cleared_at IS NULL',
  );
  const [lastRun] = await latestRuns(db, 1);
  return {
    backend: db.backend,
    location: db.location,
    schemaVersion,
    documents: Object.fromEntries(
      counts.map((c) => [c.kind, { live: c.live, deleted: c.deleted }]),
    ),
    sources: (await listSources(db)).map(({ name, kind }) => ({ name, kind })),
    routes: await listRoutes(db),
    organisations: await listOrganisations(db),
    openSyncErrors: errors?.n ?? 0,
    lastRun: lastRun ?? null,
  };
}
