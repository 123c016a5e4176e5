/**
 * Xero's validation texts, in one place. Texts marked "reference §6" or with a spec line are
 * Xero's own, character for character; the rest (marked "sandbox wording") are ours where no
 * Xero text was found, and are listed in docs/xero-sandbox.md under known differences.
 *
 * @module
 */
import { formatUnits } from '../../../ledger/decimal.js';
import { lockDateText } from '../xero-dates.js';
import type { IsoDate } from '../xero-dates.js';

export const MSG = {
  /** reference §6, spec L8387. */
  invoiceNumberUnique: 'Invoice # must be unique.',
  /** sandbox wording, by analogy with the invoice text. */
  creditNoteNumberUnique: 'Credit Note # must be unique.',
  /** reference §6, spec L11897. */
  paymentExceeds: 'Payment amount exceeds the amount outstanding on this document',
  /** Xero's text as reported by integrations (reference §8: AUTHORISED documents only). */
  paymentNotAuthorised: 'Payments can only be made against Authorised documents',
  /** Xero's text as reported by integrations (reference §8: BANK or EnablePaymentsToAccount). */
  paymentAccountInvalid: 'Account type is invalid for making a payment to/from',
  /** reference §6 (Linx mirror of Xero's Payments page). */
  paymentImmutable: 'Payments cannot be modified, only created and deleted.',
  /** reference §6 (Bookeo docs). */
  paymentNotModifiable: 'Payment not of valid status for modification',
  /** reference §6, spec L1602. */
  contactMissing:
    'The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber',
  /** reference §6. */
  contactArchived: 'The contact is archived and cannot be used.',
  /** reference §6. */
  editAllocated:
    'This document cannot be edited as it has a payment or credit note allocated to it.',
  /** reference §6. */
  invoiceNotModifiable: 'Invoice not of valid status for modification',
  /** sandbox wording. */
  creditNoteNotModifiable: 'Credit Note not of valid status for modification',
  /** reference §6, spec L157. */
  accountNameUnique: 'Please enter a unique Name.',
  /** sandbox wording, by analogy with the name text. */
  accountCodeUnique: 'Please enter a unique Code.',
  /** sandbox wording. */
  contactNameRequired: 'The contact name must be specified.',
  /** sandbox wording. */
  narrationRequired: 'Narration must be specified.',
  /** sandbox wording. */
  journalTwoLines: 'A manual journal must have at least two journal lines.',
  /** sandbox wording. */
  transferSameAccount: 'The From and To bank accounts must be different.',
  /** sandbox wording. */
  amountPositive: 'Amount must be greater than zero.',
  /** sandbox wording. */
  bankAccountRequired: 'A valid bank account must be specified.',
  /** sandbox wording. */
  lineItemsRequired: 'At least one line item must be specified.',
} as const;

/** reference §6, spec L3963: duplicate name among active contacts. */
export function contactNameTaken(name: string): string {
  return `The contact name ${name} is already assigned to another contact. The contact name must be unique across all active contacts.`;
}

/** reference §6, spec L10184: a warning; Xero doubles the quotes. */
export function accountCodeRemoved(code: string): string {
  return `Account code ''${code}'' has been removed as it does not match a recognised account.`;
}

/** Xero's text as reported by integrations, for an account the document may not use. */
export function accountNotValidForDocument(code: string): string {
  return `Account code '${code}' is not a valid code for this document.`;
}

/** Xero's text as reported by integrations, for an archived or deleted account. */
export function accountArchived(code: string): string {
  return `Account code '${code}' has been archived, or has been deleted. Each line item must reference a valid account.`;
}

/** reference §6. */
export function taxTypeNotForAccount(taxType: string, code: string): string {
  return `The TaxType code '${taxType}' cannot be used with account code '${code}'.`;
}

/** sandbox wording. */
export function taxTypeUnknown(taxType: string): string {
  return `The TaxType code '${taxType}' does not exist or cannot be used with this type of document.`;
}

/** reference §6, spec L10186: the debits and credits as signed sums with 2 decimals. */
export function journalUnbalanced(debits: bigint, credits: bigint): string {
  return `The total debits (${formatUnits(debits, 2)}) must equal total credits (${formatUnits(credits, 2)})`;
}

/** reference §6: "The document date cannot be before the period lock date" with its date. */
export function periodLocked(lockDate: IsoDate): string {
  return `The document date cannot be before the period lock date, currently set at ${lockDateText(lockDate)}`;
}

/** reference §6 (`waynerobinson/xeroizer#92`). */
export function endOfYearLocked(lockDate: IsoDate): string {
  return `The document date cannot be before the end of year lock date, currently set at ${lockDateText(lockDate)}`;
}

/** reference §6: a status change refused because money is allocated. */
export function statusBlockedByAllocations(status: string, noun: string): string {
  return `The status ${status} cannot be applied to the ${noun} because it has payments or credit notes allocated to it.`;
}

/** spec L5567 pattern: "An existing Credit Note with the specified CreditNoteID could not be found". */
export function existingNotFound(noun: string, idField: string): string {
  return `An existing ${noun} with the specified ${idField} could not be found`;
}

/** sandbox wording. */
export function contactNotFound(field: 'ContactID' | 'ContactNumber'): string {
  return `The contact with the specified ${field} could not be found.`;
}

/** sandbox wording. */
export function invalidField(field: string): string {
  return `${field} is not valid.`;
}

/** sandbox wording. */
export function requiredField(field: string): string {
  return `${field} must be specified.`;
}

/** sandbox wording. */
export function statusNotAllowedOnCreate(status: string, noun: string): string {
  return `The status ${status} cannot be used when creating a new ${noun}.`;
}

/** sandbox wording. */
export function trackingUnknown(category: string, option: string): string {
  return `The tracking option '${option}' of category '${category}' does not exist or is not active.`;
}

/** sandbox wording. */
export function allocationExceeds(noun: string): string {
  return `The amount allocated cannot exceed the remaining credit on this ${noun} or the amount due on the invoice.`;
}

/** sandbox wording. */
export function allocationTypeMismatch(noun: string): string {
  return `This ${noun} cannot be allocated to an invoice of that type or contact.`;
}

/** sandbox wording. */
export function currencyNotEnabled(code: string): string {
  return `The currency ${code} is not enabled for this organisation.`;
}
