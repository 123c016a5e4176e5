/**
 * The Xero entities Ledgerbridge writes, as the Accounting API takes them (xero_accounting.yaml
 * components: Contact, Invoice, LineItem, CreditNote, Allocation, Payment). Only the fields we
 * send; amounts are JSON numbers on the wire (Xero's format), produced from exact decimals at the
 * edge. Tests validate every payload the sync builds against the official schemas.
 *
 * @module
 */

export interface XeroContactRef {
  ContactID?: string;
  Name?: string;
}

export interface XeroAddress {
  AddressType: 'POBOX' | 'STREET';
  AddressLine1?: string;
  AddressLine2?: string;
  AddressLine3?: string;
  AddressLine4?: string;
  City?: string;
  Region?: string;
  PostalCode?: string;
  Country?: string;
}

export interface XeroContact {
  ContactID?: string;
  ContactNumber?: string;
  AccountNumber?: string;
  ContactStatus?: 'ACTIVE' | 'ARCHIVED';
  Name: string;
  FirstName?: string;
  LastName?: string;
  EmailAddress?: string;
  TaxNumber?: string;
  Addresses?: XeroAddress[];
  Phones?: { PhoneType: 'DEFAULT' | 'MOBILE'; PhoneNumber: string }[];
  IsCustomer?: boolean;
  IsSupplier?: boolean;
}

export interface XeroTracking {
  Name: string;
  Option: string;
}

export interface XeroLineItem {
  LineItemID?: string;
  Description: string;
  Quantity: number;
  UnitAmount: number;
  DiscountRate?: number;
  DiscountAmount?: number;
  AccountCode?: string;
  TaxType?: string;
  Tracking?: XeroTracking[];
}

export type XeroLineAmountTypes = 'Exclusive' | 'Inclusive' | 'NoTax';
export type XeroInvoiceStatus =
  'DRAFT' | 'SUBMITTED' | 'AUTHORISED' | 'PAID' | 'VOIDED' | 'DELETED';

export interface XeroInvoice {
  InvoiceID?: string;
  Type: 'ACCREC' | 'ACCPAY';
  Contact: XeroContactRef;
  InvoiceNumber?: string;
  Reference?: string;
  Url?: string;
  Date: string;
  DueDate?: string;
  Status: XeroInvoiceStatus;
  LineAmountTypes: XeroLineAmountTypes;
  CurrencyCode?: string;
  CurrencyRate?: number;
  LineItems: XeroLineItem[];
}

export interface XeroCreditNote {
  CreditNoteID?: string;
  Type: 'ACCRECCREDIT' | 'ACCPAYCREDIT';
  Contact: XeroContactRef;
  CreditNoteNumber?: string;
  Reference?: string;
  Date: string;
  Status: XeroInvoiceStatus;
  LineAmountTypes: XeroLineAmountTypes;
  CurrencyCode?: string;
  CurrencyRate?: number;
  LineItems: XeroLineItem[];
}

export interface XeroAllocation {
  Invoice: { InvoiceID: string };
  Amount: number;
  Date: string;
}

export interface XeroPayment {
  Invoice: { InvoiceID: string };
  Account: { Code: string };
  Date: string;
  Amount: number;
  Reference?: string;
  CurrencyRate?: number;
}

/** A refund: a payment against a credit note, overpayment or prepayment (reference §8, §9). */
export interface XeroRefund {
  CreditNote?: { CreditNoteID: string };
  Overpayment?: { OverpaymentID: string };
  Prepayment?: { PrepaymentID: string };
  Account: { Code: string };
  Date: string;
  Amount: number;
  Reference: string;
}

/** Spend or receive money (reference §10). */
export interface XeroBankTransaction {
  Type: 'RECEIVE' | 'SPEND';
  Contact: XeroContactRef;
  BankAccount: { Code: string };
  Date: string;
  LineAmountTypes: XeroLineAmountTypes;
  LineItems: XeroLineItem[];
  Reference: string;
  CurrencyCode: string;
}

/**
 * An overpayment or prepayment, created as a bank transaction of its type (reference §9); Xero
 * keeps no Reference on these types.
 */
export interface XeroOverpaymentTransaction {
  Type: 'RECEIVE-OVERPAYMENT' | 'SPEND-OVERPAYMENT' | 'RECEIVE-PREPAYMENT' | 'SPEND-PREPAYMENT';
  Contact: XeroContactRef;
  BankAccount: { Code: string };
  Date: string;
  LineAmountTypes: 'NoTax';
  LineItems: { Description: string; Quantity: number; UnitAmount: number; AccountCode?: string }[];
  CurrencyCode: string;
}

/** Money between two bank accounts (reference §10); Xero cannot edit one. */
export interface XeroBankTransfer {
  FromBankAccount: { Code: string };
  ToBankAccount: { Code: string };
  Amount: number;
  Date: string;
  Reference: string;
}

export interface XeroJournalLine {
  Description?: string;
  LineAmount: number;
  AccountCode: string;
  TaxType?: string;
  Tracking?: XeroTracking[];
}

/** A manual journal (spec ManualJournal): posted on creation, voided to remove. */
export interface XeroManualJournal {
  Narration: string;
  Date: string;
  LineAmountTypes: XeroLineAmountTypes;
  JournalLines: XeroJournalLine[];
  Status: 'POSTED';
}

/** A decimal string as Xero's JSON number. Exact: our decimals have at most 4 places, which a double holds. */
export function wireNumber(decimal: string): number {
  return Number(decimal);
}
