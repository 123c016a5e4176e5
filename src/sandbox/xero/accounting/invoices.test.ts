import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceTest } from '../test-support/conformance.js';
import {
  createInvoice,
  invoiceElement,
  list,
  messagesOf,
  pick,
  startTestSandbox,
  str,
} from '../test-support/harness.js';
import type { TestSandbox } from '../test-support/harness.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ region: 'NZ' });
});
afterAll(() => t.stop());

async function put(element: Record<string, unknown>, query = '?summarizeErrors=false') {
  return t.api('PUT', `/Invoices${query}`, { Invoices: [element] });
}

async function post(id: string, element: Record<string, unknown>) {
  return t.api('POST', `/Invoices/${id}`, { Invoices: [element] });
}

describe('totals: tax per line, rounded to 2 dp, then summed (reference §7)', () => {
  const lines = [25.06, 25.61, 25.63].map((UnitAmount) => ({
    Description: 'x',
    Quantity: 1,
    UnitAmount,
    AccountCode: '200',
  }));

  it('Exclusive: 25.06, 25.61, 25.63 at 15% give TotalTax 11.44, not 11.45', async () => {
    const res = await put(invoiceElement({ LineItems: lines, LineAmountTypes: 'Exclusive' }));
    expect(pick(res.body, 'Invoices.0.SubTotal')).toBe(76.3);
    expect(pick(res.body, 'Invoices.0.TotalTax')).toBe(11.44);
    expect(pick(res.body, 'Invoices.0.Total')).toBe(87.74);
    expect(list(res.body, 'Invoices.0.LineItems').map((l) => pick(l, 'TaxAmount'))).toEqual([
      3.76, 3.84, 3.84,
    ]);
  });

  it('Inclusive: tax = amount × 15/115 per line; Total is the sum of the lines', async () => {
    const res = await put(invoiceElement({ LineItems: lines, LineAmountTypes: 'Inclusive' }));
    expect(list(res.body, 'Invoices.0.LineItems').map((l) => pick(l, 'TaxAmount'))).toEqual([
      3.27, 3.34, 3.34,
    ]);
    expect(pick(res.body, 'Invoices.0.Total')).toBe(76.3);
    expect(pick(res.body, 'Invoices.0.TotalTax')).toBe(9.95);
    expect(pick(res.body, 'Invoices.0.SubTotal')).toBe(66.35);
  });

  it('NoTax: no tax at all', async () => {
    const res = await put(invoiceElement({ LineItems: lines, LineAmountTypes: 'NoTax' }));
    expect(pick(res.body, 'Invoices.0.TotalTax')).toBe(0);
    expect(pick(res.body, 'Invoices.0.Total')).toBe(76.3);
  });

  it('ignores a Total that does not equal the sum, and computes quantity × unit amount', async () => {
    const res = await put(
      invoiceElement({
        Total: 999,
        LineItems: [{ Description: 'x', Quantity: 3, UnitAmount: 33.333, AccountCode: '200' }],
      }),
    );
    expect(pick(res.body, 'Invoices.0.LineItems.0.UnitAmount')).toBe(33.33);
    expect(pick(res.body, 'Invoices.0.LineItems.0.LineAmount')).toBe(99.99);
    expect(pick(res.body, 'Invoices.0.Total')).toBe(114.99);
  });

  it('keeps 4-dp unit amounts with unitdp=4', async () => {
    const res = await put(
      invoiceElement({
        LineItems: [{ Description: 'x', Quantity: 3, UnitAmount: 33.3333, AccountCode: '200' }],
      }),
      '?summarizeErrors=false&unitdp=4',
    );
    expect(pick(res.body, 'Invoices.0.LineItems.0.UnitAmount')).toBe(33.3333);
    expect(pick(res.body, 'Invoices.0.LineItems.0.LineAmount')).toBe(100);
  });

  it('applies an ACCREC discount rate to the line amount', async () => {
    const res = await put(
      invoiceElement({
        LineItems: [
          { Description: 'x', Quantity: 2, UnitAmount: 50, DiscountRate: 10, AccountCode: '200' },
        ],
      }),
    );
    expect(pick(res.body, 'Invoices.0.LineItems.0.LineAmount')).toBe(90);
    expect(pick(res.body, 'Invoices.0.TotalDiscount')).toBe(10);
  });
});

