/**
 * The Xero collections Ledgerbridge reads and writes, with each one's id field and whether it
 * takes `summarizeErrors=false` (reference/xero-api.md §3: not PUT /BankTransfers).
 *
 * @module
 */

export const COLLECTIONS = {
  Contacts: { idField: 'ContactID', summarizeErrors: true, lineItems: false },
  Invoices: { idField: 'InvoiceID', summarizeErrors: true, lineItems: true },
  CreditNotes: { idField: 'CreditNoteID', summarizeErrors: true, lineItems: true },
  Payments: { idField: 'PaymentID', summarizeErrors: true, lineItems: false },
  BankTransactions: { idField: 'BankTransactionID', summarizeErrors: true, lineItems: true },
  BankTransfers: { idField: 'BankTransferID', summarizeErrors: false, lineItems: false },
  ManualJournals: { idField: 'ManualJournalID', summarizeErrors: true, lineItems: false },
  Overpayments: { idField: 'OverpaymentID', summarizeErrors: true, lineItems: true },
  Prepayments: { idField: 'PrepaymentID', summarizeErrors: true, lineItems: true },
  Organisation: {
    idField: 'OrganisationID',
    summarizeErrors: false,
    lineItems: false,
    responseKey: 'Organisations',
  },
  Accounts: { idField: 'AccountID', summarizeErrors: false, lineItems: false },
  TaxRates: { idField: 'TaxType', summarizeErrors: false, lineItems: false },
  TrackingCategories: { idField: 'TrackingCategoryID', summarizeErrors: false, lineItems: false },
  Currencies: { idField: 'Code', summarizeErrors: false, lineItems: false },
} as const;

export type Collection = keyof typeof COLLECTIONS;

/** The key of the list in Xero's answer: the collection's name, except GET /Organisation. */
export function responseKey(collection: Collection): string {
  const spec = COLLECTIONS[collection];
  return 'responseKey' in spec ? spec.responseKey : collection;
}
export type WritableCollection =
  | 'Contacts'
  | 'Invoices'
  | 'CreditNotes'
  | 'Payments'
  | 'BankTransactions'
  | 'BankTransfers'
  | 'ManualJournals';
