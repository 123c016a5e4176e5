/**
 * Xero's document-level refusals, recognised by their exact texts (reference/xero-api.md §6) and
 * turned into a catalogue code with a fix hint naming the value at fault. Unknown texts fall back
 * to LB_XERO_VALIDATION with Xero's own words kept beside ours.
 *
 * @module
 */
import { ERROR_CATALOGUE, type ErrorCode } from '../errors/catalogue.js';

export interface Refusal {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  /** Our plain message. */
  readonly message: string;
  /** Xero's own text, unchanged. */
  readonly xeroMessage: string;
  readonly fix: string;
}

interface Rule {
  readonly pattern: RegExp;
  readonly code: ErrorCode;
  readonly message: (m: RegExpExecArray) => string;
  readonly fix?: (m: RegExpExecArray) => string;
}

const RULES: readonly Rule[] = [
  {
    pattern: /^The contact name (.+) is already assigned to another contact/i,
    code: 'LB_XERO_CONTACT_NAME_TAKEN',
    message: (m) => `Xero already has an active contact named "${m[1]}"`,
  },
  {
    pattern: /^(Invoice|Credit Note|CreditNote) # must be unique/i,
    code: 'LB_XERO_NUMBER_TAKEN',
    message: (m) =>
      `This ${m[1]!.toLowerCase().replace('creditnote', 'credit note')} number is already used in Xero`,
  },
  {
    pattern: /^Payment amount exceeds the amount outstanding/i,
    code: 'LB_XERO_OVERPAYMENT',
    message: () => 'The payment exceeds what is outstanding on the document in Xero',
  },
  {
    pattern:
      /^The document date cannot be before the (period|end of year) lock date(?:,? (?:currently set at|of) (.+?))?\.?$/i,
    code: 'LB_XERO_PERIOD_LOCKED',
    message: (m) =>
      `The document is dated before Xero's ${m[1]!.toLowerCase()} lock date${m[2] ? ` (${m[2]})` : ''}`,
  },
  {
    pattern:
      /Account code '+([^']+)'+ (?:has been removed|is not a valid code|is archived|.*not.*(?:valid|active))/i,
    code: 'LB_XERO_ACCOUNT_INVALID',
    message: (m) => `Account ${m[1]} is not usable in Xero`,
    fix: (m) => `Account ${m[1]} is archived or missing in Xero — choose another in Mappings.`,
  },
  {
    pattern: /The TaxType code '([^']+)' cannot be used with account code '([^']+)'/i,
    code: 'LB_XERO_TAX_INVALID',
    message: (m) => `Tax rate ${m[1]} cannot be used with account ${m[2]} in Xero`,
    fix: (m) =>
      `Choose a tax mapping that account ${m[2]} accepts, or map the line to another account.`,
  },
  {
    // Planning checks tracking against the organisation's settings (cached 10 min), so Xero only
    // refuses an option archived since: the fix is a mapping, never the PMS.
    pattern: /tracking (?:option|category)/i,
    code: 'LB_MAPPING_INVALID',
    message: () => 'Xero refused a tracking category or option of the document',
    fix: () =>
      'Map the PMS tracking value to an active Xero option: `ledgerbridge map tracking "CATEGORY=OPTION" "XERO_CATEGORY=XERO_OPTION"` (`ledgerbridge map tracking-categories` lists Xero’s), then `ledgerbridge retry --all`.',
  },
  {
    pattern: /^The contact is archived/i,
    code: 'LB_XERO_CONTACT_ARCHIVED',
    message: () => 'The contact is archived in Xero',
  },
  {
    pattern:
      /(cannot be edited as it has a payment or credit note allocated|cannot be applied to the invoice because it has payments or credit notes allocated|not of valid status for modification)/i,
    code: 'LB_XERO_DOCUMENT_LOCKED',
    message: () => 'Xero will not change the document while payments or credits are applied to it',
  },
  {
    pattern: /(was not found|could not be found)/i,
    code: 'LB_XERO_NOT_FOUND',
    message: () => 'The document is not in Xero',
  },
];

/** Classifies Xero's messages for one document (the first recognised one decides). */
export function classifyRefusal(messages: readonly string[]): Refusal {
  for (const text of messages) {
    for (const rule of RULES) {
      const m = rule.pattern.exec(text);
      if (!m) continue;
      const definition = ERROR_CATALOGUE[rule.code];
      return {
        code: rule.code,
        retryable: definition.retryable,
        message: rule.message(m),
        xeroMessage: messages.join(' '),
        fix: rule.fix?.(m) ?? definition.fix,
      };
    }
  }
  const definition = ERROR_CATALOGUE.LB_XERO_VALIDATION;
  return {
    code: 'LB_XERO_VALIDATION',
    retryable: false,
    message: 'Xero refused the document',
    xeroMessage: messages.join(' ') || '(no message)',
    fix: definition.fix,
  };
}
