/**
 * The organisation a command means: --tenant (which must be one the store knows), or the only one
 * connected.
 *
 * @module
 */
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import type { Database } from '../../store/index.js';
import { listOrganisations } from '../../store/organisations-repo.js';

/** The organisation meant: --tenant, or the only one connected. */
export async function pickTenant(db: Database, tenant: string | undefined): Promise<string> {
  const orgs = await listOrganisations(db);
  if (tenant) {
    if (!orgs.some((o) => o.tenantId === tenant))
      throw new LedgerbridgeError('LB_XERO_NOT_CONNECTED', `No connected organisation ${tenant}`, {
        fix: 'See `ledgerbridge status` for the connected organisations.',
      });
    return tenant;
  }
  if (orgs.length === 1) return orgs[0]!.tenantId;
  throw new LedgerbridgeError(
    'LB_USAGE',
    orgs.length === 0
      ? 'No Xero organisation is connected'
      : 'Several organisations are connected: say which',
    {
      fix:
        orgs.length === 0
          ? 'Run `ledgerbridge connect xero` first.'
          : 'Add --tenant TENANT_ID (see `ledgerbridge status`).',
    },
  );
}
