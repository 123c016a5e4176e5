/**
 * The values a reconciliation works on and produces: our side (documents in the store and their
 * links), Xero's side (a compact summary per document), and the differences between them.
 *
 * @module
 */
import type { LedgerDocument } from '../ledger/index.js';
import type { SourceKind } from '../store/sources-repo.js';

/**
 * The Xero collections a reconciliation reads: the documents it compares, and the bank
 * transactions and transfers that, with the payments, make the movement Xero holds on each bank
 * and clearing account we post to (bank-accounts.ts).
 */
export const RECONCILED_COLLECTIONS = [
  'Contacts',
  'Invoices',
  'CreditNotes',
  'Payments',
  'BankTransactions',
  'BankTransfers',
] as const;
export type ReconciledCollection = (typeof RECONCILED_COLLECTIONS)[number];

/** The Xero collection each reconciled ledger kind lives in. */
export const COLLECTION_OF_KIND: Readonly<Record<string, ReconciledCollection>> = {
  contact: 'Contacts',
  invoice: 'Invoices',
  credit_note: 'CreditNotes',
  payment: 'Payments',
};

/** What we keep of one Xero document: enough to compare, explain and total (amounts as decimals). */
export interface XeroSummary {
  readonly id: string;
  readonly collection: ReconciledCollection;
  readonly status: string;
  /** Xero's UpdatedDateUTC, epoch milliseconds. */
  readonly updatedAt: number;
  readonly number?: string;
  readonly type?: string;
  readonly contactId?: string;
  readonly date?: string;
  readonly total?: string;
  readonly tax?: string;
  readonly due?: string;
  /** A payment's invoice (or credit note) and amount. */
  readonly invoiceId?: string;
  readonly amount?: string;
  readonly reference?: string;
  readonly name?: string;
  /** A contact merged into another in Xero: the one kept (MergedToContactID). */
  readonly mergedTo?: string;
  /**
   * The bank (or payments-enabled) account a payment or bank transaction moves, or a transfer
   * moves money out of: its code (what our mappings name) and, where Xero gives it, its name.
   */
  readonly accountCode?: string;
  readonly accountName?: string;
  /** A transfer's account the money goes into. */
  readonly toAccountCode?: string;
  readonly toAccountName?: string;
  /** A payment reconciled with a bank statement line in Xero (IsReconciled): Xero keeps it. */
  readonly reconciled?: boolean;
  /** A payment's PaymentType (ACCRECPAYMENT …): which way the money moves. */
  readonly paymentType?: string;
  /** A bank transaction's overpayment or prepayment (ours are linked by the transaction's id). */
  readonly prepayId?: string;
  /** A credit note's live allocations: the Xero invoice each pays, how much, on which day. */
  readonly allocations?: readonly XeroAllocation[];
}

export interface XeroAllocation {
  readonly invoiceId: string;
  readonly amount: string;
  readonly date?: string;
}

/** One line of a Xero invoice or credit note, read by `IDs` only when totals differ. */
export interface XeroLine {
  readonly description: string;
  readonly quantity: string;
  readonly unitAmount: string;
  readonly lineAmount: string;
}

/** One of our documents routed to the organisation, with its link (if it was pushed). */
export interface OurDocument {
  readonly source: string;
  readonly sourceKind: SourceKind;
  readonly document: LedgerDocument;
  readonly hash: string;
  readonly deleted: boolean;
  readonly xeroId: string | null;
  readonly xeroNumber: string | null;
  /** When we last pushed it, epoch milliseconds. */
  readonly pushedAt: number | null;
  /** A payout's fees, a Spend Money on the clearing account linked on its own (plan-payout.ts). */
  readonly feesXeroId?: string | null;
}

export const CATEGORIES = [
  'missing_in_xero',
  'only_in_xero',
  'different',
  'changed_in_xero',
] as const;
export type Category = (typeof CATEGORIES)[number];

export type DifferenceKind =
  | 'missing'
  | 'payment_added'
  | 'payment_removed'
  | 'payment_changed'
  | 'allocation_changed'
  | 'voided'
  | 'edited'
  | 'removed_at_source'
  | 'created_in_xero'
  | 'contact_archived'
  | 'contact_merged';

/** What a user can ask Ledgerbridge to do about a difference (`reconcile fix|accept`). */
export type Offer = 'repush' | 'remove' | 'accept';

export interface Difference {
  /** Stable across reconciliations for the same difference about the same document. */
  readonly ref: string;
  /** Short id a person types (`reconcile fix ID`): the first 8 hex digits of the ref's hash. */
  readonly id: string;
  /** Moves when anything about the document changes on either side (ends an acceptance). */
  readonly state: string;
  readonly category: Category;
  readonly kind: DifferenceKind;
  readonly document: {
    readonly kind: string;
    readonly number?: string;
    readonly source?: string;
    readonly sourceId?: string;
    readonly xeroId?: string;
  };
  /** The amount at stake, a decimal with two places. */
  readonly amount: string;
  /** When Xero says it changed (ISO timestamp), where it did. */
  readonly changedAt?: string;
  /** Who made the change in Xero, where Xero's history names a person. */
  readonly changedBy?: string;
  readonly explanation: string;
  readonly cause: string;
  readonly fix: string;
  readonly offers: readonly Offer[];
  readonly accepted: boolean;
}

export interface CategoryTotal {
  readonly count: number;
  readonly amount: string;
  /** Share of the documents compared, a percentage with one decimal. */
  readonly share: string;
}

export interface Summary {
  readonly compared: number;
  readonly agree: CategoryTotal;
  readonly missing_in_xero: CategoryTotal;
  readonly only_in_xero: CategoryTotal;
  readonly different: CategoryTotal;
  readonly changed_in_xero: CategoryTotal;
  readonly accepted: number;
}

export interface ContactBalance {
  readonly contact: string;
  readonly xeroContactId?: string;
  readonly receivable: { readonly ours: string; readonly xero: string };
  readonly payable: { readonly ours: string; readonly xero: string };
}

export interface Comparison {
  readonly summary: Summary;
  readonly differences: readonly Difference[];
  readonly balances: readonly ContactBalance[];
}