describe('contact on a document (reference §6)', () => {
  it('needs ContactID, Name or ContactNumber', async () => {
    const res = await put(invoiceElement({ Contact: { EmailAddress: 'a@b.c' } }));
    expect(messagesOf(res.body, 'Invoices')).toEqual([
      'The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber',
    ]);
  });

  it('creates a contact for an unknown Name and reuses it afterwards', async () => {
    const a = await put(invoiceElement({ Contact: { Name: 'New Patient 1' } }));
    const b = await put(invoiceElement({ Contact: { Name: 'new patient 1' } }));
    expect(str(b.body, 'Invoices.0.Contact.ContactID')).toBe(
      str(a.body, 'Invoices.0.Contact.ContactID'),
    );
    const contact = await t.api('GET', `/Contacts/${str(a.body, 'Invoices.0.Contact.ContactID')}`);
    expect(pick(contact.body, 'Contacts.0.IsCustomer')).toBe(true);
  });

  it('finds a contact by ContactNumber', async () => {
    const c = await t.api('PUT', '/Contacts', {
      Contacts: [{ Name: 'Numbered Co', ContactNumber: 'PMS-77' }],
    });
    const res = await put(invoiceElement({ Contact: { ContactNumber: 'PMS-77' } }));
    expect(str(res.body, 'Invoices.0.Contact.ContactID')).toBe(str(c.body, 'Contacts.0.ContactID'));
  });

  it('refuses an archived contact', async () => {
    const c = await t.api('PUT', '/Contacts', { Contacts: [{ Name: 'Gone Away Ltd' }] });
    const id = str(c.body, 'Contacts.0.ContactID');
    await t.api('POST', `/Contacts/${id}`, { Contacts: [{ ContactStatus: 'ARCHIVED' }] });
    const res = await put(invoiceElement({ Contact: { ContactID: id } }));
    expect(messagesOf(res.body, 'Invoices')).toContain(
      'The contact is archived and cannot be used.',
    );
  });
});

describe('accounts and tax types on lines (reference §6)', () => {
  it('removes an unknown account code with a warning, and still creates the invoice', async () => {
    const res = await put(
      invoiceElement({
        Status: 'DRAFT',
        LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 10, AccountCode: '476' }],
      }),
    );
    expect(pick(res.body, 'Invoices.0.StatusAttributeString')).toBe('OK');
    expect(pick(res.body, 'Invoices.0.Warnings')).toEqual([
      {
        Message: "Account code ''476'' has been removed as it does not match a recognised account.",
      },
    ]);
    expect(pick(res.body, 'Invoices.0.LineItems.0.AccountCode')).toBeUndefined();
  });

  it('refuses an archived account', async () => {
    t.sandbox.control.bookkeeper.archiveAccount(t.tenantId, '408');
    const res = await put(
      invoiceElement({
        LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 10, AccountCode: '408' }],
      }),
    );
    expect(messagesOf(res.body, 'Invoices')).toEqual([
      "Account code '408' has been archived, or has been deleted. Each line item must reference a valid account.",
    ]);
  });

  it('refuses a bank account on a line and a tax type that does not suit the account', async () => {
    const bank = await put(
      invoiceElement({
        LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 10, AccountCode: '090' }],
      }),
    );
    expect(messagesOf(bank.body, 'Invoices')).toEqual([
      "Account code '090' is not a valid code for this document.",
    ]);
    const tax = await put(
      invoiceElement({
        LineItems: [
          { Description: 'x', Quantity: 1, UnitAmount: 10, AccountCode: '200', TaxType: 'INPUT2' },
        ],
      }),
    );
    expect(messagesOf(tax.body, 'Invoices')).toEqual([
      "The TaxType code 'INPUT2' cannot be used with account code '200'.",
    ]);
  });
});

describe('numbers (reference §7)', () => {
  it('generates INV- numbers and refuses a duplicate ACCREC number', async () => {
    const first = await put(invoiceElement({ InvoiceNumber: undefined }));
    expect(str(first.body, 'Invoices.0.InvoiceNumber')).toMatch(/^INV-\d{4}$/);
    await put(invoiceElement({ InvoiceNumber: 'PMS-1001' }));
    const dup = await put(invoiceElement({ InvoiceNumber: 'pms-1001' }));
    expect(pick(dup.body, 'Invoices.0.StatusAttributeString')).toBe('ERROR');
    expect(pick(dup.body, 'Invoices.0.HasErrors')).toBe(true);
    expect(messagesOf(dup.body, 'Invoices')).toEqual(['Invoice # must be unique.']);
  });

  it('lets ACCPAY bills share numbers', async () => {
    const bill = invoiceElement({
      Type: 'ACCPAY',
      InvoiceNumber: 'SUP-9',
      LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 10, AccountCode: '400' }],
    });
    await put(bill);
    const again = await put(bill);
    expect(pick(again.body, 'Invoices.0.StatusAttributeString')).toBe('OK');
  });

  it('POST upserts by InvoiceNumber', async () => {
    const id = await createInvoice(t, { InvoiceNumber: 'PMS-2001', Status: 'DRAFT' });
    const res = await t.api('POST', '/Invoices', {
      Invoices: [
        invoiceElement({ InvoiceNumber: 'PMS-2001', Status: 'DRAFT', Reference: 'updated' }),
      ],
    });
    expect(str(res.body, 'Invoices.0.InvoiceID')).toBe(id);
    expect(pick(res.body, 'Invoices.0.Reference')).toBe('updated');
  });

  it('GET by number as well as by id; 404 for neither', async () => {
    const id = await createInvoice(t, { InvoiceNumber: 'PMS-3001' });
    expect(pick((await t.api('GET', '/Invoices/PMS-3001')).body, 'Invoices.0.InvoiceID')).toBe(id);
    expect((await t.api('GET', '/Invoices/00000000-0000-0000-0000-000000000001')).status).toBe(404);
  });
});

