import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceTest } from '../test-support/conformance.js';
import {
  createInvoice,
  messagesOf,
  payInvoice,
  pick,
  startTestSandbox,
  str,
} from '../test-support/harness.js';
import type { TestSandbox } from '../test-support/harness.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ region: 'AU' });
});
afterAll(() => t.stop());

async function getInvoice(id: string): Promise<unknown> {
  return pick((await t.api('GET', `/Invoices/${id}`)).body, 'Invoices.0');
}

function payment(invoiceId: string, amount: number, extra: Record<string, unknown> = {}) {
  return {
    Invoice: { InvoiceID: invoiceId },
    Account: { Code: '090' },
    Date: '2026-03-12',
    Amount: amount,
    ...extra,
  };
}

describe('payments (reference §8)', () => {
  it('only against AUTHORISED documents', async () => {
    const draft = await createInvoice(t, { Status: 'DRAFT' });
    const res = await t.api('PUT', '/Payments?summarizeErrors=false', {
      Payments: [payment(draft, 10)],
    });
    expect(pick(res.body, 'Payments.0.HasValidationErrors')).toBe(true);
    expect(messagesOf(res.body, 'Payments')).toEqual([
      'Payments can only be made against Authorised documents',
    ]);
  });

  it('never more than is outstanding', async () => {
    const id = await createInvoice(t); // 110.00
    const res = await t.api('PUT', '/Payments?summarizeErrors=false', {
      Payments: [payment(id, 110.01)],
    });
    expect(messagesOf(res.body, 'Payments')).toEqual([
      'Payment amount exceeds the amount outstanding on this document',
    ]);
  });

  it('from a BANK account or one with EnablePaymentsToAccount', async () => {
    const id = await createInvoice(t);
    const sales = await t.api('PUT', '/Payments?summarizeErrors=false', {
      Payments: [payment(id, 10, { Account: { Code: '200' } })],
    });
    expect(messagesOf(sales.body, 'Payments')).toEqual([
      'Account type is invalid for making a payment to/from',
    ]);
    const clearing = await t.api('PUT', '/Accounts', {
      Code: '615',
      Name: 'Stripe Clearing',
      Type: 'CURRENT',
      EnablePaymentsToAccount: true,
    });
    expect(clearing.status).toBe(200);
    const ok = await t.api('PUT', '/Payments?summarizeErrors=false', {
      Payments: [payment(id, 10, { Account: { Code: '615' } })],
    });
    expect(pick(ok.body, 'Payments.0.StatusAttributeString')).toBe('OK');
    expect(pick(ok.body, 'Payments.0.PaymentType')).toBe('ACCRECPAYMENT');
  });

  it('goes PAID when AmountDue reaches 0, and back to AUTHORISED when a payment is deleted', async () => {
    const id = await createInvoice(t);
    const first = await payInvoice(t, id, 60);
    expect(pick(await getInvoice(id), 'Status')).toBe('AUTHORISED');
    expect(pick(await getInvoice(id), 'AmountDue')).toBe(50);
    await payInvoice(t, id, 50, '2026-03-14');
    const paid = await getInvoice(id);
    expect(pick(paid, 'Status')).toBe('PAID');
    expect(pick(paid, 'AmountPaid')).toBe(110);
    expect(pick(paid, 'FullyPaidOnDate')).toBe('/Date(1773446400000+0000)/');
    const del = await t.api('POST', `/Payments/${first}`, { Status: 'DELETED' });
    expect(del.status).toBe(200);
    expect(pick(del.body, 'Payments.0.Status')).toBe('DELETED');
    const due = await getInvoice(id);
    expect(pick(due, 'Status')).toBe('AUTHORISED');
    expect(pick(due, 'AmountDue')).toBe(60);
    expect(pick(due, 'FullyPaidOnDate')).toBeUndefined();
  });

  it('are immutable: only Status DELETED, and only once', async () => {
    const id = await createInvoice(t);
    const pay = await payInvoice(t, id, 10);
    const edit = await t.api('POST', `/Payments/${pay}`, { Status: 'AUTHORISED', Amount: 20 });
    expect(edit.status).toBe(400);
    expect(messagesOf(edit.body, 'Payments')).toEqual([
      'Payments cannot be modified, only created and deleted.',
    ]);
    await t.api('POST', `/Payments/${pay}`, { Status: 'DELETED' });
    const again = await t.api('POST', `/Payments/${pay}`, { Status: 'DELETED' });
    expect(messagesOf(again.body, 'Payments')).toEqual([
      'Payment not of valid status for modification',
    ]);
  });

  it('POST /Payments takes one payment and answers errors as a 400 ValidationException', async () => {
    const id = await createInvoice(t);
    const ok = await t.api('POST', '/Payments', payment(id, 5));
    expect(ok.status).toBe(200);
    const bad = await t.api('POST', '/Payments', payment(id, 1000));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      ErrorNumber: 10,
      Type: 'ValidationException',
      Message: 'A validation exception occurred',
    });
    expect(messagesOf(bad.body, 'Payments')).toEqual([
      'Payment amount exceeds the amount outstanding on this document',
    ]);
  });

  it('accepts an invoice by number, and lists payments', async () => {
    await createInvoice(t, { InvoiceNumber: 'PAY-BY-NUMBER' });
    const res = await t.api('PUT', '/Payments', {
      Payments: [
        {
          Invoice: { InvoiceNumber: 'PAY-BY-NUMBER' },
          Account: { Code: '090' },
          Date: '2026-03-12',
          Amount: 1,
        },
      ],
    });
    expect(res.status).toBe(200);
    const listed = await t.api(
      'GET',
      `/Payments?where=${encodeURIComponent('Reference==null && Status=="AUTHORISED"')}`,
    );
    expect(listed.status).toBe(200);
    expect((pick(listed.body, 'Payments') as unknown[]).length).toBeGreaterThan(0);
  });
});

