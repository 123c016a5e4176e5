/**
 * `ledgerbridge map accounts | tax-types | tracking-categories`: what the organisation offers to
 * map to — its chart of accounts, tax rates and tracking categories — read through the settings
 * cache every sync uses (three of the five reads it makes at most once in ten minutes).
 *
 * @module
 */
import type { OrganisationSettings } from '../../xero/organisation-settings.js';
import { makeXeroRuntime } from '../../xero/xero-runtime.js';
import type { CommandContext } from '../context.js';
import { pickTenant, withDb, type Lister, type MapOptions } from './map.js';

export function runMapListing(
  ctx: CommandContext,
  what: Lister,
  options: MapOptions,
): Promise<unknown> {
  return withDb(ctx, async (db) => {
    const tenantId = await pickTenant(db, options.tenant);
    const xero = await makeXeroRuntime(ctx.config, db);
    const org = await xero.settings.get(tenantId);
    if (what === 'accounts') return show(ctx, org, accountsOf(org));
    if (what === 'tax-types') return show(ctx, org, taxTypesOf(org));
    return show(ctx, org, trackingOf(org));
  });
}

interface Listing<T> {
  readonly noun: string;
  readonly rows: readonly T[];
  readonly columns: readonly (readonly [string, (row: T) => string])[];
  readonly hint: string;
}

function show<T>(ctx: CommandContext, org: OrganisationSettings, listing: Listing<T>): T[] {
  const rows = [...listing.rows];
  ctx.out.result(rows, () => table(org, listing));
  return rows;
}

function table<T>(org: OrganisationSettings, { noun, rows, columns, hint }: Listing<T>): string {
  if (rows.length === 0) return `${org.name} has no ${noun} in Xero.`;
  const cells = [columns.map(([title]) => title), ...rows.map((r) => columns.map(([, f]) => f(r)))];
  const widths = columns.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
  return [
    `${org.name}: ${rows.length} ${noun}`,
    ...cells.map((c) => `  ${c.map((v, i) => v.padEnd(widths[i]!)).join('  ')}`.trimEnd()),
    hint,
  ].join('\n');
}

export function accountsOf(
  org: OrganisationSettings,
): Listing<OrganisationSettings['accounts'][number]> {
  return {
    noun: 'accounts',
    rows: [...org.accounts].sort((a, b) => (a.code ?? '~').localeCompare(b.code ?? '~')),
    columns: [
      ['CODE', (a) => a.code ?? '(none)'],
      ['NAME', (a) => a.name],
      ['TYPE', (a) => a.type],
      ['STATUS', (a) => a.status],
      ['PAYMENTS', (a) => (a.type === 'BANK' || a.enablePayments ? 'yes' : '')],
    ],
    hint: 'Map with `ledgerbridge map line-kind KIND CODE`, `map category "NAME" CODE` or `map payment-method METHOD CODE` (payments need an account marked PAYMENTS).',
  };
}

function taxTypesOf(org: OrganisationSettings): Listing<OrganisationSettings['taxRates'][number]> {
  return {
    noun: 'tax rates',
    rows: [...org.taxRates].sort((a, b) => a.taxType.localeCompare(b.taxType)),
    columns: [
      ['TAX TYPE', (t) => t.taxType],
      ['NAME', (t) => t.name],
      ['RATE %', (t) => t.rate],
      ['STATUS', (t) => t.status],
    ],
    hint: 'Map with `ledgerbridge map tax-code CODE TAX_TYPE` (`bill:CODE` for supplier bills).',
  };
}

interface TrackingRow {
  readonly category: string;
  readonly option: string;
  readonly status: string;
}

export function trackingOf(org: OrganisationSettings): Listing<TrackingRow> {
  // A category without options still shows, so its name can be seen (and options added in Xero).
  const rows = org.trackingCategories.flatMap((c) =>
    c.options.length === 0
      ? [{ category: c.name, option: '', status: c.status }]
      : c.options.map((o) => ({
          category: c.name,
          option: o.name,
          status: c.status === 'ACTIVE' ? o.status : c.status,
        })),
  );
  return {
    noun: 'tracking options',
    rows,
    columns: [
      ['CATEGORY', (r) => r.category],
      ['OPTION', (r) => r.option],
      ['STATUS', (r) => r.status],
    ],
    hint: 'Map with `ledgerbridge map tracking "PMS_CATEGORY=PMS_OPTION" "CATEGORY=OPTION"`; a PMS option Xero already has (same names) needs no mapping.',
  };
}
