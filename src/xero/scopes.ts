/**
 * OAuth scopes. Apps created at developer.xero.com since 2 March 2026 must ask for granular
 * scopes; older apps may keep the broad ones until September 2027 (reference/xero-api.md §12).
 *
 * @module
 */

/** What Ledgerbridge needs: write contacts, invoices, payments, bank transactions, journals;
 * settings (write) to create tracking options and read the chart of accounts. */
export const GRANULAR_SCOPES = [
  'offline_access',
  'accounting.invoices',
  'accounting.payments',
  'accounting.banktransactions',
  'accounting.manualjournals',
  'accounting.contacts',
  'accounting.settings',
] as const;

/** The pre-2026 broad set, for apps created before granular scopes existed. */
export const BROAD_SCOPES = [
  'offline_access',
  'accounting.transactions',
  'accounting.contacts',
  'accounting.settings',
] as const;

/** `granular` (default), `broad`, or an explicit space-separated list. */
export function resolveScopes(setting: string, options: { offline: boolean }): string[] {
  const base =
    setting === 'granular'
      ? [...GRANULAR_SCOPES]
      : setting === 'broad'
        ? [...BROAD_SCOPES]
        : setting.split(/\s+/).filter(Boolean);
  // Custom connections (client credentials) get no refresh token, so offline_access is meaningless there.
  return options.offline ? base : base.filter((s) => s !== 'offline_access');
}
