import { idempotencyKey } from '../../src/xero/idempotency-key.js';

/** Small Xero payloads for client tests (AU chart: 200 Sales, 090 bank, OUTPUT = GST on income). */
export function salesInvoice(n: number, contactName = 'Alex Morgan'): Record<string, unknown> {
  return {
    Type: 'ACCREC',
    Contact: { Name: contactName },
    InvoiceNumber: `T-${String(n).padStart(5, '0')}`,
    Reference: `test:${n}`,
    Date: '2026-11-02',
    DueDate: '2026-11-16',
    Status: 'AUTHORISED',
    LineAmountTypes: 'Inclusive',
    LineItems: [
      {
        Description: `Consultation ${n}`,
        Quantity: 1,
        UnitAmount: 110,
        AccountCode: '200',
        TaxType: 'OUTPUT',
      },
    ],
  };
}

/** Invoices first … first+count−1. */
export function invoiceBatch(first: number, count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => salesInvoice(first + i));
}

/** The key a sync would derive for this batch (documents = invoice numbers, version v1). */
export function batchKey(tenantId: string, elements: readonly Record<string, unknown>[]): string {
  return idempotencyKey(
    tenantId,
    'create-invoices',
    elements.map((e) => ({ key: `clinic/invoice/${String(e.InvoiceNumber)}`, version: 'v1' })),
  );
}
