/**
 * The sandbox's own records of one organisation's books. Amounts are bigint units of 1/10,000
 * (src/ledger/decimal.ts); calendar dates are `YYYY-MM-DD`; timestamps are epoch ms on the
 * sandbox clock. Rendering to Xero's wire shape happens in the `*-render.ts` files.
 *
 * @module
 */
import type { IsoDate } from '../xero-dates.js';

export type Region = 'AU' | 'NZ' | 'UK' | 'US';
export type LineAmountTypes = 'Exclusive' | 'Inclusive' | 'NoTax';

/** Statuses shared by invoices and credit notes (spec L22399, L21620). */
export type InvoiceStatus = 'DRAFT' | 'SUBMITTED' | 'AUTHORISED' | 'PAID' | 'VOIDED' | 'DELETED';
export type InvoiceType = 'ACCREC' | 'ACCPAY';
export type CreditNoteType = 'ACCRECCREDIT' | 'ACCPAYCREDIT';
export type BankTransactionType =
  | 'RECEIVE'
  | 'RECEIVE-OVERPAYMENT'
  | 'RECEIVE-PREPAYMENT'
  | 'SPEND'
  | 'SPEND-OVERPAYMENT'
  | 'SPEND-PREPAYMENT'
  | 'RECEIVE-TRANSFER'
  | 'SPEND-TRANSFER';
export type BankTransactionStatus = 'AUTHORISED' | 'DELETED' | 'VOIDED';
export type JournalStatus = 'DRAFT' | 'POSTED' | 'DELETED' | 'VOIDED' | 'ARCHIVED';
export type PrepayStatus = 'AUTHORISED' | 'PAID' | 'VOIDED';
export type AccountStatus = 'ACTIVE' | 'ARCHIVED' | 'DELETED';
export type ContactStatus = 'ACTIVE' | 'ARCHIVED' | 'GDPRREQUEST';

export interface Account {
  id: string;
  code: string;
  name: string;
  type: string;
  status: AccountStatus;
  taxType: string;
  description?: string;
  enablePaymentsToAccount: boolean;
  showInExpenseClaims: boolean;
  systemAccount?: string;
  bankAccountNumber?: string;
  bankAccountType?: string;
  currencyCode?: string;
  updatedAt: number;
}

export interface TaxComponent {
  name: string;
  rate: bigint;
  isCompound: boolean;
}

export interface TaxRate {
  name: string;
  taxType: string;
  status: 'ACTIVE' | 'DELETED' | 'ARCHIVED';
  reportTaxType: string;
  /** Effective rate in percent, as units (10% = 10.0000 = 100000n). */
  rate: bigint;
  components: TaxComponent[];
  canApplyTo: {
    assets: boolean;
    equity: boolean;
    expenses: boolean;
    liabilities: boolean;
    revenue: boolean;
  };
}

export interface TrackingOption {
  id: string;
  name: string;
  status: 'ACTIVE' | 'ARCHIVED' | 'DELETED';
}

export interface TrackingCategory {
  id: string;
  name: string;
  status: 'ACTIVE' | 'ARCHIVED' | 'DELETED';
  options: TrackingOption[];
}

export interface TrackingRef {
  categoryId: string;
  optionId: string;
  name: string;
  option: string;
}

export interface Contact {
  id: string;
  name: string;
  status: ContactStatus;
  contactNumber?: string;
  accountNumber?: string;
  firstName?: string;
  lastName?: string;
  emailAddress?: string;
  companyNumber?: string;
  taxNumber?: string;
  bankAccountDetails?: string;
  accountsReceivableTaxType?: string;
  accountsPayableTaxType?: string;
  defaultCurrency?: string;
  /** Addresses, Phones, ContactPersons: kept as sent, returned as sent. */
  lists: { addresses: unknown[]; phones: unknown[]; contactPersons: unknown[] };
  isCustomer: boolean;
  isSupplier: boolean;
  updatedAt: number;
  /** Set when the contact was merged into another in Xero (it is archived then). */
  mergedToContactId?: string;
}

