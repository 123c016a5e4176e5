/**
 * Setting a mapping: checked against the organisation's accounts, tax rates and tracking in Xero
 * first (as `ledgerbridge map check` checks them); a mapping Xero would refuse is refused naming
 * the field and the value, and nothing is saved. One function for `PUT /api/…/mappings/…` and the
 * dashboard's Setup page.
 *
 * @module
 */
import { checkMapping } from '../cli/commands/map-check.js';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import { appendAudit } from '../store/audit-repo.js';
import type { Database } from '../store/database.js';
import { putMapping, type MappingRow } from '../store/mappings-repo.js';
import type { OrganisationSettings } from '../xero/organisation-settings.js';

export async function saveMapping(
  db: Database,
  row: MappingRow,
  organisation: OrganisationSettings,
  actor: string,
): Promise<void> {
  const check = checkMapping(row, organisation);
  if (!check.ok)
    throw new LedgerbridgeError('LB_MAPPING_INVALID', `value "${row.value}": ${check.message}`, {
      details: { field: 'value', value: row.value, type: row.type, key: row.key },
    });
  await db.transaction(async (tx) => {
    await putMapping(tx, row);
    await appendAudit(tx, [
      { action: 'mapping.set', actor, tenantId: row.tenantId, detail: { ...row } },
    ]);
  });
}
