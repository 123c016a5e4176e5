/**
 * Runs the same store tests on both backends, each test in a fresh database: PGlite always, and
 * PostgreSQL when DATABASE_URL is set (as Kysely loops over DIALECTS, engineering-anchors §3.2).
 * CI sets LEDGERBRIDGE_TEST_REQUIRE_POSTGRES=1 so a missing DATABASE_URL fails loudly instead of
 * silently skipping half the suite.
 *
 * Fresh PGlite per test: one migrated in-memory template per worker process (test files share
 * them: isolate: false), its data directory dumped once and loaded per test. PGlite's clone()
 * dumps the template again every time: 0.4–0.6 s of a clone's ~1.5 s on a busy 2-core machine
 * (12-05), against ~4–6 s for a cold boot and migrations. Fresh PostgreSQL per test: CREATE
 * DATABASE from the run's migrated template (test/support/postgres-template.ts).
 */
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import type { Backend, Database } from '../../src/store/database.js';
import { migrate } from '../../src/store/migrator.js';
import { wrapPglite } from '../../src/store/pglite-database.js';
import { openPostgresDatabase } from '../../src/store/postgres-database.js';

export const postgresUrl = process.env.DATABASE_URL;
const requirePostgres = process.env.LEDGERBRIDGE_TEST_REQUIRE_POSTGRES === '1';

if (requirePostgres && !postgresUrl)
  throw new Error(
    'LEDGERBRIDGE_TEST_REQUIRE_POSTGRES=1 but DATABASE_URL is not set: the PostgreSQL half would be skipped',
  );

/** The backends this run covers. */
export const BACKENDS: readonly Backend[] = postgresUrl ? ['pglite', 'postgres'] : ['pglite'];

/**
 * One backend for tests whose subject is a sequence of real CLI processes, not the store's SQL:
 * PostgreSQL when the run has it (an embedded process boots PGlite, ~1.4 s a command, and these
 * tests run dozens), else PGlite. The embedded CLI is run end to end by src/cli/cli.test.ts and
 * the demo's tests; the store's queries on both backends by the store and sync tests.
 */
export const PROCESS_BACKENDS: readonly Backend[] = postgresUrl ? ['postgres'] : ['pglite'];

export interface FreshDatabase {
  readonly db: Database;
  /** For PostgreSQL: the URL of this test's own database. */
  readonly url?: string;
  dispose(): Promise<void>;
}

let pgliteTemplate: Promise<File | Blob> | undefined;
let pgliteBlank: Promise<File | Blob> | undefined;

/** A fresh, migrated database on `backend`; call dispose() when done. */
export async function freshDatabase(
  backend: Backend,
  options: { migrated?: boolean } = {},
): Promise<FreshDatabase> {
  const migrated = options.migrated ?? true;
  if (backend === 'pglite') {
    const source = migrated
      ? (pgliteTemplate ??= makePgliteTemplate(true))
      : (pgliteBlank ??= makePgliteTemplate(false));
    // What PGlite's clone() does, with the template's dump made once (a test never writes to it).
    const clone = await PGlite.create({ loadDataDir: await source });
    await clone.exec('SET search_path TO ledgerbridge, public');
    const db = wrapPglite(clone, 'memory');
    return { db, dispose: () => db.close() };
  }
  const name = `lb_test_${randomBytes(6).toString('hex')}`;
  const template = migrated ? migratedTemplate() : 'template0';
  await admin(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = databaseUrl(name);
  const db = await openPostgresDatabase(url);
  return {
    db,
    url,
    async dispose() {
      await db.close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** The data directory of a new in-memory PGlite, migrated or blank, as a tarball to load. */
async function makePgliteTemplate(migrated: boolean): Promise<File | Blob> {
  const db = await PGlite.create();
  try {
    if (migrated) await migrate(wrapPglite(db, 'memory'));
    return await db.dumpDataDir('none');
  } finally {
    await db.close();
  }
}

/** The run's migrated template database, made once by test/support/postgres-template.ts. */
function migratedTemplate(): string {
  const name = inject('postgresTemplate');
  if (!name) throw new Error('No PostgreSQL template: vitest.config.ts runs postgres-template.ts');
  return name;
}

/** DATABASE_URL with its database replaced by `name`. */
export function databaseUrl(name: string): string {
  const url = new URL(postgresUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
