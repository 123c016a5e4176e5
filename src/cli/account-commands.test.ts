/**
 * `users …` and `api-keys …` from the command line, on both store backends: accounts with roles,
 * never without an admin, passwords never on the command line, keys shown once and refused once
 * revoked, every change audited with who made it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase } from '../../test/support/backends.js';
import { runMain } from '../../test/support/run-main.js';
import { principalOfKey } from '../auth/api-keys.js';
import { listAudit } from '../store/audit-repo.js';
import type { Backend } from '../store/database.js';
import { openStore } from '../store/index.js';

const work = mkdtempSync(join(tmpdir(), 'lb-accounts-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const PASSWORD = 'correct horse battery staple';

async function storeEnv(backend: Backend) {
  if (backend === 'pglite')
    return { DATABASE_URL: undefined, LEDGERBRIDGE_DATA_DIR: join(work, 'store') };
  const fresh = await freshDatabase('postgres');
  await fresh.db.close();
  return { DATABASE_URL: fresh.url, LEDGERBRIDGE_DATA_DIR: undefined };
}

/** The store the CLI opened, opened here between commands. */
const storeOf = (env: {
  DATABASE_URL: string | undefined;
  LEDGERBRIDGE_DATA_DIR: string | undefined;
}) => ({
  dataDir: env.LEDGERBRIDGE_DATA_DIR ?? join(work, 'unused'),
  databaseUrl: env.DATABASE_URL,
});

describe.each(BACKENDS)('users and api-keys on %s', (backend) => {
  it('adds accounts with roles, keeps an admin, and makes, lists and revokes keys', async () => {
    const env = await storeEnv(backend);
    const cli = (args: string[], password?: string) =>
      runMain(args, { env: { ...env, LEDGERBRIDGE_USER_PASSWORD: password } });
    expect((await cli(['init'])).code).toBe(0);

    const refused = await cli(['users', 'add', 'ana@clinic.example', '--role', 'admin']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('LB_AUTH_PASSWORD_NEEDED');
    expect(
      (await cli(['users', 'add', 'ana@clinic.example', '--role', 'admin'], PASSWORD)).stdout,
    ).toBe('Added ana@clinic.example as admin.\n');
    const twice = await cli(['users', 'add', 'ana@clinic.example', '--role', 'viewer'], PASSWORD);
    expect(twice.stderr).toContain('LB_USER_EXISTS');
    expect(
      (await cli(['users', 'add', 'ben@firm.example', '--role', 'owner'], PASSWORD)).stderr,
    ).toContain('LB_ROLE_UNKNOWN');
    expect(
      (await cli(['users', 'add', 'ben@firm.example', '--role', 'viewer'], PASSWORD)).code,
    ).toBe(0);
    expect((await cli(['users', 'set-role', 'ben@firm.example', 'accountant'])).code).toBe(0);
    expect((await cli(['users', 'remove', 'ana@clinic.example'])).stderr).toContain(
      'LB_LAST_ADMIN',
    );
    const listed = JSON.parse((await cli(['users', 'list', '--json'])).stdout) as unknown[];
    expect(listed).toEqual([
      expect.objectContaining({ email: 'ana@clinic.example', role: 'admin' }),
      expect.objectContaining({ email: 'ben@firm.example', role: 'accountant' }),
    ]);

    const created = JSON.parse(
      (
        await cli([
          'api-keys',
          'create',
          '--role',
          'viewer',
          '--label',
          'month-end script',
          '--json',
        ])
      ).stdout,
    ) as { id: string; key: string };
    expect(created.key).toMatch(/^lbk_/);
    const keys = (await cli(['api-keys', 'list'])).stdout;
    expect(keys).toContain('month-end script');
    expect(keys).not.toContain(created.key);
    const { db } = await openStore(storeOf(env), 'existing');
    try {
      expect(await principalOfKey(db, created.key)).toMatchObject({ role: 'viewer' });
    } finally {
      await db.close();
    }
    expect((await cli(['api-keys', 'revoke', created.id])).code).toBe(0);
    expect((await cli(['api-keys', 'revoke', created.id])).stderr).toContain('LB_API_KEY_UNKNOWN');

    const after = await openStore(storeOf(env), 'existing');
    try {
      expect(await principalOfKey(after.db, created.key)).toBeUndefined();
      const audit = await listAudit(after.db);
      const actions = audit.map((a) => a.action);
      expect(actions).toEqual(
        expect.arrayContaining(['user.add', 'user.set-role', 'api-key.create', 'api-key.revoke']),
      );
      expect(audit.find((a) => a.action === 'user.add')?.actor).toMatch(/^cli:/);
    } finally {
      await after.db.close();
    }
  });

  it('init --admin-email creates the first admin once, and no second one', async () => {
    const env =
      backend === 'pglite'
        ? { DATABASE_URL: undefined, LEDGERBRIDGE_DATA_DIR: join(work, 'init-store') }
        : await storeEnv(backend);
    const init = (email: string, password?: string) =>
      runMain(['init', '--admin-email', email], {
        env: { ...env, LEDGERBRIDGE_USER_PASSWORD: password },
      });
    expect((await init('ana@clinic.example')).stderr).toContain('LB_AUTH_PASSWORD_NEEDED');
    const first = await init('ana@clinic.example', PASSWORD);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Added ana@clinic.example as admin.');
    expect((await init('ana@clinic.example')).stdout).toContain(
      'Kept ana@clinic.example as admin.',
    );
    const other = await init('ben@firm.example', PASSWORD);
    expect(other.stderr).toContain('has an admin already (ana@clinic.example)');
    const listed = JSON.parse(
      (await runMain(['users', 'list', '--json'], { env })).stdout,
    ) as unknown[];
    expect(listed).toEqual([
      expect.objectContaining({ email: 'ana@clinic.example', role: 'admin' }),
    ]);
  });
});
