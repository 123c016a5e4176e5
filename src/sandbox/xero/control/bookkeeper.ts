/**
 * A bookkeeper working in Xero itself: edits, payments, voids, contact changes made outside the
 * API. The same rules apply as to an API call (Xero's UI enforces them too); the changes are
 * announced by webhook like any other, and they do not count against any app's limits.
 *
 * @module
 */
import type { ElementOutcome } from '../accounting/batch.js';
import type { WriteContext } from '../accounting/context.js';
import { writeAccount } from '../accounting/accounts.js';
import { writeBankTransaction } from '../accounting/bank-transactions.js';
import { recordWrite } from '../accounting/history.js';
import { mergeContacts } from '../accounting/contact-merge.js';
import { writeContact } from '../accounting/contact-write.js';
import type { WriteElement } from '../accounting/entity.js';
import { amountDue } from '../accounting/balances.js';
import { writeInvoice } from '../accounting/invoices.js';
import { accountByCode, byId, putAccount } from '../accounting/lookup.js';
import { deletePayment, writePayment } from '../accounting/payments.js';
import { renderPayment } from '../accounting/payment-render.js';
import { allocate, deleteAllocation } from '../accounting/allocations.js';
import { formatUnits } from '../../../ledger/decimal.js';
import type { Organisation } from '../accounting/organisation.js';
import type { SandboxServices } from '../services.js';
import type { WireObject } from '../wire.js';
import { msToIsoDate } from '../xero-dates.js';
import { SandboxControlError } from './control-error.js';

export interface PaymentSpec {
  /** Decimal amount, e.g. "55.00" (default: the amount due). */
  amount?: string | number;
  /** Bank (or payments-enabled) account code (default: the first active bank account). */
  accountCode?: string;
  /** `YYYY-MM-DD` (default: today on the sandbox clock). */
  date?: string;
  reference?: string;
  /** Matched to a bank statement line as it is entered (Xero's Reconcile tab): IsReconciled. */
  reconciled?: boolean;
}

export interface AllocationSpec {
  invoiceId: string;
  /** Decimal amount, e.g. "15.00". */
  amount: string | number;
  /** `YYYY-MM-DD` (default: today on the sandbox clock). */
  date?: string;
}

export class Bookkeeper {
  constructor(
    private readonly services: SandboxServices,
    private readonly orgOf: (tenantId: string) => Organisation,
  ) {}

  /** The write context of a bookkeeper (full unit-amount precision, events not "from the API"). */
  context(tenantId: string): WriteContext {
    const org = this.orgOf(tenantId);
    const now = this.services.clock.now();
    return {
      org,
      now,
      today: msToIsoDate(now),
      unitdp: 4,
      actor: { kind: 'bookkeeper' },
      emit: (event) => this.services.emit({ ...event, tenantId: org.id, at: now }, false),
    };
  }

  /** Runs one element through an entity's write; returns the document or throws Xero's errors. */
  run(tenantId: string, write: WriteElement, element: WireObject, pathId?: string): WireObject {
    const ctx = this.context(tenantId);
    const outcome = write(ctx, element, 'post', pathId);
    recordWrite(ctx, outcome, '');
    return unwrap(outcome);
  }

  /** Edits an invoice as in Xero's invoice screen (fields as in the API, e.g. `{Reference: "x"}`). */
  editInvoice(tenantId: string, invoiceId: string, patch: WireObject): WireObject {
    return this.run(tenantId, writeInvoice, patch, invoiceId);
  }

  /**
   * Creates an invoice as in Xero's "New invoice" screen (fields as in the API, e.g. `{Type:
   * "ACCREC", Contact: {ContactID}, LineItems: [...], Status: "AUTHORISED"}`): a document the
   * practice system never sent, which reconciliation reports (issue 20).
   */
  createInvoice(tenantId: string, invoice: WireObject): WireObject {
    return this.run(tenantId, writeInvoice, { ...invoice, InvoiceID: undefined });
  }

  approveInvoice(tenantId: string, invoiceId: string): WireObject {
    return this.editInvoice(tenantId, invoiceId, { Status: 'AUTHORISED' });
  }

  voidInvoice(tenantId: string, invoiceId: string): WireObject {
    return this.editInvoice(tenantId, invoiceId, { Status: 'VOIDED' });
  }

  /**
   * Records a payment on an invoice, as "Receive a payment" / "Make a payment" in Xero. By default
   * the whole amount due, from the first active bank account, today.
   */
  payInvoice(tenantId: string, invoiceId: string, payment: PaymentSpec = {}): WireObject {
    const org = this.orgOf(tenantId);
    const invoice = byId(org.invoices, invoiceId);
    if (!invoice) throw new SandboxControlError(`no invoice ${invoiceId}`, 404);
    const bank = [...org.accounts.values()].find((a) => a.type === 'BANK' && a.status === 'ACTIVE');
    return this.run(tenantId, writePayment, {
      Invoice: { InvoiceID: invoice.id },
      Account: { Code: payment.accountCode ?? bank?.code ?? '' },
      Amount: payment.amount ?? formatUnits(amountDue(invoice), 2),
      ...(payment.date !== undefined ? { Date: payment.date } : {}),
      ...(payment.reference !== undefined ? { Reference: payment.reference } : {}),
      ...(payment.reconciled ? { IsReconciled: true } : {}),
    });
  }

