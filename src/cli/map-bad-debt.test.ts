import { afterEach, describe, expect, it, vi } from 'vitest';
import { cliInProcess } from '../../test/support/cli-in-process.js';
import { BACKENDS } from '../../test/support/backends.js';
import { invoice, newSyncWorld, processEnv } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { listMappings } from '../store/mappings-repo.js';
import { BAD_DEBTS, CLIENT, writeOff } from '../sync/test-support/payment-docs.js';

const cli = cliInProcess;

// PostgreSQL only: the CLI opens the store by its URL beside the test's own connection.
describe.skipIf(!BACKENDS.includes('postgres'))(
  'map bad-debt and processor-fees on postgres',
  () => {
    afterEach(async () => {
      vi.unstubAllEnvs();
      await disposeWorlds();
    });

    it('maps only to an active EXPENSE account of the chart, and map check lists the bad-debt account write-offs need', async () => {
      const w = await newSyncWorld({ backend: 'postgres' });
      for (const [k, v] of Object.entries(processEnv(w))) vi.stubEnv(k, v);
      w.sandbox.control.bookkeeper.createAccount(w.tenantId, {
        Code: BAD_DEBTS,
        Name: 'Bad Debts',
        Type: 'EXPENSE',
      });
      await w.ingest(CLIENT, invoice(1), writeOff(1, 1, '10.00'), writeOff(2, 1, '5.00'));

      const before = await cli('map', 'check');
      expect(before.code).toBe(3);
      expect(before.all).toContain('✗ missing  bad-debt account — 2 documents');
      expect(before.all).toContain('map bad-debt ACCOUNT_CODE');

      const revenue = await cli('map', 'bad-debt', '200');
      expect(revenue.code).toBe(1);
      expect(revenue.all).toContain(
        'Account 200 (bad-debt account) is a REVENUE account, not an expense in Xero',
      );
      expect(await listMappings(w.db, w.tenantId)).not.toContainEqual(
        expect.objectContaining({ type: 'bad_debt_account' }),
      );

      const mapped = await cli('map', 'bad-debt', BAD_DEBTS);
      expect(mapped.code).toBe(0);
      expect(mapped.all).toContain(`Mapped bad-debt → ${BAD_DEBTS}`);
      const after = await cli('map', 'check');
      expect(after.all).toContain(`✓ mapped   bad-debt account → ${BAD_DEBTS} — 2 documents`);

      // The processor-fee account (payouts, P10) is checked the same way.
      const fees = await cli('map', 'processor-fees', '090');
      expect(fees.all).toContain(
        'Account 090 (processor-fee account) is a BANK account, not an expense in Xero',
      );
      expect((await cli('map', 'processor-fees', '404')).all).toContain(
        'Mapped processor-fees → 404',
      );
    }, 60_000);
  },
);