describe('edits and voids with money allocated (reference §6)', () => {
  it('blocks edits with Xero text, but accepts a resend of the same document', async () => {
    const id = await createInvoice(t, { InvoiceNumber: 'LOCKED-1' });
    await payInvoice(t, id, 10);
    const edit = await t.api('POST', `/Invoices/${id}`, { Invoices: [{ Reference: 'changed' }] });
    expect(edit.status).toBe(400);
    expect(messagesOf(edit.body, 'Invoices')).toEqual([
      'This document cannot be edited as it has a payment or credit note allocated to it.',
    ]);
    const resend = await t.api('POST', `/Invoices/${id}`, {
      Invoices: [{ InvoiceNumber: 'LOCKED-1' }],
    });
    expect(resend.status).toBe(200);
  });

  it('blocks VOIDED and other statuses with Xero text', async () => {
    const id = await createInvoice(t);
    await payInvoice(t, id, 110);
    const voided = await t.api('POST', `/Invoices/${id}`, { Invoices: [{ Status: 'VOIDED' }] });
    expect(messagesOf(voided.body, 'Invoices')).toEqual([
      'The status VOIDED cannot be applied to the invoice because it has payments or credit notes allocated to it.',
    ]);
    const back = await t.api('POST', `/Invoices/${id}`, { Invoices: [{ Status: 'AUTHORISED' }] });
    expect(messagesOf(back.body, 'Invoices')).toEqual([
      'The status AUTHORISED cannot be applied to the invoice because it has payments or credit notes allocated to it.',
    ]);
  });

  it('allows the void once the payment is deleted', async () => {
    const id = await createInvoice(t);
    const pay = await payInvoice(t, id, 110);
    await t.api('POST', `/Payments/${pay}`, { Status: 'DELETED' });
    const voided = await t.api('POST', `/Invoices/${id}`, { Invoices: [{ Status: 'VOIDED' }] });
    expect(pick(voided.body, 'Invoices.0.Status')).toBe('VOIDED');
  });
});

