import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { newSyncWorld, type SyncWorld } from '../../test/support/sync-world.js';
import { disposeWorlds, TEST_SECRET } from '../../test/support/xero-world.js';
import { contactWriter } from '../sources/source-runtime.js';
import { loadConfig } from '../config/index.js';
import { startClioEmulator, type ClioEmulator } from '../sandbox/clio/index.js';
import { clioSource } from '../sources/clio/index.js';
import { connectFirm } from '../sources/clio/test-support.js';
import { storeCredentials } from '../sources/credentials.js';
import { pullSource } from '../sources/pull/pull-source.js';
import { listAudit } from '../store/audit-repo.js';
import { ensureSource, routeEntity } from '../store/sources-repo.js';
import { listOpenSyncErrors } from '../store/sync-errors-repo.js';
import { sealingKey } from '../xero/xero-runtime.js';

const FIRM = 1001;

interface LawFirm {
  readonly w: SyncWorld;
  readonly clio: ClioEmulator;
  /** Pull the firm from Clio, then sync it, with contacts written back as `sync` does. */
  readonly pass: () => Promise<void>;
}

/**
 * FEATURES C3 end to end: a law firm pulled from the Clio emulator and synced to the Xero sandbox;
 * a bookkeeper edits a contact in Xero; the next pass writes the edit back to Clio (through the
 * same writer `ledgerbridge sync` uses), the pull after brings it, and Xero keeps the bookkeeper's
 * values.
 */
describe.each(BACKENDS)('contacts edited in Xero, written back to Clio, on %s', (backend) => {
  let clio: ClioEmulator | undefined;
  afterEach(async () => {
    await clio?.stop();
    clio = undefined;
    await disposeWorlds();
  });

  async function lawFirm(): Promise<LawFirm> {
    const w = await newSyncWorld({ backend });
    const emulator = await startClioEmulator({
      rateLimit: { enabled: false },
      firms: [{ name: 'Harbour Law', region: 'us' }],
    });
    clio = emulator;
    emulator.control.seedLawFirm(FIRM);
    const config = loadConfig({
      env: { LEDGERBRIDGE_SECRET_KEY: TEST_SECRET, CLIO_BASE_URL: emulator.url },
    });
    const key = sealingKey(config);
    const source = await ensureSource(w.db, 'firm', 'clio');
    await storeCredentials(w.db, key, 'firm', await connectFirm(emulator, 'us', emulator.url), {});
    await routeEntity(w.db, 'firm', 'default', w.tenantId);
    return {
      w,
      clio: emulator,
      pass: async () => {
        const options = { baseUrl: emulator.url, overlapMs: 0 };
        await pullSource({ db: w.db, key, source, definition: clioSource, options });
        await w.sync({ source: 'firm' }, { contactWriter: contactWriter(config, w.db) });
      },
    };
  }

  /** The seeded firm also bills in USD, which the AU organisation refuses: only contacts matter here. */
  const contactErrors = async (w: SyncWorld) =>
    (await listOpenSyncErrors(w.db)).filter((e) => e.kind === 'contact');

  const contactNamed = (w: SyncWorld, start: string) =>
    w.xero('Contacts').find((c) => String(c.Name).startsWith(start))!;

  it('writes the edit back, records it, and the next pass leaves Xero as the bookkeeper left it', async () => {
    const { w, clio: emulator, pass } = await lawFirm();
    await pass();
    const northwind = contactNamed(w, 'Northwind');
    await new Promise((r) => setTimeout(r, 20));
    w.sandbox.control.bookkeeper.updateContact(w.tenantId, String(northwind.ContactID), {
      EmailAddress: 'ap@northwind.example',
      TaxNumber: '51 824 753 557',
    });
    await pass();
    const inClio = emulator.control
      .list(FIRM, 'contacts')
      .find((c) => String(c.name).startsWith('Northwind'))!;
    expect(inClio).toMatchObject({
      primary_email_address: 'ap@northwind.example',
      sales_tax_number: '51 824 753 557',
    });
    expect(await contactErrors(w)).toEqual([]);
    const audit = (await listAudit(w.db)).filter((a) => a.action === 'xero-edit-written-back');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ fields: ['EmailAddress', 'TaxNumber'] });
    await pass(); // the pull brings Clio's new version; pushing it changes nothing in Xero
    expect(contactNamed(w, 'Northwind')).toMatchObject({
      EmailAddress: 'ap@northwind.example',
      TaxNumber: '51 824 753 557',
    });
    expect(await contactErrors(w)).toEqual([]);
  });

  it("reports what Clio cannot take (a person's name) and keeps Xero's version", async () => {
    const { w, clio: emulator, pass } = await lawFirm();
    await pass();
    const chen = contactNamed(w, 'Maria Chen');
    await new Promise((r) => setTimeout(r, 20));
    w.sandbox.control.bookkeeper.updateContact(w.tenantId, String(chen.ContactID), {
      Name: 'Maria Chen-Li',
    });
    await pass();
    const [error] = await contactErrors(w);
    expect(error).toMatchObject({ code: 'LB_SYNC_XERO_EDIT', xeroMessage: 'Name: Maria Chen-Li' });
    expect(error!.message).toMatch(/not written back: .*first and last names/);
    expect(emulator.control.list(FIRM, 'contacts').some((c) => c.name === 'Maria Chen')).toBe(true);
    expect(contactNamed(w, 'Maria Chen')).toMatchObject({ Name: 'Maria Chen-Li' });
  });
});
