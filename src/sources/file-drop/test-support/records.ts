/** Small valid records for import tests (source-less: the import names the source). */
export const contact = (id: string, extra: Record<string, unknown> = {}) => ({
  kind: 'contact',
  sourceId: id,
  updatedAt: '2026-11-02T09:00:00Z',
  name: `Patient ${id}`,
  ...extra,
});

export const invoice = (id: string, contactId: string, extra: Record<string, unknown> = {}) => ({
  kind: 'invoice',
  sourceId: id,
  number: `N-${id}`,
  updatedAt: '2026-11-02T10:00:00Z',
  status: 'awaiting_payment',
  contactId,
  issueDate: '2026-11-02',
  currency: 'AUD',
  lineAmountType: 'inclusive',
  lines: [
    { kind: 'time', description: 'Standard consultation', quantity: '1', unitAmount: '95.00' },
  ],
  total: '95.00',
  ...extra,
});

export const payment = (id: string, invoiceId: string, extra: Record<string, unknown> = {}) => ({
  kind: 'payment',
  sourceId: id,
  updatedAt: '2026-11-03T10:00:00Z',
  invoiceId,
  method: 'card',
  date: '2026-11-03',
  amount: '95.00',
  currency: 'AUD',
  ...extra,
});

export const creditNote = (
  id: string,
  contactId: string,
  allocations: { invoiceId: string; amount: string }[],
) => ({
  kind: 'credit_note',
  sourceId: id,
  updatedAt: '2026-11-04T10:00:00Z',
  status: 'authorised',
  contactId,
  issueDate: '2026-11-04',
  currency: 'AUD',
  lineAmountType: 'inclusive',
  lines: [{ kind: 'other', description: 'Goodwill credit', quantity: '1', unitAmount: '20.00' }],
  total: '20.00',
  allocations: allocations.map((a) => ({ ...a, date: '2026-11-04' })),
});

export const deleted = (kind: string, id: string) => ({ kind, sourceId: id, deleted: true });
