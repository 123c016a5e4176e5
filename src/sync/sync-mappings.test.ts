import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { newSyncWorld, type SyncWorld } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { trackInXero } from '../../test/support/sandbox-cli.js';
import {
  exampleContact,
  exampleCreditNote,
  exampleInvoice,
  examplePayment,
} from '../ledger/test-support/examples.js';
import { listOpenSyncErrors } from '../store/sync-errors-repo.js';
import { putMapping } from '../store/mappings-repo.js';

/** The docs' INV-1001: its consultation is tracked to "Dr Lee", whom the sandbox does not have. */
const drLeeInvoice = {
  ...exampleInvoice,
  lines: exampleInvoice.lines.map((l, i) =>
    i === 0 ? { ...l, tracking: [{ category: 'Practitioner', option: 'Dr Lee' }] } : l,
  ),
};

/** Xero's tracking: Practitioner (Dr Okafor only) and Region (North). */
const trackInSandbox = (w: SyncWorld) =>
  trackInXero(w.sandbox, w.tenantId, { Practitioner: ['Dr Okafor'], Region: ['North'] });

describe.each(BACKENDS)('mappings the documents need, on %s', (backend) => {
  afterEach(disposeWorlds);

  it('a tracking option Xero lacks is a missing mapping; the credit note allocated to its invoice is listed, naming it', async () => {
    const w = await newSyncWorld({ backend });
    trackInSandbox(w);
    await w.ingest(exampleContact, drLeeInvoice, exampleCreditNote, examplePayment);

    const plan = await w.sync({ dryRun: true });
    const org = plan.organisations[0]!;
    expect(org.mappings.filter((m) => m.status !== 'mapped')).toEqual([
      expect.objectContaining({
        type: 'tracking',
        key: 'Practitioner=Dr Lee',
        documents: 1,
        status: 'missing',
      }),
    ]);
    // The credit note is created; only its allocation waits, as the payment does: neither is refused.
    expect(org.planned.operations.reject).toEqual({ invoice: 1 });
    expect(org.planned.operations.wait).toEqual({ credit_note: 1, payment: 1 });
    expect(org.planned.operations.create).toMatchObject({ credit_note: 1 });
    expect(plan.plan.detail.find((d) => d.kind === 'credit_note' && d.op === 'wait')).toEqual(
      expect.objectContaining({
        detail:
          'LB_SYNC_BLOCKED: Its allocation of 15.00 to invoice INV-1001 (source id INV-ID-77) waits: that invoice is not in Xero yet',
      }),
    );

    const run = await w.sync();
    expect(run.organisations[0]?.counts).toMatchObject({ rejected: 1, waiting: 2 });
    const errors = await listOpenSyncErrors(w.db);
    const byKind = new Map(errors.map((e) => [e.kind, e]));
    expect(byKind.get('invoice')).toMatchObject({ code: 'LB_MAPPING_MISSING' });
    expect(byKind.get('invoice')?.fix).toContain(
      'ledgerbridge map tracking "Practitioner=Dr Lee" "CATEGORY=OPTION"',
    );
    expect(byKind.get('credit_note')).toMatchObject({
      code: 'LB_SYNC_BLOCKED',
      message: expect.stringContaining('invoice INV-1001 (source id INV-ID-77)') as string,
    });
    expect(w.xero('CreditNotes')).toHaveLength(1);

    await putMapping(w.db, {
      tenantId: w.tenantId,
      source: '*',
      type: 'tracking',
      key: 'Practitioner=Dr Lee',
      value: 'Region=North',
    });
    const fixed = await w.sync();
    expect(fixed.organisations[0]).toMatchObject({ status: 'succeeded' });
    expect(await listOpenSyncErrors(w.db)).toEqual([]);
    const [invoice] = w.xero('Invoices');
    expect(invoice).toMatchObject({ AmountCredited: 15 });
    const lines = invoice!.LineItems as { Tracking: { Name: string; Option: string }[] }[];
    expect(lines[0]?.Tracking).toEqual([
      expect.objectContaining({ Name: 'Region', Option: 'North' }),
    ]);
  });

  it('an option Xero has is used as is, needing no mapping', async () => {
    const w = await newSyncWorld({ backend });
    trackInSandbox(w);
    const okafor = {
      ...drLeeInvoice,
      lines: [{ ...drLeeInvoice.lines[0], tracking: [{ category: 'practitioner', option: 'dr okafor' }] }], // prettier-ignore
      total: '110.00',
    };
    await w.ingest(exampleContact, okafor);
    const report = await w.sync();
    expect(report.organisations[0]?.mappings).toContainEqual(
      expect.objectContaining({ type: 'tracking', status: 'mapped', value: 'Practitioner=Dr Okafor' }), // prettier-ignore
    );
    expect(await listOpenSyncErrors(w.db)).toEqual([]);
    const lines = w.xero('Invoices')[0]!.LineItems as { Tracking: { Option: string }[] }[];
    expect(lines[0]?.Tracking[0]?.Option).toBe('Dr Okafor');
  });
});
