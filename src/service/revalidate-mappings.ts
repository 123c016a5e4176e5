/**
 * Re-validating an organisation's mappings against its chart as last read from Xero (FEATURES
 * S7): an account archived or deleted, a tax rate or tracking option gone makes the mappings that
 * name it invalid, and the problem is stored on each (the dashboard's banner and `map list` show
 * it); one valid again is cleared. Only changed problems are written. Run after every sync pass,
 * by the Setup page and by `ledgerbridge map check`.
 *
 * @module
 */
import { checkMapping } from '../cli/commands/map-check.js';
import type { Queryable } from '../store/database.js';
import { listMappings, markMappingProblem, type MappingRow } from '../store/mappings-repo.js';
import type { OrganisationSettings } from '../xero/organisation-settings.js';

/** Every mapping of the organisation, with its problem now (null when valid). */
export async function revalidateMappings(
  db: Queryable,
  org: OrganisationSettings,
): Promise<MappingRow[]> {
  const checked: MappingRow[] = [];
  for (const row of await listMappings(db, org.tenantId)) {
    const check = checkMapping(row, org);
    const problem = check.ok ? null : check.message;
    if (problem !== row.problem) await markMappingProblem(db, row, problem);
    checked.push({ ...row, problem });
  }
  return checked;
}
