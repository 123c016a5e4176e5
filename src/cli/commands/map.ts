/**
 * `ledgerbridge map …`: routes (entity → organisation, FEATURES R3) and mappings (line kind,
 * category, tax code, payment method, bank account, rounding, tracking → Xero). `map check` (map-check.ts) says
 * which the documents need; `map accounts` and the like (map-lists.ts) what Xero offers.
 *
 * @module
 */
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import { openStore, type Database } from '../../store/index.js';
import {
  listMappings,
  putMapping,
  type MappingRow,
  type MappingType,
} from '../../store/mappings-repo.js';
import { writeRoute } from '../../service/save-route.js';
import { ensureSource } from '../../store/sources-repo.js';
import { parseTrackingPair } from '../../sync/tracking-mapping.js';
import type { CommandContext } from '../context.js';
import { pickTenant } from './pick-tenant.js';

// Re-exported: commands of the map group took it from here before it had its own file.
export { pickTenant };

export const MAPPING_KINDS: Record<string, MappingType> = {
  'line-kind': 'line_kind_account',
  category: 'category_account',
  'tax-code': 'tax_code',
  'payment-method': 'payment_method_account',
  'bank-account': 'bank_account',
  rounding: 'rounding_account',
  'trust-bank': 'trust_bank_account',
  'trust-liability': 'trust_liability_account',
  'bad-debt': 'bad_debt_account',
  'processor-fees': 'processor_fee_account',
  tracking: 'tracking',
};

/** Mappings with one value per organisation: `map rounding CODE`, `map trust-bank CODE`. */
const ORGANISATION_WIDE: ReadonlySet<MappingType> = new Set([
  'rounding_account',
  'trust_bank_account',
  'trust_liability_account',
  'bad_debt_account',
  'processor_fee_account',
]);

/** Checked against the chart before they are saved (a wrong one refuses every document). */
const CHECKED_FIRST: ReadonlySet<MappingType> = new Set([
  'bank_account',
  'bad_debt_account',
  'processor_fee_account',
]);

/** What `map accounts|tax-types|tracking-categories` lists (map-lists.ts, loaded only for those). */
export type Lister = 'accounts' | 'tax-types' | 'tracking-categories';
export const MAP_LISTS: readonly Lister[] = ['accounts', 'tax-types', 'tracking-categories'];

export interface MapOptions {
  readonly tenant?: string;
  readonly source?: string;
}

export async function withDb<T>(
  ctx: CommandContext,
  work: (db: Database) => Promise<T>,
): Promise<T> {
  const { db } = await openStore(ctx.config, 'existing');
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

export function runMapRoute(ctx: CommandContext, target: string, tenant: string): Promise<unknown> {
  const [source, entity = 'default'] = target.split('/');
  if (!source) throw new LedgerbridgeError('LB_USAGE', `Expected SOURCE/ENTITY, got "${target}"`);
  return withDb(ctx, async (db) => {
    const tenantId = await pickTenant(db, tenant);
    await ensureSource(db, source, 'file');
    await db.transaction((tx) => writeRoute(tx, { source, entity, tenantId }));
    const result = { source, entity, tenantId };
    ctx.out.result(result, (r) => `Documents of ${r.source}/${r.entity} now go to ${r.tenantId}.`);
    return result;
  });
}

export function runMapSet(
  ctx: CommandContext,
  kind: string,
  key: string,
  value: string | undefined,
  options: MapOptions,
): Promise<unknown> {
  const type = MAPPING_KINDS[kind];
  if (!type)
    throw new LedgerbridgeError('LB_USAGE', `Unknown mapping "${kind}"`, {
      fix: `Use one of: route, ${Object.keys(MAPPING_KINDS).join(', ')}, list, check, accounts, tax-types, tracking-categories.`,
    });
  // `map rounding CODE` takes one value; the others take KEY VALUE.
  const [mapKey, mapValue] = ORGANISATION_WIDE.has(type) ? ['*', key] : [key, value];
  if (!mapValue)
    throw new LedgerbridgeError('LB_USAGE', `map ${kind} needs a key and a Xero value`);
  if (type === 'tracking') assertTrackingPairs(mapKey, mapValue);
  return withDb(ctx, async (db) => {
    const row = {
      tenantId: await pickTenant(db, options.tenant),
      source: options.source ?? '*',
      type,
      key: mapKey,
      value: mapValue,
    };
    // A bank account is checked against the chart before it is saved: a transaction posted to
    // anything but a BANK account is refused by Xero, every one of them, on every run.
    if (CHECKED_FIRST.has(type) || type.startsWith('trust_')) {
      const { assertFitsChart } = await import('./map-check.js');
      await assertFitsChart(ctx, db, { ...row, problem: null });
    }
    await putMapping(db, row);
    ctx.out.result(
      row,
      (r) =>
        `Mapped ${kind} ${r.key === '*' ? '' : `"${r.key}" `}→ ${r.value} for ${r.tenantId}${r.source === '*' ? '' : ` (source ${r.source})`}. Check it with \`ledgerbridge map check\`.`,
    );
    return row;
  });
}

export function runMapList(ctx: CommandContext, options: MapOptions): Promise<MappingRow[]> {
  return withDb(ctx, async (db) => {
    const rows = await listMappings(db, options.tenant);
    ctx.out.result(rows, (rs) =>
      rs.length === 0
        ? 'No mappings yet.'
        : rs
            .map(
              (r) =>
                `${r.tenantId}  ${r.type.padEnd(22)} ${(r.source === '*' ? '' : `${r.source}:`) + r.key} → ${r.value}${r.problem ? `   ✗ ${r.problem}` : ''}`,
            )
            .join('\n'),
    );
    return rows;
  });
}

/** `map tracking "Practitioner=Dr Lee" "Region=North"`: both sides CATEGORY=OPTION. */
function assertTrackingPairs(key: string, value: string): void {
  for (const [side, text] of [
    ['PMS tracking', key],
    ['Xero tracking', value],
  ] as const)
    if (!parseTrackingPair(text))
      throw new LedgerbridgeError('LB_USAGE', `The ${side} "${text}" is not CATEGORY=OPTION`, {
        fix: 'Write both as CATEGORY=OPTION: `ledgerbridge map tracking "Practitioner=Dr Lee" "Region=North"` (`ledgerbridge map tracking-categories` lists Xero’s).',
      });
}
