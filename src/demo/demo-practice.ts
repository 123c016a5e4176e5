/**
 * The practices the demo runs: two Xero organisations in the sandbox (a clinic that keeps its
 * books in Cliniko, a law firm that keeps them in Clio), each routed from its source, and the
 * mappings an accountant would choose. The law firm's interest lines are left unmapped on purpose: the first sync
 * refuses the bill Clio charged interest on, with a fix hint; the demo applies the fix, and the
 * second sync clears it.
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

export const LAW_FIRM = {
  name: 'Harbour Law Pty Ltd',
  region: 'AU',
  tenantId: 'a1a1a1a1-0000-4000-8000-000000000002',
  source: 'lawfirm',
  mappings: [
    ['line_kind_account', 'time', '200'],
    ['line_kind_account', 'expense', '200'],
    ['line_kind_account', 'disbursement', '200'],
    ['line_kind_account', 'other', '200'],
    ['tax_code', 'Clio tax 10%', 'OUTPUT'],
    ['tax_code', 'Clio no tax', 'EXEMPTOUTPUT'],
    ['payment_method_account', '*', '090'],
  ],
} as const satisfies DemoOrganisation;

export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [CLINIC, LAW_FIRM];

/** The fix the demo applies between its two syncs. */
export const DEMO_FIX = {
  tenantId: LAW_FIRM.tenantId,
  type: 'line_kind_account' as const,
  key: 'interest',
  value: '260',
};