export interface LineItem {
  id: string;
  description?: string;
  quantity: bigint;
  unitAmount: bigint;
  itemCode?: string;
  accountCode?: string;
  accountId?: string;
  taxType?: string;
  taxAmount: bigint;
  lineAmount: bigint;
  discountRate?: bigint;
  discountAmount?: bigint;
  tracking: TrackingRef[];
}

export interface Totals {
  subTotal: bigint;
  totalTax: bigint;
  total: bigint;
  totalDiscount: bigint;
}

/** What an invoice, credit note, overpayment and prepayment have in common. */
export interface LineDocument extends Totals {
  id: string;
  contactId: string;
  date: IsoDate;
  lineAmountTypes: LineAmountTypes;
  lines: LineItem[];
  currencyCode: string;
  currencyRate: bigint;
  updatedAt: number;
}

export interface Invoice extends LineDocument {
  type: InvoiceType;
  number: string;
  reference: string;
  dueDate?: IsoDate;
  status: InvoiceStatus;
  url?: string;
  brandingThemeId?: string;
  sentToContact: boolean;
  expectedPaymentDate?: IsoDate;
  plannedPaymentDate?: IsoDate;
  amountPaid: bigint;
  amountCredited: bigint;
  fullyPaidOnDate?: IsoDate;
  createdByClientId?: string;
}

export interface CreditNote extends LineDocument {
  type: CreditNoteType;
  number: string;
  reference: string;
  dueDate?: IsoDate;
  status: InvoiceStatus;
  brandingThemeId?: string;
  /** Allocated to invoices plus refunded by payments. */
  amountApplied: bigint;
  fullyPaidOnDate?: IsoDate;
}

export type PrepayKind = 'OVERPAYMENT' | 'PREPAYMENT';

export interface Prepay extends LineDocument {
  kind: PrepayKind;
  type: 'RECEIVE-OVERPAYMENT' | 'SPEND-OVERPAYMENT' | 'RECEIVE-PREPAYMENT' | 'SPEND-PREPAYMENT';
  status: PrepayStatus;
  reference?: string;
  bankTransactionId: string;
  amountApplied: bigint;
}

export type CreditSourceKind = 'CREDITNOTE' | PrepayKind;

export interface Allocation {
  id: string;
  sourceKind: CreditSourceKind;
  sourceId: string;
  invoiceId: string;
  amount: bigint;
  date: IsoDate;
  isDeleted: boolean;
  updatedAt: number;
}

export type PaymentTargetKind = 'INVOICE' | 'CREDITNOTE' | PrepayKind;

export interface Payment {
  id: string;
  targetKind: PaymentTargetKind;
  targetId: string;
  accountId: string;
  date: IsoDate;
  amount: bigint;
  currencyRate: bigint;
  reference?: string;
  isReconciled: boolean;
  status: 'AUTHORISED' | 'DELETED';
  paymentType: string;
  updatedAt: number;
}

export interface BankTransaction extends Totals {
  id: string;
  type: BankTransactionType;
  contactId?: string;
  bankAccountId: string;
  date: IsoDate;
  reference?: string;
  status: BankTransactionStatus;
  lineAmountTypes: LineAmountTypes;
  lines: LineItem[];
  isReconciled: boolean;
  url?: string;
  currencyCode: string;
  currencyRate?: bigint;
  prepayId?: string;
  updatedAt: number;
}

export interface BankTransfer {
  id: string;
  fromAccountId: string;
  toAccountId: string;
  amount: bigint;
  date: IsoDate;
  reference?: string;
  status: 'AUTHORISED' | 'DELETED';
  fromBankTransactionId: string;
  toBankTransactionId: string;
  createdAt: number;
  updatedAt: number;
}

export interface JournalLine {
  lineAmount: bigint;
  accountCode?: string;
  accountId?: string;
  description?: string;
  taxType?: string;
  taxAmount: bigint;
  tracking: TrackingRef[];
}

export interface ManualJournal {
  id: string;
  narration: string;
  date: IsoDate;
  status: JournalStatus;
  lineAmountTypes: LineAmountTypes;
  lines: JournalLine[];
  url?: string;
  showOnCashBasisReports: boolean;
  updatedAt: number;
}
