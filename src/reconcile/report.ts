/** A reconciliation report: one result per organisation, with the organisation's name. */
import { CATEGORIES, type Category } from './model.js';
import type { ReconcileResult } from './reconcile.js';
import type { TrustJson } from './render-trust.js';

export interface OrganisationReport {
  readonly organisation: string;
  readonly result: ReconcileResult;
  /** Open differences of earlier reconciliations, oldest first (the trend). */
  readonly trend: readonly { readonly at: string; readonly open: number }[];
  /** The three-way trust reconciliation, when a trust bank account is mapped (trust-report.ts). */
  readonly trust?: TrustJson;
}

export const CATEGORY_LABELS: Record<Category | 'agree', string> = {
  agree: 'Agree',
  missing_in_xero: 'Missing in Xero',
  only_in_xero: 'In Xero, not in the practice system',
  different: 'In both, different',
  changed_in_xero: 'Changed in Xero since pushed',
};

export const SUMMARY_ROWS = ['agree', ...CATEGORIES] as const;

/** What a person types to act on a difference, for its offers. */
export function offeredCommands(id: string, offers: readonly string[]): string[] {
  return offers.map((o) =>
    o === 'accept'
      ? `ledgerbridge reconcile accept ${id} --reason TEXT`
      : `ledgerbridge reconcile fix ${id} --${o}`,
  );
}