describe('status transitions (reference §7)', () => {
  it('DRAFT → SUBMITTED → AUTHORISED → VOIDED, and VOIDED is final', async () => {
    const id = await createInvoice(t, { Status: 'DRAFT' });
    for (const status of ['SUBMITTED', 'AUTHORISED', 'VOIDED']) {
      const res = await post(id, { Status: status });
      expect(pick(res.body, 'Invoices.0.Status')).toBe(status);
    }
    const voided = await t.api('GET', `/Invoices/${id}`);
    expect(pick(voided.body, 'Invoices.0.AmountDue')).toBe(0);
    const again = await post(id, { Status: 'AUTHORISED' });
    expect(again.status).toBe(400);
    expect(messagesOf(again.body, 'Invoices')).toEqual([
      'Invoice not of valid status for modification',
    ]);
  });

  it('deletes drafts but not approved invoices', async () => {
    const draft = await createInvoice(t, { Status: 'DRAFT' });
    expect(pick((await post(draft, { Status: 'DELETED' })).body, 'Invoices.0.Status')).toBe(
      'DELETED',
    );
    const approved = await createInvoice(t);
    const res = await post(approved, { Status: 'DELETED' });
    expect(messagesOf(res.body, 'Invoices')).toEqual([
      'Invoice not of valid status for modification',
    ]);
  });

  it('refuses PAID or VOIDED on create', async () => {
    const res = await put(invoiceElement({ Status: 'PAID' }));
    expect(messagesOf(res.body, 'Invoices')).toEqual([
      'The status PAID cannot be used when creating a new invoice.',
    ]);
  });

  it('edits an approved invoice without payments and moves UpdatedDateUTC', async () => {
    const id = await createInvoice(t);
    const before = str((await t.api('GET', `/Invoices/${id}`)).body, 'Invoices.0.UpdatedDateUTC');
    t.clock.advance(5_000);
    const res = await post(id, {
      Reference: 'edited',
      LineItems: [{ Description: 'y', Quantity: 2, UnitAmount: 100, AccountCode: '200' }],
    });
    expect(pick(res.body, 'Invoices.0.Total')).toBe(230);
    expect(str(res.body, 'Invoices.0.UpdatedDateUTC')).not.toBe(before);
    expect(str(res.body, 'Invoices.0.UpdatedDateUTC')).toMatch(/^\/Date\(\d+\+0000\)\/$/);
  });

  it('answers an unknown InvoiceID with Xero text', async () => {
    const res = await t.api('POST', '/Invoices', {
      Invoices: [{ InvoiceID: '5b4e2a3f-0000-4000-8000-000000000000', Reference: 'x' }],
    });
    expect(res.status).toBe(400);
    expect(messagesOf(res.body, 'Invoices')).toEqual([
      'An existing Invoice with the specified InvoiceID could not be found',
    ]);
  });
});

describe('dates as Xero writes them', () => {
  it('Date / DateString / DueDate / UpdatedDateUTCString', async () => {
    const id = await createInvoice(t, {
      Date: '2018-10-20',
      DueDate: '2018-12-30',
      Status: 'DRAFT',
    });
    const inv = pick((await t.api('GET', `/Invoices/${id}`)).body, 'Invoices.0');
    expect(pick(inv, 'Date')).toBe('/Date(1539993600000+0000)/');
    expect(pick(inv, 'DateString')).toBe('2018-10-20T00:00:00');
    expect(pick(inv, 'DueDate')).toBe('/Date(1546128000000+0000)/');
    expect(pick(inv, 'UpdatedDateUTCString')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('accepts MS-JSON dates on input', async () => {
    const id = await createInvoice(t, { Date: '/Date(1539993600000+0000)/', Status: 'DRAFT' });
    expect(pick((await t.api('GET', `/Invoices/${id}`)).body, 'Invoices.0.DateString')).toBe(
      '2018-10-20T00:00:00',
    );
  });
});

describe('history (GET /Invoices/{id}/History)', () => {
  it('names who changed the invoice and when, newest first: the app through the API, the bookkeeper in Xero', async () => {
    const id = await createInvoice(t, { Status: 'AUTHORISED' });
    t.sandbox.control.bookkeeper.voidInvoice(t.tenantId, id);
    const res = await t.api('GET', `/Invoices/${id}/History`);
    const records = list(res.body, 'HistoryRecords');
    expect(records.map((r) => [pick(r, 'Changes'), pick(r, 'User')])).toEqual([
      ['Voided', 'Sandbox Bookkeeper'],
      ['Created', 'System Generated'],
    ]);
    expect(str(records[1], 'Details')).toMatch(/^Created through the Xero API using /);
    expect(str(records[0], 'DateUTC')).toMatch(/^\/Date\(\d+\+0000\)\/$/);
    expect(
      (await t.api('GET', '/Invoices/00000000-0000-4000-8000-000000000000/History')).status,
    ).toBe(404);
  });
});

conformanceTest(() => t.exchanges);
