/**
 * `ledgerbridge map check`: every mapping the documents to push need — planned exactly as a dry
 * run plans them, so the two never disagree — each needed, mapped, missing or invalid against the
 * organisation's accounts, tax rates and tracking options; then each mapping set, validated
 * (FEATURES S6, S7) and its problem stored for `map list`. The needs found are stored as the
 * organisation's needs summary, as every sync pass stores them (the Setup page reads it).
 *
 * @module
 */
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import type { Database } from '../../store/database.js';
import { revalidateMappings } from '../../service/revalidate-mappings.js';
import type { MappingRow } from '../../store/mappings-repo.js';
import { makeMappingContext } from '../../sync/mapping-context.js';
import type { MappingNeed } from '../../sync/mapping-needs.js';
import { runSync } from '../../sync/run-sync.js';
import { resolveNeed, type NeedResolution } from '../../sync/resolve-need.js';
import type { OrganisationSettings } from '../../xero/organisation-settings.js';
import { makeXeroRuntime } from '../../xero/xero-runtime.js';
import type { CommandContext } from '../context.js';
import { pickTenant, withDb, type MapOptions } from './map.js';
import { renderNeeds } from './render-mappings.js';

export interface MapCheckResult {
  readonly tenantId: string;
  readonly organisation: string;
  /** Whether any source entity is routed to the organisation. */
  readonly routed: boolean;
  /** What the documents to push need (sync/mapping-needs.ts). */
  readonly needs: readonly MappingNeed[];
  /** Every mapping set for the organisation, with its problem (null when valid). */
  readonly mappings: readonly MappingRow[];
}

export function runMapCheck(ctx: CommandContext, options: MapOptions): Promise<MapCheckResult> {
  return withDb(ctx, async (db) => {
    const tenantId = await pickTenant(db, options.tenant);
    const xero = await makeXeroRuntime(ctx.config, db);
    xero.settings.invalidate(tenantId);
    const org = await xero.settings.get(tenantId);
    const mappings = await revalidateMappings(db, org);
    const plan = await runSync(
      {
        db,
        api: xero.api,
        settings: xero.settings,
        clock: xero.clock,
        batchSize: ctx.config.xero.batchSize,
      },
      { dryRun: true, planLimit: 0, tenantId, ...(options.source && { source: options.source }) },
    );
    const run = plan.organisations.find((o) => o.tenantId === tenantId);
    const result: MapCheckResult = {
      tenantId,
      organisation: org.name,
      routed: run !== undefined,
      needs: run?.mappings ?? [],
      mappings,
    };
    ctx.out.result(result, renderCheck);
    assertMapped(result);
    return result;
  });
}

/**
 * Exit 3 (as a sync that would refuse documents) when a mapping the documents need is missing or
 * invalid, or a mapping set is invalid: a script can gate `sync` on `map check`.
 */
function assertMapped(r: MapCheckResult): void {
  const open = r.needs.filter((n) => n.status !== 'mapped').length;
  const invalidSet = r.mappings.filter((m) => m.problem !== null).length;
  if (open + invalidSet === 0) return;
  throw new LedgerbridgeError(
    'LB_MAPPINGS_INCOMPLETE',
    `${r.organisation}: ${open} needed mapping${open === 1 ? '' : 's'} missing or invalid, ${invalidSet} set mapping${invalidSet === 1 ? '' : 's'} invalid`,
  );
}

/** One mapping against the organisation's accounts, tax rates and tracking (also PUT /api/mappings). */
export function checkMapping(row: MappingRow, org: OrganisationSettings): NeedResolution {
  return resolveNeed(makeMappingContext([row], row.source, org), row.type, row.key);
}

/** Refuses, naming the value, a mapping the organisation's chart cannot take (nothing saved). */
export async function assertFitsChart(
  ctx: CommandContext,
  db: Database,
  row: MappingRow,
): Promise<void> {
  const xero = await makeXeroRuntime(ctx.config, db);
  xero.settings.invalidate(row.tenantId);
  const check = checkMapping(row, await xero.settings.get(row.tenantId));
  if (!check.ok)
    throw new LedgerbridgeError(
      'LB_MAPPING_INVALID',
      `Cannot map ${row.key} → ${row.value}: ${check.message}`,
      { ...('fix' in check && { fix: check.fix }) },
    );
}

function renderCheck(r: MapCheckResult): string {
  const open = r.needs.filter((n) => n.status !== 'mapped');
  const lines = [
    !r.routed
      ? `${r.organisation}: no source entity is routed here yet (\`ledgerbridge map route SOURCE/ENTITY ${r.tenantId}\`), so no document needs a mapping.`
      : r.needs.length === 0
        ? `${r.organisation}: no document waiting to be pushed needs a mapping.`
        : `${r.organisation}: the documents to push need ${r.needs.length} mapping${r.needs.length === 1 ? '' : 's'} — ${r.needs.length - open.length} mapped, ${count(open, 'missing')} missing, ${count(open, 'invalid')} invalid:`,
    ...renderNeeds(r.needs),
  ];
  const valid = r.mappings.filter((m) => !m.problem);
  lines.push(
    r.mappings.length === 0
      ? 'No mappings set yet.'
      : `${valid.length} of ${r.mappings.length} mappings valid`,
    ...r.mappings
      .filter((m) => m.problem)
      .map((m) => `  ✗ ${m.type} "${m.key}" → ${m.value}: ${m.problem}`),
  );
  return lines.join('\n');
}

const count = (needs: readonly MappingNeed[], status: MappingNeed['status']) =>
  needs.filter((n) => n.status === status).length;
