/**
 * The sample practice the demo runs: three Xero organisations in the sandbox (a clinic, and a law
 * firm's office and trust books, FEATURES R3), the routes from the sample sources to them, the
 * tracking categories a bookkeeper would have set up in Xero, and the mappings an accountant
 * would choose. The law firm's interest category is left unmapped on purpose: the first sync
 * refuses those bills with a fix hint, the demo applies the fix, and the second sync clears them.
 *
 * @module
 */
import type { NewOrganisation } from '../sandbox/xero/index.js';
import type { MappingType } from '../store/mappings-repo.js';

export interface DemoOrganisation extends NewOrganisation {
  readonly tenantId: string;
  readonly route: { readonly source: string; readonly entity: string };
  readonly tracking: Readonly<Record<string, readonly string[]>>;
  readonly mappings: readonly (readonly [MappingType, string, string])[];
}

const PAYMENTS: readonly (readonly [MappingType, string, string])[] = [
  ['payment_method_account', 'card', '090'],
  ['payment_method_account', 'eftpos', '090'],
  ['payment_method_account', 'eft', '090'],
  ['payment_method_account', 'cheque', '090'],
];

const TAX: readonly (readonly [MappingType, string, string])[] = [
  ['tax_code', 'GST', 'OUTPUT'],
  ['tax_code', 'GST_FREE', 'EXEMPTOUTPUT'],
];

export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
  {
    name: 'Harbour Physio Pty Ltd',
    region: 'AU',
    tenantId: 'a1a1a1a1-0000-4000-8000-000000000001',
    route: { source: 'demo-clinic', entity: 'default' },
    tracking: { Practitioner: ['Dr Lee', 'Dr Okafor'] },
    mappings: [
      ['line_kind_account', 'time', '200'],
      ['line_kind_account', 'product', '200'],
      ...TAX,
      ...PAYMENTS,
    ],
  },
  {
    name: 'Harbour Law Pty Ltd',
    region: 'AU',
    tenantId: 'a1a1a1a1-0000-4000-8000-000000000002',
    route: { source: 'demo-lawfirm', entity: 'office' },
    tracking: {
      'Practice area': [
        'Commercial leasing',
        'Conveyancing',
        'Estate planning',
        'Family law',
        'Litigation',
      ],
    },
    mappings: [
      ['line_kind_account', 'time', '200'],
      ['line_kind_account', 'expense', '200'],
      ['line_kind_account', 'disbursement', '200'],
      ['category_account', 'Counsel fees', '310'],
      ['tax_code', 'bill:GST', 'INPUT'],
      ...TAX,
      ...PAYMENTS,
    ],
  },
  {
    name: 'Harbour Law Trust Account',
    region: 'AU',
    tenantId: 'a1a1a1a1-0000-4000-8000-000000000003',
    route: { source: 'demo-lawfirm', entity: 'trust' },
    tracking: {},
    mappings: [['line_kind_account', 'disbursement', '200'], ...TAX, ...PAYMENTS],
  },
];

/** The fix the demo applies between its two syncs. */
export const DEMO_FIX = {
  tenantId: DEMO_ORGANISATIONS[1]!.tenantId,
  type: 'line_kind_account' as const,
  key: 'interest',
  value: '260',
};
