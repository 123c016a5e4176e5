/**
 * A plain heading for each cause of sync errors (the catalogue code), for people who keep the
 * books, not for developers. A code without one here is shown by its first error's message.
 *
 * @module
 */
const CAUSES: Readonly<Record<string, string>> = {
  LB_MAPPING_MISSING: 'An account, tax rate or payment method has no Xero mapping yet',
  LB_MAPPING_INVALID: 'A mapping points at something Xero no longer accepts',
  LB_SYNC_NOT_ROUTED: 'The practice or firm is not linked to a Xero organisation yet',
  LB_SYNC_REFERENCE_MISSING: 'A document refers to another that has not reached Xero',
  LB_SYNC_BLOCKED: 'Waiting on another document that could not be sent',
  LB_SYNC_PERIOD_LOCKED: 'The date falls in a period locked in Xero',
  LB_SYNC_CURRENCY_MISMATCH: 'The currency differs from what Xero holds',
  LB_SYNC_DUPLICATE_PAYMENT: 'A payment appears twice in Xero',
  LB_SYNC_XERO_EDIT: 'Someone changed the document in Xero',
  LB_SYNC_RECONCILED: 'The payment is reconciled in Xero and cannot be changed',
  LB_SYNC_PAYMENT_RECONCILED: 'The payment is reconciled in Xero and cannot be changed',
  LB_XERO_ACCOUNT_INVALID: 'Xero refused the account',
  LB_XERO_TAX_INVALID: 'Xero refused the tax rate',
  LB_XERO_CONTACT_NAME_TAKEN: 'Another Xero contact already has this name',
  LB_XERO_NUMBER_TAKEN: 'Xero already has a document with this number',
  LB_XERO_OVERPAYMENT: 'The payment is more than what is owed',
  LB_XERO_PERIOD_LOCKED: 'The date falls in a period locked in Xero',
  LB_XERO_CONTACT_ARCHIVED: 'The contact is archived in Xero',
  LB_XERO_DOCUMENT_LOCKED: 'The document can no longer be changed in Xero',
  LB_XERO_VALIDATION: 'Xero refused the document',
};

export function causeHeading(code: string, firstMessage: string | undefined): string {
  return CAUSES[code] ?? firstMessage ?? 'Other problems';
}
