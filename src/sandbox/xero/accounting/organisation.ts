/**
 * One Xero organisation (tenant): its settings and the maps that hold its books.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { regionChart, regionProfile, regionTaxRates } from '../regions.js';
import { invalidateIndex } from './lookup.js';
import type { IsoDate } from '../xero-dates.js';
import type { HistoryRecord } from './history.js';
import type {
  Account,
  Allocation,
  BankTransaction,
  BankTransfer,
  Contact,
  CreditNote,
  Invoice,
  ManualJournal,
  Payment,
  Prepay,
  Region,
  TaxRate,
  TrackingCategory,
} from './model.js';

/** Xero's per-organisation daily call limits: 5,000, or 1,000 on the Starter tier (reference §2). */
export const DAILY_LIMITS = { standard: 5000, starter: 1000 } as const;
export type DailyLimitTier = keyof typeof DAILY_LIMITS;

export interface Organisation {
  id: string;
  name: string;
  region: Region;
  baseCurrency: string;
  shortCode: string;
  createdAt: number;
  periodLockDate?: IsoDate;
  endOfYearLockDate?: IsoDate;
  dailyLimit: number;
  accounts: Map<string, Account>;
  taxRates: Map<string, TaxRate>;
  /** Enabled currencies: code → description. */
  currencies: Map<string, string>;
  trackingCategories: Map<string, TrackingCategory>;
  contacts: Map<string, Contact>;
  invoices: Map<string, Invoice>;
  creditNotes: Map<string, CreditNote>;
  payments: Map<string, Payment>;
  prepays: Map<string, Prepay>;
  allocations: Map<string, Allocation>;
  bankTransactions: Map<string, BankTransaction>;
  bankTransfers: Map<string, BankTransfer>;
  manualJournals: Map<string, ManualJournal>;
  /** Who changed each document and when, by document id (history.ts); absent in older state files. */
  history?: Map<string, HistoryRecord[]>;
  /** Last numbers handed out for INV-0001 and CN-0001. */
  sequences: { invoice: number; creditNote: number };
}

export interface NewOrganisation {
  name: string;
  region: Region;
  tenantId?: string;
  baseCurrency?: string;
  dailyLimitTier?: DailyLimitTier;
  /** Seed the region's chart of accounts and tax rates (default true). */
  seed?: boolean;
}

const CURRENCY_NAMES: Record<string, string> = {
  AUD: 'Australian Dollar',
  NZD: 'New Zealand Dollar',
  GBP: 'British Pound',
  USD: 'United States Dollar',
  EUR: 'Euro',
};

export function currencyName(code: string): string {
  return CURRENCY_NAMES[code] ?? code;
}

export function createOrganisation(spec: NewOrganisation, now: number): Organisation {
  const base = spec.baseCurrency ?? regionProfile(spec.region).currency;
  const org: Organisation = {
    id: (spec.tenantId ?? randomUUID()).toLowerCase(),
    name: spec.name,
    region: spec.region,
    baseCurrency: base,
    shortCode: `!${randomUUID().slice(0, 5)}`,
    createdAt: now,
    dailyLimit: DAILY_LIMITS[spec.dailyLimitTier ?? 'standard'],
    accounts: new Map(),
    taxRates: new Map(),
    currencies: new Map([[base, currencyName(base)]]),
    trackingCategories: new Map(),
    contacts: new Map(),
    invoices: new Map(),
    creditNotes: new Map(),
    payments: new Map(),
    prepays: new Map(),
    allocations: new Map(),
    bankTransactions: new Map(),
    bankTransfers: new Map(),
    manualJournals: new Map(),
    history: new Map(),
    sequences: { invoice: 0, creditNote: 0 },
  };
  if (spec.seed !== false) seedChart(org, spec.region, now);
  return org;
}

/**
 * Replaces the organisation's chart of accounts and tax rates with the region's. Existing
 * accounts with the same code keep their AccountID, so documents that point at them stay valid.
 */
export function seedChart(org: Organisation, region: Region, now: number): void {
  const byCode = new Map([...org.accounts.values()].map((a) => [a.code, a.id]));
  org.region = region;
  org.taxRates = new Map(regionTaxRates(region).map((r) => [r.taxType, r]));
  org.accounts = new Map();
  for (const entry of regionChart(region)) {
    const account: Account = {
      id: byCode.get(entry.code) ?? randomUUID(),
      code: entry.code,
      name: entry.name,
      type: entry.type,
      status: 'ACTIVE',
      taxType: entry.taxType,
      enablePaymentsToAccount: entry.enablePaymentsToAccount ?? false,
      showInExpenseClaims: entry.type === 'EXPENSE',
      updatedAt: now,
      ...(entry.systemAccount ? { systemAccount: entry.systemAccount } : {}),
      ...(entry.bankAccountType
        ? { bankAccountType: entry.bankAccountType, currencyCode: org.baseCurrency }
        : {}),
    };
    org.accounts.set(account.id, account);
  }
  invalidateIndex(org);
}
