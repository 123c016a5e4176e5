/**
 * Applies pending migrations in ONE transaction under an advisory lock, so two processes starting
 * at once serialise (the second finds nothing left to do) and a failure leaves the store exactly
 * as it was. Each migration's row is inserted before its SQL runs, as graphile-worker's
 * src/migrate.ts does, so a concurrent migrator that slipped past the lock would collide on the
 * primary key instead of applying twice.
 *
 * @module
 */
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import { STORE_SCHEMA, type Database, type Queryable } from './database.js';
import { loadMigrations, type Migration } from './migrations.js';

/** Arbitrary constant naming "Ledgerbridge migrations" among advisory locks (ASCII "LBMG"). */
const MIGRATION_LOCK = 0x4c424d47;

export interface MigrationReport {
  readonly applied: readonly number[];
  readonly version: number;
}

/** Brings the store to the newest schema this version knows. */
export async function migrate(
  db: Database,
  migrations: readonly Migration[] = loadMigrations(),
): Promise<MigrationReport> {
  const latest = migrations.at(-1)?.version ?? 0;
  try {
    return await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await bootstrap(tx);
      const current = await currentVersion(tx);
      if (current > latest) throw tooNew(db, current, latest);
      const applied: number[] = [];
      for (const m of migrations.filter((m) => m.version > current)) {
        await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          m.version,
          m.name,
        ]);
        await tx.exec(m.sql);
        applied.push(m.version);
      }
      return { applied, version: Math.max(current, latest) };
    });
  } catch (error) {
    if (error instanceof LedgerbridgeError) throw error;
    throw new LedgerbridgeError(
      'LB_MIGRATION_FAILED',
      `Migrating the store at ${db.location} failed: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/** The schema version without changing anything; 0 when the store was never initialised. */
export async function readSchemaVersion(db: Queryable): Promise<number> {
  const [row] = await db.query<{ present: boolean }>(
    `SELECT to_regclass('${STORE_SCHEMA}.schema_migrations') IS NOT NULL AS present`,
  );
  if (!row?.present) {
    await assertNotForeign(db);
    return 0;
  }
  return currentVersion(db);
}

/** Fails unless the store is initialised and at exactly this version's schema. */
export async function assertCurrent(
  db: Database,
  migrations: readonly Migration[] = loadMigrations(),
): Promise<number> {
  const latest = migrations.at(-1)?.version ?? 0;
  const version = await readSchemaVersion(db);
  if (version === 0)
    throw new LedgerbridgeError(
      'LB_STORE_NOT_INITIALISED',
      `The store at ${db.location} has no Ledgerbridge tables`,
    );
  if (version > latest) throw tooNew(db, version, latest);
  if (version < latest)
    throw new LedgerbridgeError(
      'LB_STORE_NOT_INITIALISED',
      `The store at ${db.location} is at schema ${version}; this version needs ${latest}`,
      {
        fix: 'Run `ledgerbridge init` to migrate it.',
      },
    );
  return version;
}

async function bootstrap(tx: Queryable): Promise<void> {
  await assertNotForeign(tx);
  await tx.exec(`
    CREATE SCHEMA IF NOT EXISTS ${STORE_SCHEMA};
    SET LOCAL search_path TO ${STORE_SCHEMA}, public;
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    );`);
}

/** A "ledgerbridge" schema without our bookkeeping table belongs to something else. */
async function assertNotForeign(db: Queryable): Promise<void> {
  const [row] = await db.query<{ schema: boolean; ours: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS schema,
            to_regclass('${STORE_SCHEMA}.schema_migrations') IS NOT NULL AS ours`,
    [STORE_SCHEMA],
  );
  if (row?.schema && !row.ours)
    throw new LedgerbridgeError(
      'LB_STORE_FOREIGN',
      `Schema "${STORE_SCHEMA}" exists but was not made by Ledgerbridge`,
      {
        fix: 'Use another database in DATABASE_URL, or drop that schema if it is unused.',
      },
    );
}

async function currentVersion(db: Queryable): Promise<number> {
  const [row] = await db.query<{ version: number | null }>(
    `SELECT max(version) AS version FROM ${STORE_SCHEMA}.schema_migrations`,
  );
  return row?.version ?? 0;
}

function tooNew(db: Database, found: number, latest: number): LedgerbridgeError {
  return new LedgerbridgeError(
    'LB_STORE_TOO_NEW',
    `The store at ${db.location} was migrated to schema ${found} by a newer Ledgerbridge; this version knows up to ${latest}`,
    {
      details: { found, latest },
    },
  );
}
