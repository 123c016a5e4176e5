/**
 * What the planner decides for one document (ARCHITECTURE "operation"): create, update, void,
 * delete, recreate, allocate, skip with a reason, or reject with a reason. Values, never thrown.
 *
 * @module
 */
import type { DocumentKey, LedgerDocument } from '../../ledger/index.js';
import type {
  XeroAllocation,
  XeroBankTransaction,
  XeroBankTransfer,
  XeroManualJournal,
  XeroOverpaymentTransaction,
  XeroContact,
  XeroCreditNote,
  XeroInvoice,
  XeroPayment,
  XeroRefund,
} from '../../xero/xero-types.js';

export interface OperationBase {
  readonly key: DocumentKey;
  /** The document's version (content hash) this operation pushes. */
  readonly version: string;
  /** "invoice INV-1001 (source id 812)". */
  readonly label: string;
  /** Notes worth recording in the audit log (rounding line added, date moved …). */
  readonly notes?: readonly string[];
}

export type Operation =
  | (OperationBase & {
      readonly op: 'create' | 'update';
      readonly kind: 'contact';
      readonly payload: XeroContact;
      readonly xeroId?: string;
      readonly match?: { readonly name: string; readonly email?: string };
    })
  | (OperationBase & {
      readonly op: 'create' | 'update';
      readonly kind: 'invoice';
      readonly payload: XeroInvoice;
      readonly xeroId?: string;
    })
  | (OperationBase & {
      readonly op: 'create' | 'update';
      readonly kind: 'credit_note';
      readonly payload: XeroCreditNote;
      readonly xeroId?: string;
    })
  | (OperationBase & {
      readonly op: 'void' | 'delete';
      readonly kind: 'invoice' | 'credit_note';
      readonly xeroId: string;
      readonly status: 'VOIDED' | 'DELETED';
    })
  | (OperationBase & {
      /** A bad-debt write-off (P9): a credit note allocated to its invoice. */
      readonly op: 'create' | 'update';
      readonly kind: 'write_off';
      readonly payload: XeroCreditNote;
      readonly xeroId?: string;
      /** Allocations Xero must have taken back before the credit note changes. */
      readonly takeBack?: readonly string[];
    })
  | (OperationBase & {
      readonly op: 'void';
      readonly kind: 'write_off';
      readonly xeroId: string;
      readonly status: 'VOIDED';
      readonly takeBack: readonly string[];
    })
  | (OperationBase & {
      readonly op: 'create';
      readonly kind: 'payment';
      readonly payload: XeroPayment;
      readonly invoiceKey: DocumentKey;
    })
  | (OperationBase & {
      readonly op: 'recreate';
      readonly kind: 'payment';
      readonly payload: XeroPayment;
      readonly xeroId: string;
      readonly invoiceKey: DocumentKey;
      /**
       * Replacing one changed in Xero (`reconcile fix --repush`, or entered again there under our
       * Reference): read it first, and leave one reconciled in Xero as it is (a sync error).
       */
      readonly unlessReconciled?: true;
    })
  | (OperationBase & {
      readonly op: 'delete';
      readonly kind: 'payment';
      readonly xeroId: string;
      /** The receipt came back unpaid (P8): reversed in Xero, its invoice due again. */
      readonly returned?: true;
    })
  | (OperationBase & {
      readonly op: 'create' | 'update';
      readonly kind: 'bank_transaction' | 'trust_movement';
      readonly payload: XeroBankTransaction;
      readonly xeroId?: string;
    })
  | (OperationBase & {
      readonly op: 'create';
      readonly kind: 'bank_transfer';
      readonly payload: XeroBankTransfer;
    })
  | (OperationBase & {
      readonly op: 'create' | 'update';
      readonly kind: 'journal';
      readonly payload: XeroManualJournal;
      readonly xeroId?: string;
    })
  | (OperationBase & {
      /** Bank transactions and transfers are DELETED; a posted journal can only be VOIDED. */
      readonly op: 'remove';
      readonly kind:
        'bank_transaction' | 'bank_transfer' | 'journal' | 'trust_movement' | 'overpayment';
      readonly xeroId: string;
      readonly status: 'VOIDED' | 'DELETED';
      /** Allocations Xero must have taken back first ("/Overpayments/{id}/Allocations/{id}"). */
      readonly takeBack?: readonly string[];
    })
  | (OperationBase & {
      /**
       * A payout (P10): Xero cannot change a transfer, so what Xero holds that differs is taken
       * down (`takeDown`: the transfer's and the fees' Xero ids) and made again (`make`).
       */
      readonly op: 'create' | 'update' | 'remove';
      readonly kind: 'payout';
      readonly takeDown: { readonly transfer?: string; readonly fees?: string };
      readonly make: { readonly transfer?: XeroBankTransfer; readonly fees?: XeroBankTransaction };
      /** The version a taken-down transfer is recorded under: the old one when it is made again. */
      readonly takeDownVersion: string;
    })
  | (OperationBase & {
      readonly op: 'create';
      readonly kind: 'refund';
      readonly payload: XeroRefund;
      /** The credit's Xero id, which a lookup after a lost answer matches. */
      readonly creditXeroId: string;
    })
  | (OperationBase & { readonly op: 'delete'; readonly kind: 'refund'; readonly xeroId: string })
  | (OperationBase & {
      readonly op: 'create';
      readonly kind: 'overpayment';
      readonly payload: XeroOverpaymentTransaction;
    })
  | (OperationBase & {
      readonly op: 'allocate';
      readonly kind: 'credit_note' | 'overpayment' | 'write_off';
      readonly xeroId: string;
      /** The credit allocated: "/CreditNotes/{id}", "/Overpayments/{id}", "/Prepayments/{id}". */
      readonly path: string;
      readonly add: readonly (XeroAllocation & { readonly invoiceSourceId: string })[];
      readonly remove: readonly string[];
    })
  | (OperationBase & {
      readonly op: 'skip';
      readonly kind: LedgerDocument['kind'];
      readonly reason: string;
      /** Remember the decision until the document changes (or a resync). */ readonly remember: boolean;
      /** Already in Xero exactly as this version would be: keep the link, record the version. */
      readonly keep?: {
        readonly xeroId: string;
        readonly state: Readonly<Record<string, unknown>>;
      };
    })
  | (OperationBase & {
      readonly op: 'reject';
      readonly kind: LedgerDocument['kind'];
      readonly code: string;
      readonly message: string;
      readonly fix: string;
      readonly blocks?: readonly string[];
    });

export type OperationKind = Operation['op'];

export const skip = (
  base: OperationBase,
  kind: LedgerDocument['kind'],
  reason: string,
  remember = true,
): Operation => ({ ...base, op: 'skip', kind, reason, remember });

export const reject = (
  base: OperationBase,
  kind: LedgerDocument['kind'],
  r: { code: string; message: string; fix: string },
): Operation => ({ ...base, op: 'reject', kind, code: r.code, message: r.message, fix: r.fix });
