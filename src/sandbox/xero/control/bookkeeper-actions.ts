/**
 * Bookkeeper actions by name, for `POST /sandbox/organisations/{tenantId}/bookkeeper/{action}`.
 *
 * @module
 */
import { asObject, readText } from '../wire.js';
import type { WireObject } from '../wire.js';
import type { PaymentSpec } from './bookkeeper.js';
import type { SandboxControl } from './control.js';
import { SandboxControlError } from './control-error.js';

function text(body: WireObject, key: string): string {
  const value = readText(body, key);
  if (value === undefined) throw new SandboxControlError(`${key} is required`);
  return value;
}

function paymentSpec(body: WireObject): PaymentSpec {
  const spec: PaymentSpec = {};
  const amount = readText(body, 'amount');
  if (amount !== undefined) spec.amount = amount;
  for (const key of ['accountCode', 'date', 'reference'] as const) {
    const value = readText(body, key);
    if (value !== undefined) spec[key] = value;
  }
  if (body.reconciled === true) spec.reconciled = true;
  return spec;
}

type Action = (control: SandboxControl, tenantId: string, body: WireObject) => unknown;

const ACTIONS: Record<string, Action> = {
  'edit-invoice': (k, t, b) =>
    k.bookkeeper.editInvoice(t, text(b, 'invoiceId'), asObject(b.patch) ?? {}),
  'create-invoice': (k, t, b) => k.bookkeeper.createInvoice(t, asObject(b.invoice) ?? {}),
  'approve-invoice': (k, t, b) => k.bookkeeper.approveInvoice(t, text(b, 'invoiceId')),
  'void-invoice': (k, t, b) => k.bookkeeper.voidInvoice(t, text(b, 'invoiceId')),
  'pay-invoice': (k, t, b) => k.bookkeeper.payInvoice(t, text(b, 'invoiceId'), paymentSpec(b)),
  'delete-payment': (k, t, b) => k.bookkeeper.deletePayment(t, text(b, 'paymentId')),
  'reconcile-payment': (k, t, b) => k.bookkeeper.reconcilePayment(t, text(b, 'paymentId')),
  'allocate-credit': (k, t, b) =>
    k.bookkeeper.allocateCredit(t, text(b, 'creditNoteId'), {
      invoiceId: text(b, 'invoiceId'),
      amount: text(b, 'amount'),
      ...(readText(b, 'date') !== undefined && { date: text(b, 'date') }),
    }),
  'remove-allocation': (k, t, b) =>
    k.bookkeeper.removeAllocation(t, text(b, 'creditNoteId'), text(b, 'allocationId')),
  'create-bank-transaction': (k, t, b) =>
    k.bookkeeper.createBankTransaction(t, asObject(b.transaction) ?? {}),
  'delete-bank-transaction': (k, t, b) =>
    k.bookkeeper.deleteBankTransaction(t, text(b, 'bankTransactionId')),
  'create-contact': (k, t, b) => k.bookkeeper.createContact(t, asObject(b.contact) ?? {}),
  'update-contact': (k, t, b) =>
    k.bookkeeper.updateContact(t, text(b, 'contactId'), asObject(b.patch) ?? {}),
  'archive-contact': (k, t, b) => k.bookkeeper.archiveContact(t, text(b, 'contactId')),
  'merge-contacts': (k, t, b) =>
    k.bookkeeper.mergeContacts(t, text(b, 'contactId'), text(b, 'intoContactId')),
  'archive-account': (k, t, b) => k.bookkeeper.archiveAccount(t, text(b, 'code')),
};

export function bookkeeperAction(
  control: SandboxControl,
  tenantId: string,
  name: string,
  body: WireObject,
): unknown {
  const action = ACTIONS[name];
  if (!action) throw new SandboxControlError(`unknown bookkeeper action ${name}`, 404);
  return action(control, tenantId, body);
}
