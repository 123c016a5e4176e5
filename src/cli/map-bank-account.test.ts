import { afterEach, describe, expect, it, vi } from 'vitest';
import { cliInProcess } from '../../test/support/cli-in-process.js';
import { BACKENDS } from '../../test/support/backends.js';
import { newSyncWorld, processEnv } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { listMappings } from '../store/mappings-repo.js';
import { bankTxn, transfer, VENDOR } from '../sync/test-support/banking-docs.js';

const cli = cliInProcess;

// PostgreSQL only: the CLI opens the store by its URL beside the test's own connection.
describe.skipIf(!BACKENDS.includes('postgres'))('map bank-account on postgres', () => {
  afterEach(async () => {
    vi.unstubAllEnvs();
    await disposeWorlds();
  });

  it('maps only to a BANK account of the chart, and map check lists the bank accounts the documents need', async () => {
    const w = await newSyncWorld({ backend: 'postgres' });
    for (const [k, v] of Object.entries(processEnv(w))) vi.stubEnv(k, v);
    await w.ingest(VENDOR, bankTxn(1), transfer(1));

    const revenue = await cli('map', 'bank-account', 'operating', '200');
    expect(revenue.code).toBe(1);
    expect(revenue.all).toContain(
      'Account 200 (bank account "operating") is not a bank account in Xero',
    );
    const unknown = await cli('map', 'bank-account', 'operating', '999');
    expect(unknown.all).toContain('Account 999 (bank account "operating") does not exist in Xero');
    expect(await listMappings(w.db, w.tenantId)).not.toContainEqual(
      expect.objectContaining({ type: 'bank_account' }),
    );

    const mapped = await cli('map', 'bank-account', 'operating', '090');
    expect(mapped.code).toBe(0);
    expect(mapped.all).toContain('Mapped bank-account "operating" → 090');

    const check = await cli('map', 'check');
    expect(check.code).toBe(3);
    expect(check.all).toContain('✓ mapped   bank account "operating" → 090 — 2 documents');
    expect(check.all).toContain('✗ missing  bank account "savings" — 1 document');
    expect(check.all).toContain('map bank-account "savings" ACCOUNT_CODE');
  }, 60_000);
});
