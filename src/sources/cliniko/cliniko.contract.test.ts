import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/support/backends.js';
import { readSourceCursor } from '../../store/sources-repo.js';
import { makeManualClock } from '../../time/clock.js';
import { clinicWorld, SOURCE, type ClinicWorld } from './test-support.js';

describe.each(BACKENDS)('the Cliniko connector against the emulator on %s', (backend) => {
  let w: ClinicWorld | undefined;
  afterEach(async () => {
    await w?.dispose();
    w = undefined;
  });

  it('pulls the clinic: patients and payers as contacts, its business as the entity, invoices to the cent, paid ones settled', async () => {
    w = await clinicWorld(backend);
    const clinic = w.emulator.control.seedClinic();
    const report = await w.pull();
    expect(report.status).toBe('succeeded');
    expect(report.counts).toMatchObject({ added: 5 + 1 + 3 + 1, rejected: 0 });
    const contacts = await w.documents('contact');
    expect(contacts.map((c) => c.content.name)).toEqual(
      expect.arrayContaining([
        'Alex Morgan',
        'Zoë Ó Briain',
        'ليلى حداد',
        '花子 山田',
        'Harbour Health Insurance',
      ]),
    );
    expect(contacts.every((c) => c.entity === clinic.businessId)).toBe(true);
    const [paid, open] = clinic.invoiceIds as [string, string];
    const invoices = await w.documents('invoice');
    // 64-bit ids arrive exactly, as text.
    expect(invoices.map((i) => i.source_id).sort()).toEqual([...clinic.invoiceIds].sort());
    const first = invoices.find((i) => i.source_id === paid)!.content;
    // 110.000 GST-free + 2 × 13.585 incl. GST = 137.170: Cliniko's total to the cent.
    expect(first).toMatchObject({
      status: 'paid',
      contactId: clinic.patientIds[0],
      currency: 'AUD',
      lineAmountType: 'inclusive',
      total: '137.17',
      lines: [
        {
          description: 'Initial consultation',
          quantity: '1',
          unitAmount: '110.00',
          taxCode: 'GST Free',
          category: 'Initial consultation',
          kind: 'time',
        },
        { description: 'Theraband', quantity: '2', unitAmount: '13.585', taxCode: 'GST' },
      ],
    });
    expect(invoices.find((i) => i.source_id === open)!.content.status).toBe('awaiting_payment');
    const [payment] = await w.documents('payment');
    expect(payment!.content).toMatchObject({
      sourceId: `${paid}-settlement`,
      invoiceId: paid,
      method: 'cliniko-clearing',
      amount: '137.17',
    });
    expect(await readSourceCursor(w.db, SOURCE)).toHaveProperty(['/invoices']);
  });

  it('with nothing changed, a pull changes nothing and makes at most one request per list', async () => {
    const clock = makeManualClock(Date.now());
    w = await clinicWorld(backend, { clock });
    clock.advance(10 * 60_000); // the clinic's last change is older than the 5-minute overlap
    await w.pull();
    w.emulator.control.resetStats();
    const again = await w.pull();
    expect(again.counts).toMatchObject({ added: 0, changed: 0, deleted: 0, rejected: 0 });
    const calls = w.emulator.control.stats().byEndpoint;
    for (const [endpoint, statuses] of Object.entries(calls))
      expect([endpoint, Object.values(statuses).reduce((a, b) => a + b, 0)]).toEqual([endpoint, 1]);
    expect(Object.keys(calls).sort()).toEqual([
      'GET /billable_items',
      'GET /businesses',
      'GET /contacts',
      'GET /invoice_items',
      'GET /invoice_items/deleted',
      'GET /invoices',
      'GET /invoices/deleted',
      'GET /patients',
      'GET /patients/deleted',
      'GET /practitioners',
      'GET /products',
      'GET /taxes',
    ]);
  });

  it("follows the practice's edits: paid, reopened, deleted, merged, archived and deleted patients", async () => {
    w = await clinicWorld(backend);
    const clinic = w.emulator.control.seedClinic();
    const practice = w.emulator.control.practice;
    await w.pull();
    const [paid, open, third] = clinic.invoiceIds as [string, string, string];
    const [alex, zoe, , , sam] = clinic.patientIds as [string, string, string, string, string];
    practice.reopenInvoice(paid);
    const closed = practice.closeInvoice(open);
    practice.deleteInvoice(third);
    practice.mergePatients(zoe, alex);
    practice.deletePatient(sam);
    const report = await w.pull();
    expect(report.status).toBe('succeeded');
    const byId = new Map((await w.documents()).map((d) => [`${d.kind}:${d.source_id}`, d]));
    expect(byId.get(`payment:${paid}-settlement`)?.deleted).toBe(true);
    expect(byId.get(`invoice:${paid}`)?.content.status).toBe('awaiting_payment');
    expect(byId.get(`payment:${open}-settlement`)?.content).toMatchObject({
      amount: '85.00',
      date: String(closed.closed_at).slice(0, 10),
    });
    expect(byId.get(`payment:${open}-settlement`)?.deleted).toBe(false);
    expect(byId.get(`invoice:${open}`)?.content.contactId).toBe(alex);
    expect(byId.get(`invoice:${third}`)?.deleted).toBe(true);
    expect(byId.get(`payment:${third}-settlement`)?.deleted ?? true).toBe(true);
    expect(byId.get(`contact:${zoe}`)?.content).toMatchObject({
      status: 'archived',
      mergedIntoId: alex,
    });
    expect(byId.get(`contact:${sam}`)?.deleted).toBe(true);
    expect(report.counts).toMatchObject({ added: 1, changed: 3, deleted: 3, rejected: 0 });
  });
});
