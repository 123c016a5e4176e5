import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, type FreshDatabase } from '../../../test/support/backends.js';
import { getDocument } from '../../store/documents-repo.js';
import { listRoutes } from '../../store/sources-repo.js';
import { importPath } from './import-path.js';
import type { ImportReport } from './import-report.js';
import { SAMPLES } from './test-support/files.js';

const perFile = (r: ImportReport) =>
  r.files.map((f) => [f.file.slice(SAMPLES.length + 1), f.added, f.changed, f.deleted, f.rejected]);

describe.each(BACKENDS)('the bundled demo samples on %s', (backend) => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await freshDatabase(backend);
  });
  afterAll(async () => fresh.dispose());
  const doc = (source: string, kind: 'invoice' | 'payment', sourceId: string) =>
    getDocument(fresh.db, { source, kind, sourceId });

  it('import cleanly: the clinic and the law firm with its two entities', async () => {
    const clinic = await importPath(fresh.db, join(SAMPLES, 'clinic'), { source: 'demo-clinic' });
    expect(perFile(clinic)).toEqual([
      ['clinic/01-patients.jsonl', 15, 0, 0, 0],
      ['clinic/02-invoices.jsonl', 40, 0, 0, 0],
      ['clinic/03-payments.jsonl', 35, 0, 0, 0],
    ]);
    const lawfirm = await importPath(fresh.db, join(SAMPLES, 'lawfirm'), {
      source: 'demo-lawfirm',
    });
    expect(perFile(lawfirm)).toEqual([
      ['lawfirm/01-clients.jsonl', 9, 0, 0, 0],
      ['lawfirm/02-invoices.jsonl', 21, 0, 0, 0],
      ['lawfirm/03-credit-notes.jsonl', 2, 0, 0, 0],
      ['lawfirm/04-payments.jsonl', 19, 0, 0, 0],
    ]);
    expect((await listRoutes(fresh.db)).map((r) => `${r.source}/${r.entity}`)).toEqual([
      'demo-clinic/default',
      'demo-lawfirm/office',
      'demo-lawfirm/trust',
    ]);
    const bill = await doc('demo-lawfirm', 'invoice', 'bill-CB-4410');
    expect(bill?.document).toMatchObject({
      type: 'bill',
      entity: 'office',
      status: 'awaiting_payment',
    });
  });

  it('later edits: a payment edited, a bill voided, an invoice edited, one new invoice and payment, one payment deleted', async () => {
    const clinic = await importPath(fresh.db, join(SAMPLES, 'clinic-later'), {
      source: 'demo-clinic',
    });
    expect(perFile(clinic)).toEqual([
      ['clinic-later/01-invoices.jsonl', 1, 3, 0, 0],
      ['clinic-later/02-payments.jsonl', 1, 1, 1, 0],
    ]);
    expect((await doc('demo-clinic', 'payment', 'pay-7003'))?.document).toMatchObject({
      date: '2026-10-04',
    });
    expect((await doc('demo-clinic', 'invoice', 'inv-5007'))?.document.status).toBe('void');
    expect((await doc('demo-clinic', 'invoice', 'inv-5014'))?.document).toMatchObject({
      total: '176.36',
    });
    expect((await doc('demo-clinic', 'payment', 'pay-7009'))?.deletedAt).toBeInstanceOf(Date);
    expect((await doc('demo-clinic', 'payment', 'pay-7100'))?.document).toMatchObject({
      invoiceId: 'inv-5041',
    });

    const lawfirm = await importPath(fresh.db, join(SAMPLES, 'lawfirm-later'), {
      source: 'demo-lawfirm',
    });
    expect(lawfirm.totals).toMatchObject({ added: 2, changed: 4, deleted: 1, rejected: 0 });
    expect((await doc('demo-lawfirm', 'invoice', 'bill-CB-4410'))?.document.status).toBe('void');
    expect((await doc('demo-lawfirm', 'payment', 'rcpt-6009'))?.deletedAt).toBeInstanceOf(Date);
  });
});
