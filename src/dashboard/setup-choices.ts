/**
 * What the Setup page offers for each mapping, taken from the organisation's chart in Xero: only
 * active accounts with a code (Xero's API takes a line's account by code), payments only to bank
 * accounts or accounts with "enable payments" ticked, bank accounts only to BANK accounts, tax
 * types from its active tax rates, tracking from its active options. The save still goes through
 * the same check as the API (src/service/save-mapping.ts): the list only keeps choices honest.
 *
 * @module
 */
import type { MappingType } from '../store/mappings-repo.js';
import type { MappingNeed, NeedType } from '../sync/mapping-needs.js';
import type { OrganisationSettings, XeroAccount } from '../xero/organisation-settings.js';

export interface Choice {
  readonly value: string;
  readonly label: string;
}

type Account = XeroAccount & { readonly code: string };

const accountChoices = (org: OrganisationSettings, fits: (a: XeroAccount) => boolean): Choice[] =>
  org.accounts
    .filter((a): a is Account => a.code !== undefined && a.status === 'ACTIVE' && fits(a))
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((a) => ({ value: a.code, label: `${a.code} — ${a.name}` }));

/** The choices for a need; undefined when it is not a mapping (a line's own account code). */
export function choicesFor(type: NeedType, org: OrganisationSettings): Choice[] | undefined {
  switch (type) {
    case 'line_account':
      return undefined;
    case 'tax_code':
      return org.taxRates
        .filter((t) => t.status === 'ACTIVE')
        .map((t) => ({ value: t.taxType, label: `${t.name} (${t.taxType}, ${t.rate}%)` }));
    case 'tracking':
      return org.trackingCategories
        .filter((c) => c.status === 'ACTIVE')
        .flatMap((c) =>
          c.options
            .filter((o) => o.status === 'ACTIVE')
            .map((o) => ({ value: `${c.name}=${o.name}`, label: `${c.name}: ${o.name}` })),
        );
    case 'payment_method_account':
      return accountChoices(org, (a) => a.type === 'BANK' || a.enablePayments);
    case 'bank_account':
    case 'trust_bank_account':
      return accountChoices(org, (a) => a.type === 'BANK');
    case 'trust_liability_account':
      return accountChoices(org, (a) => a.accountClass === 'LIABILITY');
    case 'bad_debt_account':
    case 'processor_fee_account':
      return accountChoices(org, (a) => a.accountClass === 'EXPENSE');
    default:
      return accountChoices(org, () => true);
  }
}

const MAPPING_TYPES: readonly MappingType[] = [
  'line_kind_account',
  'category_account',
  'tax_code',
  'payment_method_account',
  'tracking',
  'rounding_account',
  'bank_account',
  'trust_bank_account',
  'trust_liability_account',
  'bad_debt_account',
  'processor_fee_account',
];

/** The mapping types a need can be saved as (a line's own account code is not one). */
export const isMappingType = (type: string): type is MappingType =>
  (MAPPING_TYPES as readonly string[]).includes(type);

const STATUS_ORDER: readonly MappingNeed['status'][] = ['missing', 'invalid', 'mapped'];

/** Missing first, then invalid, then mapped; the planner's order within each. */
export const missingFirst = (needs: readonly MappingNeed[]): MappingNeed[] =>
  [...needs].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));

/** What a person calls each need (never the internal type names). */
export const NEED_LABELS: Readonly<Record<NeedType, string>> = {
  line_kind_account: 'Line kind',
  category_account: 'Category',
  line_account: 'Account code on a line',
  tax_code: 'Tax code',
  tracking: 'Tracking',
  payment_method_account: 'Payment method',
  bank_account: 'Bank account',
  trust_bank_account: 'Trust bank account',
  trust_liability_account: 'Trust liability account',
  bad_debt_account: 'Bad-debt account',
  processor_fee_account: 'Processor-fee account',
  rounding_account: 'Rounding',
};
