import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceTest } from '../test-support/conformance.js';
import {
  createInvoice,
  list,
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

function spend(extra: Record<string, unknown> = {}) {
  return {
    Type: 'SPEND',
    Contact: { Name: 'Office Supplies Co' },
    BankAccount: { Code: '090' },
    Date: '2026-03-10',
    Reference: 'DISB-1',
    LineItems: [
      { Description: 'Court filing fee', Quantity: 1, UnitAmount: 55, AccountCode: '429' },
    ],
    ...extra,
  };
}

describe('bank transactions (reference §10)', () => {
  it('SPEND and RECEIVE with totals, Reference and a bank account', async () => {
    const res = await t.api('PUT', '/BankTransactions?summarizeErrors=false', {
      BankTransactions: [
        spend(),
        spend({
          Type: 'RECEIVE',
          LineItems: [
            { Description: 'Interest', Quantity: 1, UnitAmount: 3.5, AccountCode: '270' },
          ],
        }),
      ],
    });
    expect(list(res.body, 'BankTransactions').map((b) => pick(b, 'Total'))).toEqual([60.5, 3.5]);
    expect(pick(res.body, 'BankTransactions.0.Reference')).toBe('DISB-1');
    expect(pick(res.body, 'BankTransactions.0.Status')).toBe('AUTHORISED');
  });

  it('needs a contact and a BANK account', async () => {
    const res = await t.api('PUT', '/BankTransactions?summarizeErrors=false', {
      BankTransactions: [spend({ Contact: undefined }), spend({ BankAccount: { Code: '200' } })],
    });
    expect(messagesOf(res.body, 'BankTransactions', 0)).toEqual([
      'The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber',
    ]);
    expect(messagesOf(res.body, 'BankTransactions', 1)).toEqual([
      'A valid bank account must be specified.',
    ]);
  });

  it('is edited by POST and deleted with Status DELETED', async () => {
    const id = str(
      (await t.api('PUT', '/BankTransactions', { BankTransactions: [spend()] })).body,
      'BankTransactions.0.BankTransactionID',
    );
    const edited = await t.api('POST', `/BankTransactions/${id}`, {
      BankTransactions: [spend({ Reference: 'DISB-1b' })],
    });
    expect(pick(edited.body, 'BankTransactions.0.Reference')).toBe('DISB-1b');
    const deleted = await t.api('POST', `/BankTransactions/${id}`, {
      BankTransactions: [spend({ Status: 'DELETED' })],
    });
    expect(pick(deleted.body, 'BankTransactions.0.Status')).toBe('DELETED');
  });
});

describe('bank transfers (reference §10)', () => {
  it('moves money between bank accounts and is soft-deleted', async () => {
    const res = await t.api('PUT', '/BankTransfers', {
      BankTransfers: [
        {
          FromBankAccount: { Code: '090' },
          ToBankAccount: { Code: '091' },
          Amount: 250,
          Date: '2026-03-10',
          Reference: 'Trust to office',
        },
      ],
    });
    expect(res.status).toBe(200);
    const id = str(res.body, 'BankTransfers.0.BankTransferID');
    const from = str(res.body, 'BankTransfers.0.FromBankTransactionID');
    expect(
      pick((await t.api('GET', `/BankTransactions/${from}`)).body, 'BankTransactions.0.Type'),
    ).toBe('SPEND-TRANSFER');
    const del = await t.api('POST', `/BankTransfers/${id}`, { Status: 'DELETED' });
    expect(pick(del.body, 'BankTransfers.0.Status')).toBe('DELETED');
    expect(list((await t.api('GET', '/BankTransfers')).body, 'BankTransfers')).toHaveLength(0);
    expect(
      list((await t.api('GET', '/BankTransfers?includeDeleted=true')).body, 'BankTransfers'),
    ).toHaveLength(1);
  });

  it('refuses the same account on both sides (a 400, no summarizeErrors on PUT)', async () => {
    const res = await t.api('PUT', '/BankTransfers?summarizeErrors=false', {
      BankTransfers: [
        { FromBankAccount: { Code: '090' }, ToBankAccount: { Code: '090' }, Amount: 1 },
      ],
    });
    expect(res.status).toBe(400);
    expect(messagesOf(res.body, 'Elements')).toEqual([
      'The From and To bank accounts must be different.',
    ]);
  });

  it('deletes through POST /BankTransfers with summarizeErrors', async () => {
    const res = await t.api('PUT', '/BankTransfers', {
      BankTransfers: [
        { FromBankAccount: { Code: '090' }, ToBankAccount: { Code: '091' }, Amount: 5 },
      ],
    });
    const id = str(res.body, 'BankTransfers.0.BankTransferID');
    const del = await t.api('POST', '/BankTransfers?summarizeErrors=false', {
      BankTransfers: [{ BankTransferID: id, Status: 'DELETED' }],
    });
    expect(pick(del.body, 'BankTransfers.0.StatusAttributeString')).toBe('OK');
  });
});

const line = (amount: number, code: string) => ({
  LineAmount: amount,
  AccountCode: code,
  Description: 'reclass',
});

describe('manual journals (reference §10, spec L10186)', () => {
  it('must balance, with Xero text (signed sums, 2 decimals)', async () => {
    const res = await t.api('PUT', '/ManualJournals?summarizeErrors=false', {
      ManualJournals: [{ Narration: 'Bad', JournalLines: [line(100, '400'), line(-10, '429')] }],
    });
    expect(pick(res.body, 'ManualJournals.0.StatusAttributeString')).toBe('ERROR');
    expect(messagesOf(res.body, 'ManualJournals')).toEqual([
      'The total debits (100.00) must equal total credits (-10.00)',
    ]);
  });

  it('warns about an unknown account code and still refuses to be unbalanced', async () => {
    const res = await t.api('PUT', '/ManualJournals?summarizeErrors=false', {
      ManualJournals: [{ Narration: 'Mixed', JournalLines: [line(100, '476'), line(-90, '429')] }],
    });
    expect(pick(res.body, 'ManualJournals.0.Warnings')).toEqual([
      {
        Message: "Account code ''476'' has been removed as it does not match a recognised account.",
      },
    ]);
    expect(messagesOf(res.body, 'ManualJournals')).toEqual([
      'The total debits (100.00) must equal total credits (-90.00)',
    ]);
  });

  it('balanced: DRAFT by default, NoTax, then POSTED and VOIDED', async () => {
    const res = await t.api('PUT', '/ManualJournals', {
      ManualJournals: [
        {
          Narration: 'Reclass',
          Date: '2026-03-05',
          JournalLines: [line(120.5, '400'), line(-120.5, '429')],
        },
      ],
    });
    expect(res.status).toBe(200);
    expect(pick(res.body, 'ManualJournals.0.Status')).toBe('DRAFT');
    expect(pick(res.body, 'ManualJournals.0.LineAmountTypes')).toBe('NoTax');
    const id = str(res.body, 'ManualJournals.0.ManualJournalID');
    const status = (Status: string) => ({ ManualJournals: [{ Narration: 'Reclass', Status }] });
    expect(
      pick(
        (await t.api('POST', `/ManualJournals/${id}`, status('POSTED'))).body,
        'ManualJournals.0.Status',
      ),
    ).toBe('POSTED');
    expect(
      pick(
        (await t.api('POST', `/ManualJournals/${id}`, status('VOIDED'))).body,
        'ManualJournals.0.Status',
      ),
    ).toBe('VOIDED');
    const again = await t.api('POST', `/ManualJournals/${id}`, status('POSTED'));
    expect(messagesOf(again.body, 'ManualJournals')).toEqual([
      'Manual Journal not of valid status for modification',
    ]);
  });

  it('needs a narration and two lines', async () => {
    const res = await t.api('PUT', '/ManualJournals?summarizeErrors=false', {
      ManualJournals: [{ JournalLines: [line(0, '400')] }],
    });
    expect(messagesOf(res.body, 'ManualJournals')).toEqual([
      'Narration must be specified.',
      'A manual journal must have at least two journal lines.',
    ]);
  });
});

describe('lock dates (reference §6, §11)', () => {
  it('shows on the Organisation and refuses posted documents dated on or before them', async () => {
    const paidBefore = await createInvoice(t, { Date: '2026-01-15' });
    const paymentBefore = await payInvoice(t, paidBefore, 10, '2026-01-20');
    const approvedBefore = await createInvoice(t, { Date: '2026-01-16' });
    t.sandbox.control.setLockDates(t.tenantId, {
      periodLockDate: '2026-01-31',
      endOfYearLockDate: '2025-06-30',
    });
    const org = await t.api('GET', '/Organisation');
    expect(pick(org.body, 'Organisations.0.PeriodLockDate')).toBe('/Date(1769817600000+0000)/');
    const period =
      'The document date cannot be before the period lock date, currently set at 31-Jan-2026';
    const eoy =
      'The document date cannot be before the end of year lock date, currently set at 30-Jun-2025';
    const create = await t.api('PUT', '/Invoices?summarizeErrors=false', {
      Invoices: [
        {
          Type: 'ACCREC',
          Contact: { Name: 'Late' },
          Date: '2026-01-31',
          Status: 'AUTHORISED',
          LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 1, AccountCode: '200' }],
        },
      ],
    });
    expect(messagesOf(create.body, 'Invoices')).toEqual([period]);
    const older = await t.api('PUT', '/Invoices?summarizeErrors=false', {
      Invoices: [
        {
          Type: 'ACCREC',
          Contact: { Name: 'Late' },
          Date: '2025-06-01',
          Status: 'AUTHORISED',
          LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 1, AccountCode: '200' }],
        },
      ],
    });
    expect(messagesOf(older.body, 'Invoices')).toEqual([eoy]);
    const draft = await t.api('PUT', '/Invoices?summarizeErrors=false', {
      Invoices: [
        {
          Type: 'ACCREC',
          Contact: { Name: 'Late' },
          Date: '2026-01-10',
          Status: 'DRAFT',
          LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 1, AccountCode: '200' }],
        },
      ],
    });
    expect(pick(draft.body, 'Invoices.0.StatusAttributeString')).toBe('OK');
    const voided = await t.api('POST', `/Invoices/${approvedBefore}`, {
      Invoices: [{ Status: 'VOIDED' }],
    });
    expect(messagesOf(voided.body, 'Invoices')).toEqual([period]);
    const delPayment = await t.api('POST', `/Payments/${paymentBefore}`, { Status: 'DELETED' });
    expect(messagesOf(delPayment.body, 'Payments')).toEqual([period]);
    const lateJournal = await t.api('PUT', '/ManualJournals?summarizeErrors=false', {
      ManualJournals: [
        {
          Narration: 'x',
          Date: '2026-01-05',
          Status: 'POSTED',
          JournalLines: [line(1, '400'), line(-1, '429')],
        },
      ],
    });
    expect(messagesOf(lateJournal.body, 'ManualJournals')).toEqual([period]);
    const lateSpend = await t.api('PUT', '/BankTransactions?summarizeErrors=false', {
      BankTransactions: [spend({ Date: '2026-01-05' })],
    });
    expect(messagesOf(lateSpend.body, 'BankTransactions')).toEqual([period]);
    t.sandbox.control.setLockDates(t.tenantId, { periodLockDate: null, endOfYearLockDate: null });
  });
});

conformanceTest(() => t.exchanges);
