/**
 * Vitest global setup: one migrated PostgreSQL template database for the whole run, when the run
 * has DATABASE_URL. Each test's fresh database is a `CREATE DATABASE … TEMPLATE` of it
 * (backends.ts). Made once here rather than once per test file: the files share worker processes
 * (isolate: false in vitest.config.ts), so a per-file template dropped by one file's afterAll
 * would vanish under the next; and migrating once saves a migration run per file.
 */
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../src/store/migrator.js';
import { openPostgresDatabase } from '../../src/store/postgres-database.js';
import { admin, databaseUrl, postgresUrl } from './backends.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated template database's name (absent without DATABASE_URL). */
    postgresTemplate: string | undefined;
  }
}

export default async function postgresTemplate(
  project: TestProject,
): Promise<(() => Promise<void>) | undefined> {
  if (!postgresUrl) {
    project.provide('postgresTemplate', undefined);
    return undefined;
  }
  const name = `lb_tmpl_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const db = await openPostgresDatabase(databaseUrl(name));
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
  project.provide('postgresTemplate', name);
  return () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
