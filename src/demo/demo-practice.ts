/**
 * The practices the demo runs: two Xero organisations in the sandbox (a clinic that keeps its
 * books in Cliniko, a law firm that keeps them in Clio), each routed from its source, and the
 * mappings an accountant would choose. The law firm's interest lines are left unmapped on purpose: the first sync
 * refuses the bill Clio charged interest on, with a fix hint; the demo applies the fix, and the
 * second sync clears it.
 *
 * The law firm keeps client money in trust: its Xero chart gets a trust bank account and a trust
 * liability account (Xero's default AU chart has neither; a firm adds them in Xero's chart of
 * accounts screen), mapped with `map trust-bank` / `map trust-liability`, so Clio's trust
 * transactions post there (docs/ledger-format.md "Trust movement"). Clio has no accounts payable
 * and no returned cheques, so the firm's supplier bills come through a second source routed to the
 * same organisation: a file drop (law-firm-payables.ts).
 *
 * @module
 */
import { CLEARING_METHOD } from '../sources/cliniko/index.js';
import type { NewOrganisation } from '../sandbox/xero/index.js';
import type { MappingType } from '../store/mappings-repo.js';

export type DemoMapping = readonly [MappingType, string, string];

export interface DemoOrganisation extends NewOrganisation {
  readonly tenantId: string;
  /** The Ledgerbridge source routed here (its entity comes from the connect step). */
  readonly source: 'clinic' | 'lawfirm';
  /** Further sources routed here (the law firm's payables file drop). */
  readonly alsoFrom?: readonly string[];
  readonly mappings: readonly DemoMapping[];
}

export const CLINIC = {
  name: 'Harbour Physio Pty Ltd',
  region: 'AU',
  tenantId: 'a1a1a1a1-0000-4000-8000-000000000001',
  source: 'clinic',
  mappings: [
    ['line_kind_account', 'time', '200'],
    ['line_kind_account', 'other', '200'],
    ['tax_code', 'GST', 'OUTPUT'],
    ['tax_code', 'GST Free', 'EXEMPTOUTPUT'],
    // Cliniko's API has no payments: what a Paid or Closed invoice still owes is settled here.
    ['payment_method_account', CLEARING_METHOD, '090'],
  ],
} as const satisfies DemoOrganisation;

/** The law firm's trust bank account (added to its chart) and its office account (Xero's 090). */
export const TRUST_BANK_CODE = '092';
export const OFFICE_BANK_CODE = '090';

export const LAW_FIRM = {
  name: 'Harbour Law Pty Ltd',
  region: 'AU',
  tenantId: 'a1a1a1a1-0000-4000-8000-000000000002',
  source: 'lawfirm',
  alsoFrom: ['lawfirm-payables'],
  mappings: [
    ['line_kind_account', 'time', '200'],
    ['line_kind_account', 'expense', '200'],
    ['line_kind_account', 'disbursement', '200'],
    ['line_kind_account', 'other', '200'],
    ['tax_code', 'Clio tax 10%', 'OUTPUT'],
    ['tax_code', 'Clio no tax', 'EXEMPTOUTPUT'],
    ['payment_method_account', '*', '090'],
    // Trust money, hard costs paid from the operating account, supplier bills.
    ['trust_bank_account', '*', TRUST_BANK_CODE],
    ['trust_liability_account', '*', '855'],
    ['bank_account', 'operating', OFFICE_BANK_CODE],
    ['category_account', 'Court filing fees', '310'],
    ['category_account', 'Rent', '469'],
    ['category_account', 'Subscriptions', '453'],
    ['tax_code', 'GST on expenses', 'INPUT'],
  ],
} as const satisfies DemoOrganisation;

/** What the law firm's bookkeeper adds to Xero's chart before connecting (codes as mapped above). */
export const LAW_FIRM_ACCOUNTS = [
  {
    Code: TRUST_BANK_CODE,
    Name: 'Client Trust Account',
    Type: 'BANK',
    BankAccountNumber: '062000 87654321',
  },
  { Code: '855', Name: 'Trust Liability — Client Money', Type: 'CURRLIAB' },
] as const;

/** The law firm's second source: its payables and banking, which Clio does not keep. */
export const LAW_FIRM_PAYABLES = {
  source: LAW_FIRM.alsoFrom[0],
  label: 'Harbour Law payables & banking (file drop)',
} as const;

export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [CLINIC, LAW_FIRM];

/** The fix the demo applies between its two syncs. */
export const DEMO_FIX = {
  tenantId: LAW_FIRM.tenantId,
  type: 'line_kind_account' as const,
  key: 'interest',
  value: '260',
};
