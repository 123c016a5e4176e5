/** Example records in the published format, shared by tests (and mirrored in docs/ledger-format.md). */
export const exampleContact = {
  kind: 'contact',
  source: 'clinic',
  sourceId: 'P-1001',
  updatedAt: '2026-11-02T09:30:00+11:00',
  name: 'Alex Morgan',
  email: 'alex@example.com',
  taxNumber: '51 824 753 556',
  addresses: [
    { type: 'postal', lines: ['1 George St'], city: 'Sydney', postalCode: '2000', country: 'AU' },
  ],
};

export const exampleInvoice = {
  kind: 'invoice',
  source: 'clinic',
  sourceId: 'INV-ID-77',
  number: 'INV-1001',
  updatedAt: '2026-11-02T10:00:00Z',
  status: 'awaiting_payment',
  contactId: 'P-1001',
  issueDate: '2026-11-02',
  dueDate: '2026-11-16',
  currency: 'AUD',
  lineAmountType: 'inclusive',
  lines: [
    {
      kind: 'time',
      category: 'Initial consult',
      description: 'Initial consultation',
      quantity: '1',
      unitAmount: '110.00',
      taxCode: 'GST',
    },
    {
      kind: 'product',
      description: 'Theraband',
      quantity: 2,
      unitAmount: '12.3456',
      taxCode: 'GST',
    },
  ],
  total: '134.69',
};

export const exampleCreditNote = {
  kind: 'credit_note',
  source: 'clinic',
  sourceId: 'CN-ID-3',
  number: 'CN-0003',
  updatedAt: '2026-11-03T10:00:00Z',
  status: 'authorised',
  contactId: 'P-1001',
  issueDate: '2026-11-03',
  currency: 'AUD',
  lineAmountType: 'inclusive',
  lines: [
    {
      kind: 'other',
      description: 'Goodwill credit',
      quantity: '1',
      unitAmount: '20.00',
      taxCode: 'GST',
    },
  ],
  total: '20.00',
  allocations: [{ invoiceId: 'INV-ID-77', amount: '15.00', date: '2026-11-03' }],
};

export const examplePayment = {
  kind: 'payment',
  source: 'clinic',
  sourceId: 'PAY-9',
  updatedAt: '2026-11-04T10:00:00Z',
  invoiceId: 'INV-ID-77',
  method: 'card',
  date: '2026-11-04',
  amount: '119.69',
  currency: 'AUD',
};