  /**
   * Matches an existing payment to a bank statement line (Xero's Reconcile tab, "Find & Match"):
   * IsReconciled becomes true.
   */
  reconcilePayment(tenantId: string, paymentId: string): WireObject {
    const org = this.orgOf(tenantId);
    const payment = byId(org.payments, paymentId);
    if (!payment || payment.status === 'DELETED')
      throw new SandboxControlError(`no live payment ${paymentId}`, 404);
    org.payments.set(payment.id, {
      ...payment,
      isReconciled: true,
      updatedAt: this.services.clock.now(),
    });
    return renderPayment(org, org.payments.get(payment.id)!);
  }

  /** Applies a credit note to an invoice, as "Allocate credit" on the credit note in Xero. */
  allocateCredit(tenantId: string, creditNoteId: string, spec: AllocationSpec): WireObject {
    const element = {
      Invoice: { InvoiceID: spec.invoiceId },
      Amount: spec.amount,
      ...(spec.date !== undefined ? { Date: spec.date } : {}),
    };
    return unwrap(allocate(this.context(tenantId), 'CREDITNOTE', creditNoteId, element));
  }

  /** Takes a credit note's allocation back (Xero's "Remove allocation"); the invoice is due again. */
  removeAllocation(tenantId: string, creditNoteId: string, allocationId: string): WireObject {
    const ctx = this.context(tenantId);
    const result = deleteAllocation(ctx, 'CREDITNOTE', creditNoteId, allocationId);
    if (!result.ok)
      throw new SandboxControlError(result.errors.join(' ') || `no allocation ${allocationId}`, result.status); // prettier-ignore
    return result.wire;
  }

  /** Deletes a payment (the invoice becomes due again). */
  deletePayment(tenantId: string, paymentId: string): WireObject {
    return this.run(tenantId, deletePayment, { Status: 'DELETED' }, paymentId);
  }

  /**
   * Records Receive or Spend Money as in Xero's bank account screen, or by matching a bank-feed
   * line (fields as in the API, e.g. `{Type: "SPEND", Contact: {ContactID}, BankAccount: {Code},
   * LineItems: [...]}`): money on a bank account the practice system never sent.
   */
  createBankTransaction(tenantId: string, transaction: WireObject): WireObject {
    return this.run(tenantId, writeBankTransaction, { ...transaction, BankTransactionID: undefined }); // prettier-ignore
  }

  /** Deletes a bank transaction (Xero's "Remove & Redo" / delete). */
  deleteBankTransaction(tenantId: string, bankTransactionId: string): WireObject {
    return this.run(tenantId, writeBankTransaction, { Status: 'DELETED' }, bankTransactionId);
  }

  createContact(tenantId: string, contact: WireObject): WireObject {
    return this.run(tenantId, writeContact, { ...contact, ContactID: undefined });
  }

  updateContact(tenantId: string, contactId: string, patch: WireObject): WireObject {
    return this.run(tenantId, writeContact, patch, contactId);
  }

  archiveContact(tenantId: string, contactId: string): WireObject {
    return this.updateContact(tenantId, contactId, { ContactStatus: 'ARCHIVED' });
  }

  /**
   * Merges `fromId` into `intoId` as Xero's Contacts → Merge does (contact-merge.ts): its
   * transactions move to `intoId`, it is archived with MergedToContactID. Returns the merged one.
   */
  mergeContacts(tenantId: string, fromId: string, intoId: string): WireObject {
    const ctx = this.context(tenantId);
    const outcome = mergeContacts(ctx, fromId, intoId);
    recordWrite(ctx, outcome, '');
    return unwrap(outcome);
  }

  /** Adds an account to the chart as in Xero's chart of accounts screen (e.g. a trust account). */
  createAccount(tenantId: string, account: WireObject): WireObject {
    return unwrap(writeAccount(this.context(tenantId), account));
  }

  /** Archives an account by code (documents can no longer post to it). */
  archiveAccount(tenantId: string, code: string): void {
    const org = this.orgOf(tenantId);
    const account = accountByCode(org, code);
    if (!account) throw new SandboxControlError(`no account with code ${code}`, 404);
    putAccount(org, { ...account, status: 'ARCHIVED', updatedAt: this.services.clock.now() });
  }
}

/** The document written, or Xero's errors thrown. */
function unwrap(outcome: ElementOutcome): WireObject {
  if (outcome.ok) return outcome.wire;
  throw new SandboxControlError(outcome.errors.join(' '), 400, outcome.errors);
}
