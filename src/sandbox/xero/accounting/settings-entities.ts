/**
 * Entity definitions of the settings collections (read through the generic list machinery).
 *
 * @module
 */
import type { EntityDef } from './entity.js';
import { accountByCode, byId } from './lookup.js';
import type { Account, TaxRate, TrackingCategory } from './model.js';
import { renderAccount, renderTaxRate, renderTrackingCategory } from './settings-render.js';

export const accountsDef: EntityDef<Account> = {
  collection: 'Accounts',
  idField: 'AccountID',
  paged: false,
  all: (org) => [...org.accounts.values()].filter((a) => a.status !== 'DELETED'),
  get: (org, key) => byId(org.accounts, key) ?? accountByCode(org, key),
  render: (_org, a) => renderAccount(a),
  updatedAt: (a) => a.updatedAt,
  status: (a) => a.status,
};

export const taxRatesDef: EntityDef<TaxRate> = {
  collection: 'TaxRates',
  idField: 'TaxType',
  paged: false,
  all: (org) => org.taxRates.values(),
  get: (org, key) => org.taxRates.get(key.toUpperCase()),
  render: (_org, r) => renderTaxRate(r),
  status: (r) => r.status,
};

export interface CurrencyRecord {
  id: string;
  description: string;
}

export const currenciesDef: EntityDef<CurrencyRecord> = {
  collection: 'Currencies',
  idField: 'Code',
  paged: false,
  all: (org) => [...org.currencies].map(([id, description]) => ({ id, description })),
  get: (org, key) => {
    const description = org.currencies.get(key.toUpperCase());
    return description === undefined ? undefined : { id: key.toUpperCase(), description };
  },
  render: (_org, c) => ({ Code: c.id, Description: c.description }),
};

export const trackingCategoriesDef: EntityDef<TrackingCategory> = {
  collection: 'TrackingCategories',
  idField: 'TrackingCategoryID',
  paged: false,
  all: (org) => [...org.trackingCategories.values()].filter((c) => c.status !== 'DELETED'),
  get: (org, key) => byId(org.trackingCategories, key),
  render: (_org, c) => renderTrackingCategory(c),
  status: (c) => c.status,
  archived: (c) => c.status === 'ARCHIVED',
};
