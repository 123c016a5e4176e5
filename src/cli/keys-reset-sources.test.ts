/**
 * `keys reset` also drops PMS source credentials the current key cannot open (a Cliniko key
 * sealed under a lost LEDGERBRIDGE_SECRET_KEY), keeping the source itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from '../../test/support/run-main.js';
import { storeCredentials } from '../sources/credentials.js';
import { openStore } from '../store/index.js';
import { readSourceCredentials } from '../store/source-credentials-repo.js';
import { ensureSource, listSources } from '../store/sources-repo.js';
import { deriveSealingKey } from '../xero/token-crypto.js';

const work = mkdtempSync(join(tmpdir(), 'lb-keys-reset-sources-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const OLD = 'the-old-secret-key-that-was-lost-000001';
const NEW = 'the-new-secret-key-set-afterwards-00001';
const dataDir = join(work, 'store');
const env = { DATABASE_URL: undefined, LEDGERBRIDGE_DATA_DIR: dataDir };

describe('keys reset and source credentials', () => {
  it('drops the credentials a lost key sealed, keeps the source, and says to connect again', async () => {
    expect((await runMain(['init'], { env: { ...env, LEDGERBRIDGE_SECRET_KEY: NEW } })).code).toBe(
      0,
    );
    const { db } = await openStore({ dataDir, databaseUrl: undefined }, 'existing');
    try {
      await ensureSource(db, 'clinic', 'cliniko');
      await storeCredentials(db, deriveSealingKey(OLD), 'clinic', { apiKey: 'k-au1' }, {});
    } finally {
      await db.close();
    }
    const reset = await runMain(['keys', 'reset', '--yes'], {
      env: { ...env, LEDGERBRIDGE_SECRET_KEY: NEW },
    });
    expect(reset.stderr).toContain(
      'The stored credentials of 1 source cannot be opened either: clinic.',
    );
    expect(reset.stdout).toContain('Dropped the credentials of clinic: connect it again');
    expect(reset.code).toBe(0);
    const after = await openStore({ dataDir, databaseUrl: undefined }, 'existing');
    try {
      expect(await readSourceCredentials(after.db, 'clinic')).toBeUndefined();
      expect((await listSources(after.db)).map((s) => s.name)).toContain('clinic');
    } finally {
      await after.db.close();
    }
  });
});
