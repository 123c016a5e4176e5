import { describe, expect, it } from 'vitest';
import { classifyRefusal } from './xero-refusals.js';

// Xero's exact texts, from reference/xero-api.md §6.
describe('classifyRefusal', () => {
  it.each([
    [
      'The contact name Buzz Lightyear is already assigned to another contact. The contact name must be unique across all active contacts.',
      'LB_XERO_CONTACT_NAME_TAKEN',
      'Xero already has an active contact named "Buzz Lightyear"',
    ],
    [
      'Invoice # must be unique.',
      'LB_XERO_NUMBER_TAKEN',
      'This invoice number is already used in Xero',
    ],
    [
      'Payment amount exceeds the amount outstanding on this document',
      'LB_XERO_OVERPAYMENT',
      'The payment exceeds what is outstanding on the document in Xero',
    ],
    [
      'The document date cannot be before the period lock date, currently set at 30 June 2026',
      'LB_XERO_PERIOD_LOCKED',
      "The document is dated before Xero's period lock date (30 June 2026)",
    ],
    [
      'The document date cannot be before the end of year lock date, currently set at 31-Jul-2013',
      'LB_XERO_PERIOD_LOCKED',
      "The document is dated before Xero's end of year lock date (31-Jul-2013)",
    ],
    [
      "Account code ''476'' has been removed as it does not match a recognised account.",
      'LB_XERO_ACCOUNT_INVALID',
      'Account 476 is not usable in Xero',
    ],
    [
      "The TaxType code 'OUTPUT' cannot be used with account code '090'.",
      'LB_XERO_TAX_INVALID',
      'Tax rate OUTPUT cannot be used with account 090 in Xero',
    ],
    [
      'The contact is archived and cannot be used.',
      'LB_XERO_CONTACT_ARCHIVED',
      'The contact is archived in Xero',
    ],
    [
      'This document cannot be edited as it has a payment or credit note allocated to it.',
      'LB_XERO_DOCUMENT_LOCKED',
      expect.any(String),
    ],
    [
      'The status VOIDED cannot be applied to the invoice because it has payments or credit notes allocated to it.',
      'LB_XERO_DOCUMENT_LOCKED',
      expect.any(String),
    ],
    [
      'The document with the supplied id was not found for this endpoint.',
      'LB_XERO_NOT_FOUND',
      'The document is not in Xero',
    ],
  ])('%s', (text, code, message) => {
    const refusal = classifyRefusal([text]);
    expect(refusal).toMatchObject({
      code,
      message: message as unknown,
      xeroMessage: text,
      retryable: false,
    });
    expect(refusal.fix.length).toBeGreaterThan(10);
  });

  it('names the account in the fix hint', () => {
    expect(classifyRefusal(["Account code '200' is archived"]).fix).toBe(
      'Account 200 is archived or missing in Xero — choose another in Mappings.',
    );
  });

  it('sends an unknown tracking option to the mappings, not back to the PMS', () => {
    const refusal = classifyRefusal([
      "The tracking option 'Dr Lee' of category 'Practitioner' does not exist or is not active.",
    ]);
    expect(refusal.code).toBe('LB_MAPPING_INVALID');
    expect(refusal.fix).toContain('ledgerbridge map tracking');
    expect(refusal.fix).not.toContain('PMS (');
  });

  it('keeps Xero’s words when it does not recognise them', () => {
    expect(classifyRefusal(['Something new'])).toMatchObject({
      code: 'LB_XERO_VALIDATION',
      xeroMessage: 'Something new',
    });
  });
});
