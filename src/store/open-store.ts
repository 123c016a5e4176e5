/**
 * Opens the store the configuration names: PostgreSQL when DATABASE_URL is set, else the
 * embedded PGlite directory. `init` creates and migrates; `existing` refuses to create anything
 * and checks the schema is the one this version knows.
 *
 * @module
 */
import type { Config } from '../config/index.js';
import type { Database } from './database.js';
import { leaseHeldStore } from './held-store.js';
import { assertCurrent, migrate, type MigrationReport } from './migrator.js';

export type OpenMode = 'init' | 'existing';

export interface OpenedStore {
  readonly db: Database;
  readonly schemaVersion: number;
  /** Present when `init` ran the migrator. */
  readonly migration?: MigrationReport;
}

export async function openStore(
  config: Pick<Config, 'dataDir' | 'databaseUrl'> & Partial<Pick<Config, 'sync'>>,
  mode: OpenMode,
): Promise<OpenedStore> {
  // In the warm store process and in `serve`, the embedded store is open already (held-store.ts).
  const held = mode === 'existing' && !config.databaseUrl && leaseHeldStore(config.dataDir);
  if (held) return held;
  const db = await openBackend(config, mode);
  try {
    if (mode === 'init') {
      const migration = await migrate(db);
      return { db, schemaVersion: migration.version, migration };
    }
    return { db, schemaVersion: await assertCurrent(db) };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Only the configured backend's driver is loaded (pg and pg-copy-streams, or PGlite's JavaScript
 * and WASM glue): a command's start-up pays for one (bench/cli-startup.ts).
 */
async function openBackend(
  config: Pick<Config, 'dataDir' | 'databaseUrl'> & Partial<Pick<Config, 'sync'>>,
  mode: OpenMode,
): Promise<Database> {
  if (config.databaseUrl) {
    const { openPostgresDatabase } = await import('./postgres-database.js');
    // Organisation locks share one connection of their own (lock-session.ts); passes in flight
    // share the pool, mostly waiting on Xero between short statements: 5 for the rest of the
    // process and up to 20 more for passes, so two workers of 250 passes each stay well inside
    // PostgreSQL's default of 100 connections.
    const passes = Math.min(2 * (config.sync?.workerConcurrency ?? 0), 20);
    return openPostgresDatabase(config.databaseUrl, 5 + passes);
  }
  const { openPgliteDatabase } = await import('./pglite-database.js');
  return openPgliteDatabase({ dataDir: config.dataDir, create: mode === 'init' });
}
