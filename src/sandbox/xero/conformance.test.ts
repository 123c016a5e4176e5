/**
 * A tour of every route the sandbox serves, so the spec check at the end covers the whole
 * surface: each accepted request body and each answer is validated against Xero's OpenAPI spec
 * (test-support/spec-validator.ts lists the allowances).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPEC_PRESENT, conformanceTest, specValidator } from './test-support/conformance.js';
import {
  basic,
  createInvoice,
  form,
  invoiceElement,
  payInvoice,
  pick,
  startTestSandbox,
  str,
} from './test-support/harness.js';
import type { ApiResult, TestSandbox } from './test-support/harness.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ region: 'NZ' });
});
afterAll(() => t.stop());

function ok(res: ApiResult): ApiResult {
  expect(res.status, res.text).toBe(200);
  return res;
}

describe('tour of the accounting API', () => {
  it('settings', async () => {
    ok(await t.api('GET', '/Organisation'));
    ok(await t.api('GET', '/Organisation/Actions'));
    const account = ok(
      await t.api('PUT', '/Accounts', {
        Code: '095',
        Name: 'Trust Account',
        Type: 'BANK',
        BankAccountNumber: '12-3456-7890123-00',
      }),
    );
    const accountId = str(account.body, 'Accounts.0.AccountID');
    ok(
      await t.api('POST', `/Accounts/${accountId}`, {
        Accounts: [{ Name: 'Client Trust Account' }],
      }),
    );
    ok(await t.api('GET', `/Accounts/${accountId}`));
    ok(await t.api('GET', '/Accounts?where=Type%3D%3D%22BANK%22'));
    ok(await t.api('GET', '/TaxRates'));
    ok(await t.api('GET', '/TaxRates/OUTPUT2'));
    ok(await t.api('PUT', '/Currencies', { Code: 'AUD' }));
    ok(await t.api('GET', '/Currencies'));
    const category = ok(await t.api('PUT', '/TrackingCategories', { Name: 'Matter type' }));
    const categoryId = str(category.body, 'TrackingCategories.0.TrackingCategoryID');
    ok(await t.api('PUT', `/TrackingCategories/${categoryId}/Options`, { Name: 'Conveyancing' }));
    ok(await t.api('GET', `/TrackingCategories/${categoryId}`));
    ok(await t.api('GET', '/TrackingCategories?includeArchived=true'));
    const dupName = await t.api('PUT', '/Accounts', {
      Code: '096',
      Name: 'Client Trust Account',
      Type: 'BANK',
    });
    expect(dupName.status).toBe(400);
    expect(pick(dupName.body, 'Elements.0.ValidationErrors.0.Message')).toBe(
      'Please enter a unique Name.',
    );
  });

  it('contacts and invoices', async () => {
    const contact = ok(
      await t.api('PUT', '/Contacts', {
        Contacts: [{ Name: 'Tour Client', EmailAddress: 'tour@example.com', ContactNumber: 'T-1' }],
      }),
    );
    const contactId = str(contact.body, 'Contacts.0.ContactID');
    ok(
      await t.api('POST', '/Contacts', { Contacts: [{ ContactID: contactId, FirstName: 'Tour' }] }),
    );
    ok(await t.api('POST', `/Contacts/${contactId}`, { Contacts: [{ LastName: 'Client' }] }));
    ok(await t.api('GET', `/Contacts/${contactId}`));
    ok(await t.api('GET', '/Contacts?page=1&pageSize=10&summaryOnly=true'));
    const invoice = ok(
      await t.api('PUT', '/Invoices?unitdp=4', {
        Invoices: [
          invoiceElement({ Contact: { ContactID: contactId }, Url: 'https://pms.example/bills/1' }),
        ],
      }),
    );
    const invoiceId = str(invoice.body, 'Invoices.0.InvoiceID');
    ok(
      await t.api('POST', '/Invoices', {
        Invoices: [
          invoiceElement({
            InvoiceID: invoiceId,
            Contact: { ContactID: contactId },
            Reference: 'tour',
          }),
        ],
      }),
    );
    ok(
      await t.api('POST', `/Invoices/${invoiceId}`, {
        Invoices: [{ Contact: { ContactID: contactId }, SentToContact: true }],
      }),
    );
    ok(await t.api('GET', `/Invoices/${invoiceId}?unitdp=4`));
    ok(await t.api('GET', '/Invoices?page=1&Statuses=AUTHORISED'));

    // A bookkeeper merges the contact into another in Xero: its invoice moves there, and it is
    // archived with MergedToContactID — in paged answers and by id only (spec Contact).
    const kept = ok(await t.api('PUT', '/Contacts', { Contacts: [{ Name: 'Tour Client Ltd' }] }));
    const keptId = str(kept.body, 'Contacts.0.ContactID');
    t.sandbox.control.bookkeeper.mergeContacts(t.tenantId, contactId, keptId);
    const byId = ok(await t.api('GET', `/Contacts/${contactId}`));
    expect(pick(byId.body, 'Contacts.0')).toMatchObject({ ContactStatus: 'ARCHIVED', MergedToContactID: keptId }); // prettier-ignore
    const paged = ok(await t.api('GET', '/Contacts?page=1&includeArchived=true&summaryOnly=true'));
    const merged = (pick(paged.body, 'Contacts') as { ContactID: string }[]).find((c) => c.ContactID === contactId); // prettier-ignore
    expect(merged).toMatchObject({ MergedToContactID: keptId });
    const unpaged = ok(await t.api('GET', '/Contacts?includeArchived=true'));
    expect(JSON.stringify(unpaged.body)).not.toContain('MergedToContactID');
    expect(pick(ok(await t.api('GET', `/Invoices/${invoiceId}`)).body, 'Invoices.0.Contact.ContactID')).toBe(keptId); // prettier-ignore
  });

  it('payments, credit notes and allocations', async () => {
    const invoiceId = await createInvoice(t, {
      LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 200, AccountCode: '200' }],
    });
    const paymentId = await payInvoice(t, invoiceId, 20);
    ok(
      await t.api('POST', '/Payments', {
        Invoice: { InvoiceID: invoiceId },
        Account: { Code: '090' },
        Date: '2026-03-12',
        Amount: 10,
        Reference: 'tour',
      }),
    );
    ok(await t.api('GET', `/Payments/${paymentId}`));
    ok(await t.api('GET', '/Payments?page=1'));
    ok(await t.api('POST', `/Payments/${paymentId}`, { Status: 'DELETED' }));
    const note = ok(
      await t.api('PUT', '/CreditNotes?summarizeErrors=false', {
        CreditNotes: [
          {
            Type: 'ACCRECCREDIT',
            Contact: { Name: 'Harbour Dental' },
            Status: 'DRAFT',
            LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 20, AccountCode: '200' }],
          },
        ],
      }),
    );
    const noteId = str(note.body, 'CreditNotes.0.CreditNoteID');
    ok(
      await t.api('POST', '/CreditNotes', {
        CreditNotes: [
          {
            CreditNoteID: noteId,
            Type: 'ACCRECCREDIT',
            Contact: { Name: 'Harbour Dental' },
            Status: 'AUTHORISED',
          },
        ],
      }),
    );
    ok(
      await t.api('POST', `/CreditNotes/${noteId}`, {
        CreditNotes: [{ Type: 'ACCRECCREDIT', Reference: 'credit' }],
      }),
    );
    const alloc = ok(
      await t.api('PUT', `/CreditNotes/${noteId}/Allocations?summarizeErrors=false`, {
        Allocations: [{ Invoice: { InvoiceID: invoiceId }, Amount: 10, Date: '2026-03-13' }],
      }),
    );
    ok(
      await t.api(
        'DELETE',
        `/CreditNotes/${noteId}/Allocations/${str(alloc.body, 'Allocations.0.AllocationID')}`,
      ),
    );
    ok(
      await t.api('PUT', '/Payments', {
        Payments: [
          {
            CreditNote: { CreditNoteID: noteId },
            Account: { Code: '090' },
            Date: '2026-03-14',
            Amount: 5,
          },
        ],
      }),
    );
    ok(await t.api('GET', `/CreditNotes/${noteId}`));
    ok(await t.api('GET', '/CreditNotes?page=1'));
  });

  it('overpayments and prepayments', async () => {
    for (const [type, collection, idField] of [
      ['RECEIVE-OVERPAYMENT', 'Overpayments', 'OverpaymentID'],
      ['RECEIVE-PREPAYMENT', 'Prepayments', 'PrepaymentID'],
    ] as const) {
      const txn = ok(
        await t.api('PUT', '/BankTransactions', {
          BankTransactions: [
            {
              Type: type,
              Contact: { Name: 'Harbour Dental' },
              BankAccount: { Code: '090' },
              LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 30, AccountCode: '200' }],
            },
          ],
        }),
      );
      const id = str(txn.body, `BankTransactions.0.${idField}`);
      const invoiceId = await createInvoice(t);
      const alloc = ok(
        await t.api('PUT', `/${collection}/${id}/Allocations`, {
          Allocations: [{ Invoice: { InvoiceID: invoiceId }, Amount: 10, Date: '2026-03-15' }],
        }),
      );
      ok(await t.api('GET', `/${collection}/${id}`));
      ok(await t.api('GET', `/${collection}?page=1`));
      ok(
        await t.api(
          'DELETE',
          `/${collection}/${id}/Allocations/${str(alloc.body, 'Allocations.0.AllocationID')}`,
        ),
      );
    }
  });

  it('bank transactions, transfers and journals', async () => {
    const spend = {
      Type: 'SPEND',
      Contact: { Name: 'Courier' },
      BankAccount: { Code: '090' },
      LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 12, AccountCode: '429' }],
    };
    const txn = ok(
      await t.api('PUT', '/BankTransactions?summarizeErrors=false', { BankTransactions: [spend] }),
    );
    const txnId = str(txn.body, 'BankTransactions.0.BankTransactionID');
    ok(
      await t.api('POST', '/BankTransactions', {
        BankTransactions: [{ ...spend, BankTransactionID: txnId, Reference: 'r' }],
      }),
    );
    ok(
      await t.api('POST', `/BankTransactions/${txnId}`, {
        BankTransactions: [{ ...spend, IsReconciled: true }],
      }),
    );
    ok(await t.api('GET', `/BankTransactions/${txnId}`));
    ok(await t.api('GET', '/BankTransactions?page=1'));
    const transfer = ok(
      await t.api('PUT', '/BankTransfers', {
        BankTransfers: [
          { FromBankAccount: { Code: '090' }, ToBankAccount: { Code: '091' }, Amount: 20 },
        ],
      }),
    );
    const transferId = str(transfer.body, 'BankTransfers.0.BankTransferID');
    ok(await t.api('GET', `/BankTransfers/${transferId}`));
    ok(await t.api('POST', `/BankTransfers/${transferId}`, { Status: 'DELETED' }));
    ok(await t.api('GET', '/BankTransfers?includeDeleted=true'));
    const lines = [
      { LineAmount: 5, AccountCode: '400' },
      { LineAmount: -5, AccountCode: '429' },
    ];
    const journal = ok(
      await t.api('PUT', '/ManualJournals', {
        ManualJournals: [{ Narration: 'tour', JournalLines: lines }],
      }),
    );
    const journalId = str(journal.body, 'ManualJournals.0.ManualJournalID');
    ok(
      await t.api('POST', '/ManualJournals', {
        ManualJournals: [{ ManualJournalID: journalId, Narration: 'tour 2' }],
      }),
    );
    ok(
      await t.api('POST', `/ManualJournals/${journalId}`, {
        ManualJournals: [{ Narration: 'tour 3', Status: 'POSTED' }],
      }),
    );
    ok(await t.api('GET', `/ManualJournals/${journalId}`));
    ok(await t.api('GET', '/ManualJournals?page=1'));
  });
});

describe('tour of identity', () => {
  it('token refresh and connections', async () => {
    const { body, headers } = form({ grant_type: 'refresh_token', refresh_token: t.refreshToken });
    const res = await fetch(t.sandbox.urls.token, {
      method: 'POST',
      headers: { ...headers, authorization: basic(t.clientId, t.clientSecret) },
      body,
    });
    expect(res.status).toBe(200);
    const connections = await fetch(t.sandbox.urls.connections, {
      headers: { authorization: `Bearer ${t.accessToken}` },
    });
    expect(connections.status).toBe(200);
  });
});

describe('the validator itself', () => {
  it.skipIf(!SPEC_PRESENT)('finds real violations (it is not vacuous)', () => {
    const v = specValidator();
    expect(v.validateSchema('accounting', 'Invoice', { Type: 'NOPE', LineItems: 'x' })).not.toEqual(
      [],
    );
    expect(v.validateSchema('accounting', 'Allocation', { Amount: 1 })).not.toEqual([]);
    expect(v.validateSchema('identity', 'Connection', { id: 'not-a-uuid' })).not.toEqual([]);
    const report = v.check([
      {
        method: 'GET',
        path: '/api.xro/2.0/Invoices',
        endpoint: 'GET /Invoices',
        requestBody: '',
        status: 200,
        responseBody: JSON.stringify({ Invoices: [{ Status: 'WRONG' }] }),
        contentType: 'application/json',
      },
    ]);
    expect(report.failures).toHaveLength(1);
  });
});

conformanceTest(() => t.exchanges);
