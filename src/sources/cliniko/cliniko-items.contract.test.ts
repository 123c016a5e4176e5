import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/support/backends.js';
import { clinicWorld, type ClinicWorld } from './test-support.js';

describe.each(BACKENDS)('Cliniko invoice items taken off an invoice on %s', (backend) => {
  let w: ClinicWorld | undefined;
  afterEach(async () => {
    await w?.dispose();
    w = undefined;
  });

  it('reads the invoice again when only /invoice_items/deleted shows the change', async () => {
    w = await clinicWorld(backend);
    const { control } = w.emulator;
    const clinic = control.seedClinic();
    const noCharge = control.putRecord('billable_items', {
      name: 'Follow-up call',
      item_code: 'FC',
      item_type: 'Service',
      price: '0.000',
      tax_id: clinic.taxIds.free,
    });
    const invoice = control.practice.createInvoice({
      patientId: clinic.patientIds[0]!,
      businessId: clinic.businessId,
      items: [
        { billableItemId: clinic.billableItemIds[0]! },
        // A no-charge item: taking it off changes none of the invoice's totals.
        { billableItemId: noCharge.id },
      ],
    });
    await w.pull();
    const lines = async () =>
      (
        (await w!.documents('invoice')).find((d) => d.source_id === invoice.id)!.content
          .lines as unknown[]
      ).length;
    expect(await lines()).toBe(2);

    const stamped = invoice.updated_at;
    const free = control.invoiceItems(invoice.id).find((i) => i.total_including_tax === '0.000')!;
    const after = control.practice.deleteInvoiceItem(free.id);
    expect(after.updated_at).toBe(stamped); // the invoice itself did not change
    const report = await w.pull();
    expect(report.counts).toMatchObject({ changed: 1, rejected: 0 });
    expect(await lines()).toBe(1);
    expect(control.stats().byEndpoint['GET /invoice_items/deleted']).toBeDefined();
  });

  it('gives a product line its product as category, priced from its price before tax', async () => {
    w = await clinicWorld(backend);
    const { control } = w.emulator;
    const clinic = control.seedClinic();
    const band = control.putRecord('products', {
      name: 'Theraband, 3 m',
      item_code: 'TB3',
      price_ex_tax: '12.350',
      tax_id: clinic.taxIds.gst,
    });
    const invoice = control.practice.createInvoice({
      patientId: clinic.patientIds[0]!,
      businessId: clinic.businessId,
      items: [{ billableItemId: clinic.billableItemIds[0]! }, { productId: band.id, quantity: 2 }],
    });
    const report = await w.pull();
    expect(report.counts.rejected).toBe(0);
    const pulled = (await w.documents('invoice')).find((d) => d.source_id === invoice.id)!;
    const lines = pulled.content.lines as Record<string, unknown>[];
    expect(lines[1]).toMatchObject({
      kind: 'product',
      category: 'Theraband, 3 m',
      description: 'Theraband, 3 m',
      quantity: '2',
      unitAmount: '13.585', // 12.35 and 10 % GST, as Cliniko prices items
      taxCode: 'GST',
    });
    expect(pulled.content.total).toBe('137.17');
  });
});