describe('credit notes and allocations (reference §9)', () => {
  async function creditNote(extra: Record<string, unknown> = {}) {
    const res = await t.api('PUT', '/CreditNotes?summarizeErrors=false', {
      CreditNotes: [
        {
          Type: 'ACCRECCREDIT',
          Contact: { Name: 'Harbour Dental' },
          Date: '2026-03-11',
          Status: 'AUTHORISED',
          LineItems: [{ Description: 'Refund', Quantity: 1, UnitAmount: 40, AccountCode: '200' }],
          ...extra,
        },
      ],
    });
    return res;
  }

  it('numbers ACCRECCREDIT uniquely', async () => {
    const first = await creditNote();
    expect(str(first.body, 'CreditNotes.0.CreditNoteNumber')).toMatch(/^CN-\d{4}$/);
    await creditNote({ CreditNoteNumber: 'CR-7' });
    const dup = await creditNote({ CreditNoteNumber: 'CR-7' });
    expect(pick(dup.body, 'CreditNotes.0.HasErrors')).toBe(true);
    expect(messagesOf(dup.body, 'CreditNotes')).toEqual(['Credit Note # must be unique.']);
  });

  it('allocates to an invoice, both go PAID, and deleting the allocation undoes it', async () => {
    const invoice = await createInvoice(t, {
      LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 40, AccountCode: '200' }],
    });
    const note = str((await creditNote()).body, 'CreditNotes.0.CreditNoteID');
    const alloc = await t.api('PUT', `/CreditNotes/${note}/Allocations?summarizeErrors=false`, {
      Allocations: [{ Invoice: { InvoiceID: invoice }, Amount: 44, Date: '2026-03-12' }],
    });
    expect(pick(alloc.body, 'Allocations.0.StatusAttributeString')).toBe('OK');
    expect(pick(await getInvoice(invoice), 'Status')).toBe('PAID');
    expect(pick(await getInvoice(invoice), 'AmountCredited')).toBe(44);
    const cn = pick((await t.api('GET', `/CreditNotes/${note}`)).body, 'CreditNotes.0');
    expect(pick(cn, 'Status')).toBe('PAID');
    expect(pick(cn, 'RemainingCredit')).toBe(0);
    const del = await t.api(
      'DELETE',
      `/CreditNotes/${note}/Allocations/${str(alloc.body, 'Allocations.0.AllocationID')}`,
    );
    expect(pick(del.body, 'IsDeleted')).toBe(true);
    expect(pick(await getInvoice(invoice), 'Status')).toBe('AUTHORISED');
    expect(pick(await getInvoice(invoice), 'AmountDue')).toBe(44);
  });

  it('refuses more than the credit left', async () => {
    const invoice = await createInvoice(t, {
      LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 100, AccountCode: '200' }],
    });
    const note = str((await creditNote()).body, 'CreditNotes.0.CreditNoteID');
    const res = await t.api('PUT', `/CreditNotes/${note}/Allocations?summarizeErrors=false`, {
      Allocations: [{ Invoice: { InvoiceID: invoice }, Amount: 50, Date: '2026-03-12' }],
    });
    expect(pick(res.body, 'Allocations.0.StatusAttributeString')).toBe('ERROR');
  });
});

describe('overpayments and prepayments (reference §9)', () => {
  it('RECEIVE-OVERPAYMENT creates an Overpayment that is allocated and refunded', async () => {
    const txn = await t.api('PUT', '/BankTransactions?summarizeErrors=false', {
      BankTransactions: [
        {
          Type: 'RECEIVE-OVERPAYMENT',
          Contact: { Name: 'Harbour Dental' },
          BankAccount: { Code: '090' },
          Date: '2026-03-12',
          LineAmountTypes: 'NoTax',
          LineItems: [{ Description: 'Overpaid', LineAmount: 150 }],
        },
      ],
    });
    const overpaymentId = str(txn.body, 'BankTransactions.0.OverpaymentID');
    const invoice = await createInvoice(t);
    const alloc = await t.api('PUT', `/Overpayments/${overpaymentId}/Allocations`, {
      Allocations: [{ Invoice: { InvoiceID: invoice }, Amount: 110, Date: '2026-03-12' }],
    });
    expect(alloc.status).toBe(200);
    expect(pick(await getInvoice(invoice), 'Status')).toBe('PAID');
    const refund = await t.api('PUT', '/Payments', {
      Payments: [
        {
          Overpayment: { OverpaymentID: overpaymentId },
          Account: { Code: '090' },
          Date: '2026-03-13',
          Amount: 40,
        },
      ],
    });
    expect(pick(refund.body, 'Payments.0.PaymentType')).toBe('AROVERPAYMENTPAYMENT');
    const op = pick((await t.api('GET', `/Overpayments/${overpaymentId}`)).body, 'Overpayments.0');
    expect(pick(op, 'RemainingCredit')).toBe(0);
    expect(pick(op, 'Status')).toBe('PAID');
  });

  it('SPEND-PREPAYMENT creates a Prepayment for bills', async () => {
    const txn = await t.api('PUT', '/BankTransactions', {
      BankTransactions: [
        {
          Type: 'SPEND-PREPAYMENT',
          Contact: { Name: 'Paper Supplies' },
          BankAccount: { Code: '090' },
          Date: '2026-03-12',
          LineItems: [{ Description: 'Deposit', Quantity: 1, UnitAmount: 100, AccountCode: '453' }],
        },
      ],
    });
    const prepaymentId = str(txn.body, 'BankTransactions.0.PrepaymentID');
    const bill = await createInvoice(t, {
      Type: 'ACCPAY',
      Contact: { Name: 'Paper Supplies' },
      LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 50, AccountCode: '453' }],
    });
    const alloc = await t.api('PUT', `/Prepayments/${prepaymentId}/Allocations`, {
      Allocations: [{ Invoice: { InvoiceID: bill }, Amount: 55, Date: '2026-03-12' }],
    });
    expect(alloc.status).toBe(200);
    const pp = pick((await t.api('GET', `/Prepayments/${prepaymentId}`)).body, 'Prepayments.0');
    expect(pick(pp, 'RemainingCredit')).toBe(55);
    expect(pick(await getInvoice(bill), 'Status')).toBe('PAID');
  });
});

conformanceTest(() => t.exchanges);
