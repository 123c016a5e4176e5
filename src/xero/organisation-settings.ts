/**
 * An organisation's settings, loaded once and cached: base currency, lock dates, chart of
 * accounts, tax rates, tracking categories, currencies. Mappings are validated against these and
 * documents dated before a lock date are caught before Xero refuses them (FEATURES S6, I11).
 *
 * @module
 */
import type { Clock } from '../time/clock.js';
import type { XeroApi } from './api-client.js';
import { readAll } from './reader.js';
import { text } from './wire.js';
import { parseXeroDate } from './xero-dates.js';

export interface XeroAccount {
  readonly accountId: string;
  readonly code: string | undefined;
  readonly name: string;
  readonly type: string;
  readonly status: string;
  readonly taxType: string | undefined;
  readonly enablePayments: boolean;
  readonly systemAccount: string | undefined;
  /** Xero's class: ASSET, EQUITY, EXPENSE, LIABILITY or REVENUE (undefined if not given). */
  readonly accountClass?: string | undefined;
}

export interface OrganisationSettings {
  readonly tenantId: string;
  readonly name: string;
  readonly baseCurrency: string;
  readonly periodLockDate: string | undefined;
  readonly endOfYearLockDate: string | undefined;
  readonly accounts: readonly XeroAccount[];
  readonly taxRates: readonly {
    readonly taxType: string;
    readonly name: string;
    readonly status: string;
    readonly rate: string;
  }[];
  readonly trackingCategories: readonly {
    readonly name: string;
    readonly status: string;
    readonly options: readonly { readonly name: string; readonly status: string }[];
  }[];
  readonly currencies: readonly string[];
  readonly loadedAt: number;
}

/** Ten minutes: settings change rarely, and a stale read only costs a clear Xero refusal. */
export const SETTINGS_TTL_MS = 10 * 60_000;

export interface SettingsCache {
  get(tenantId: string): Promise<OrganisationSettings>;
  invalidate(tenantId: string): void;
}

export function makeSettingsCache(api: XeroApi, clock: Clock): SettingsCache {
  const cache = new Map<string, { at: number; settings: Promise<OrganisationSettings> }>();
  return {
    get(tenantId) {
      const now = clock.now();
      const hit = cache.get(tenantId);
      if (hit && now - hit.at < SETTINGS_TTL_MS) return hit.settings;
      const settings = loadSettings(api, tenantId, now);
      settings.catch(() => cache.delete(tenantId)); // a failed load is not cached
      cache.set(tenantId, { at: now, settings });
      return settings;
    },
    invalidate(tenantId) {
      cache.delete(tenantId);
    },
  };
}

export async function loadSettings(
  api: XeroApi,
  tenantId: string,
  now: number,
): Promise<OrganisationSettings> {
  // Five reads at once, as Xero allows: one after another they cost five round trips (15 s at
  // 3 s a call) before a pass could push anything.
  const [[org], accounts, taxRates, tracking, currencies] = await Promise.all([
    readAll(api, { tenantId, collection: 'Organisation' }),
    readAll(api, { tenantId, collection: 'Accounts' }),
    readAll(api, { tenantId, collection: 'TaxRates' }),
    readAll(api, { tenantId, collection: 'TrackingCategories', query: { includeArchived: true } }),
    readAll(api, { tenantId, collection: 'Currencies' }),
  ]);
  const s = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    tenantId,
    name: s(org?.Name) ?? tenantId,
    baseCurrency: s(org?.BaseCurrency) ?? 'AUD',
    periodLockDate: parseXeroDate(org?.PeriodLockDate),
    endOfYearLockDate: parseXeroDate(org?.EndOfYearLockDate),
    accounts: accounts.map((a) => ({
      accountId: String(a.AccountID),
      code: s(a.Code),
      name: text(a.Name, ''),
      type: text(a.Type, ''),
      status: text(a.Status, 'ACTIVE'),
      taxType: s(a.TaxType),
      enablePayments: a.EnablePaymentsToAccount === true,
      systemAccount: s(a.SystemAccount),
      accountClass: s(a.Class),
    })),
    taxRates: taxRates.map((t) => ({
      taxType: String(t.TaxType),
      name: text(t.Name, ''),
      status: text(t.Status, 'ACTIVE'),
      rate: text(t.EffectiveRate ?? t.DisplayTaxRate, '0'),
    })),
    trackingCategories: tracking.map((c) => ({
      name: text(c.Name, ''),
      status: text(c.Status, 'ACTIVE'),
      options: Array.isArray(c.Options)
        ? (c.Options as { Name?: unknown; Status?: unknown }[]).map((o) => ({
            name: text(o.Name, ''),
            status: text(o.Status, 'ACTIVE'),
          }))
        : [],
    })),
    currencies: currencies.map((c) => String(c.Code)),
    loadedAt: now,
  };
}
