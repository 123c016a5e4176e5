import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, type FreshDatabase } from '../../test/support/backends.js';
import { openPostgresDatabase } from './postgres-database.js';
import { assertCurrent, migrate, readSchemaVersion } from './migrator.js';
import { loadMigrations } from './migrations.js';

const latest = loadMigrations().at(-1)!.version;

describe.each(BACKENDS)('migrator on %s', (backend) => {
  let fresh: FreshDatabase;
  afterEach(async () => fresh?.dispose());

  it('creates every table once and is a no-op the second time', async () => {
    fresh = await freshDatabase(backend, { migrated: false });
    const first = await migrate(fresh.db);
    expect(first.applied).toEqual(loadMigrations().map((m) => m.version));
    const second = await migrate(fresh.db);
    expect(second).toEqual({ applied: [], version: latest });
    const tables = await fresh.db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'ledgerbridge' ORDER BY 1",
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        'audit_log',
        'documents',
        'entities',
        'intents',
        'links',
        'mappings',
        'organisations',
        'runs',
        'schema_migrations',
        'settings',
        'sources',
        'sync_errors',
      ]),
    );
    expect(await assertCurrent(fresh.db)).toBe(latest);
  });

  it('rolls back everything when a migration fails part-way', async () => {
    fresh = await freshDatabase(backend, { migrated: false });
    const broken = [
      { version: 1, name: 'good', sql: 'CREATE TABLE first_table (id int);' },
      {
        version: 2,
        name: 'bad',
        sql: 'CREATE TABLE second_table (id int); SELECT * FROM no_such_table;',
      },
    ];
    await expect(migrate(fresh.db, broken)).rejects.toMatchObject({ code: 'LB_MIGRATION_FAILED' });
    expect(await readSchemaVersion(fresh.db)).toBe(0);
    const [row] = await fresh.db.query<{ t: string | null }>(
      "SELECT to_regclass('ledgerbridge.first_table')::text AS t",
    );
    expect(row?.t).toBeNull();
  });

  it('refuses a store migrated by a newer version, changing nothing', async () => {
    fresh = await freshDatabase(backend);
    await fresh.db.query(
      "INSERT INTO schema_migrations (version, name) VALUES (999, 'from_the_future')",
    );
    await expect(migrate(fresh.db)).rejects.toMatchObject({ code: 'LB_STORE_TOO_NEW' });
    await expect(assertCurrent(fresh.db)).rejects.toMatchObject({
      code: 'LB_STORE_TOO_NEW',
      message: expect.stringContaining('schema 999') as unknown,
    });
  });

  it('refuses a "ledgerbridge" schema it did not make', async () => {
    fresh = await freshDatabase(backend, { migrated: false });
    await fresh.db.exec('CREATE SCHEMA ledgerbridge; CREATE TABLE ledgerbridge.other (x int);');
    await expect(migrate(fresh.db)).rejects.toMatchObject({ code: 'LB_STORE_FOREIGN' });
    await expect(assertCurrent(fresh.db)).rejects.toMatchObject({ code: 'LB_STORE_FOREIGN' });
  });

  it('reports an uninitialised store', async () => {
    fresh = await freshDatabase(backend, { migrated: false });
    await expect(assertCurrent(fresh.db)).rejects.toMatchObject({
      code: 'LB_STORE_NOT_INITIALISED',
    });
  });

  if (backend === 'postgres')
    it('serialises migrators that start at once', async () => {
      fresh = await freshDatabase(backend, { migrated: false });
      const others = await Promise.all([1, 2, 3].map(() => openPostgresDatabase(fresh.url!)));
      try {
        const reports = await Promise.all([fresh.db, ...others].map((db) => migrate(db)));
        const applied = reports.flatMap((r) => r.applied);
        expect(applied.sort((a, b) => a - b)).toEqual(loadMigrations().map((m) => m.version));
        expect(new Set(reports.map((r) => r.version))).toEqual(new Set([latest]));
      } finally {
        await Promise.all(others.map((db) => db.close()));
      }
    });
});
