import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/support/backends.js';
import { readSourceCredentials } from '../../store/source-credentials-repo.js';
import { readSourceCursor } from '../../store/sources-repo.js';
import { makeScaledClock } from '../../time/clock.js';
import { clinicWorld, SOURCE, type ClinicWorld } from './test-support.js';

describe.each(BACKENDS)('the Cliniko connector given bad input on %s', (backend) => {
  let w: ClinicWorld | undefined;
  afterEach(async () => {
    await w?.dispose();
    w = undefined;
  });

  it('rejects each bad record by document, field and value, and stores the rest', async () => {
    w = await clinicWorld(backend);
    const { control } = w.emulator;
    const clinic = control.seedClinic();
    const invoice = () =>
      control.practice.createInvoice({
        patientId: clinic.patientIds[0]!,
        businessId: clinic.businessId,
        items: [{ billableItemId: clinic.billableItemIds[2]! }],
      });
    const itemOf = (id: string) => control.invoiceItems(id)[0]!.id;
    const nameless = control.putRecord('patients', {
      first_name: ' ',
      last_name: null,
      email: null,
    });
    const edits: [string, Record<string, unknown>][] = [
      ['tax_name', { tax_name: 'VAT 99' }],
      ['quantity', { quantity: -1 }],
      ['unit_price', { unit_price: '10.12345' }],
    ];
    const bad = edits.map(([, fields]) => {
      const made = invoice();
      control.editRecord('invoice_items', itemOf(made.id), fields);
      return made;
    });
    const undated = control.editRecord('invoices', invoice().id, { issue_date: null });
    const fourPlaces = invoice();
    control.editRecord('invoice_items', itemOf(fourPlaces.id), { unit_price: '13.5855' });

    const report = await w.pull();
    expect(report.status).toBe('partial');
    expect(report.counts.rejected).toBe(5);
    expect(report.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ document: `contact ${nameless.id}`, field: 'name', value: '' }),
        ...edits.map(([field, fields], i): unknown =>
          expect.objectContaining({
            document: `invoice ${String(bad[i]!.number)} (source id ${bad[i]!.id})`,
            field: `invoice_items[0].${field}`,
            value: Object.values(fields)[0],
          }),
        ),
        expect.objectContaining({
          document: `invoice ${String(undated.number)} (source id ${undated.id})`,
          field: 'issueDate',
          value: null,
        }),
      ]),
    );
    const stored = new Map((await w.documents('invoice')).map((d) => [d.source_id, d.content]));
    expect(stored.size).toBe(3 + 1);
    expect(stored.get(fourPlaces.id)).toMatchObject({ lines: [{ unitAmount: '13.5855' }] });
  });

  it('keeps the cursor at the last stored page when a page fails half-way, and the next pull skips nothing', async () => {
    w = await clinicWorld(backend);
    const { control } = w.emulator;
    control.generateInvoices(250);
    // Once the first page of invoices is stored, every further request for one fails. Batches of
    // 100 documents: the clinic's patients and contacts go with the first invoices, in one.
    const broken = await w.pull({
      batchDocuments: 100,
      onPage: (counts) => {
        if (counts.added >= 100)
          control.setFaults({ rules: [{ kind: 'http500', endpoint: 'GET /invoices' }] });
      },
    });
    expect(broken.status).toBe('failed');
    expect(broken.error?.code).toBe('LB_SOURCE_UNAVAILABLE');
    expect((await w.documents('invoice')).length).toBe(100);
    const cursor = await readSourceCursor(w.db, SOURCE);
    expect(cursor?.['/invoices']).toBeDefined();
    control.setFaults(undefined);
    const resumed = await w.pull();
    expect(resumed.status).toBe('succeeded');
    expect((await w.documents('invoice')).length).toBe(253);
  });

  it('marks the source "needs reconnecting" on a 401 mid-pull, with one refused request and none after', async () => {
    w = await clinicWorld(backend);
    const { control } = w.emulator;
    const world = w;
    const report = await w.pull({
      batchDocuments: 1, // each page stored alone: the key is revoked after the second
      onPage: (counts) => {
        if (counts.pages === 2) control.revokeApiKey(world.apiKey);
      },
    });
    expect(report.status).toBe('failed');
    expect(report.error?.code).toBe('LB_SOURCE_NEEDS_RECONNECT');
    expect(await readSourceCredentials(w.db, SOURCE)).toMatchObject({ status: 'needs_reconnect' });
    const refused = () =>
      Object.values(control.stats().byEndpoint).reduce((n, s) => n + (s['401'] ?? 0), 0);
    expect(refused()).toBe(1);
    const requests = control.stats().requests;
    await expect(w.pull()).rejects.toMatchObject({ code: 'LB_SOURCE_NEEDS_RECONNECT' });
    expect(control.stats().requests).toBe(requests);
  });

  it("waits out Cliniko's 429s and finishes the pull", async () => {
    const clock = makeScaledClock(600); // a minute's window passes in 100 ms
    w = await clinicWorld(backend, {
      clock,
      rateLimit: { enabled: true, limit: 4, windowSeconds: 60 },
    });
    const report = await w.pull({ clock, rateLimitPerMinute: Infinity });
    expect(report.status).toBe('succeeded');
    expect(w.emulator.control.stats().rateLimited).toBeGreaterThan(0);
    expect((await w.documents('invoice')).length).toBe(3);
  });
});
