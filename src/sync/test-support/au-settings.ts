/** A small AU organisation's settings for pure mapper tests. */
import type { MappingRow } from '../../store/mappings-repo.js';
import type { OrganisationSettings } from '../../xero/organisation-settings.js';

const account = (
  code: string,
  name: string,
  type: string,
  extra: Partial<OrganisationSettings['accounts'][number]> = {},
) => ({
  accountId: `acc-${code}`,
  code,
  name,
  type,
  status: 'ACTIVE',
  taxType: undefined,
  enablePayments: false,
  systemAccount: undefined,
  ...extra,
});

export function auSettings(overrides: Partial<OrganisationSettings> = {}): OrganisationSettings {
  return {
    tenantId: 'tenant-au',
    name: 'Harbour Physio Pty Ltd',
    baseCurrency: 'AUD',
    periodLockDate: undefined,
    endOfYearLockDate: undefined,
    accounts: [
      account('200', 'Sales', 'REVENUE'),
      account('201', 'Consultations', 'REVENUE'),
      account('260', 'Other Revenue', 'OTHERINCOME'),
      account('090', 'Business Bank Account', 'BANK'),
      account('091', 'Stripe clearing', 'CURRLIAB', { enablePayments: true }),
      account('310', 'Cost of Goods Sold', 'DIRECTCOSTS'),
      account('399', 'Old sales', 'REVENUE', { status: 'ARCHIVED' }),
      account('860', 'Rounding', 'CURRLIAB', { systemAccount: 'ROUNDING' }),
    ],
    taxRates: [
      { taxType: 'OUTPUT', name: 'GST on Income', status: 'ACTIVE', rate: '10.0000' },
      { taxType: 'INPUT', name: 'GST on Expenses', status: 'ACTIVE', rate: '10.0000' },
      { taxType: 'EXEMPTOUTPUT', name: 'GST Free Income', status: 'ACTIVE', rate: '0.0000' },
      { taxType: 'BASEXCLUDED', name: 'BAS Excluded', status: 'ACTIVE', rate: '0.0000' },
      { taxType: 'NZOUTPUT15', name: 'Test 15%', status: 'ACTIVE', rate: '15.0000' },
    ],
    trackingCategories: [],
    currencies: ['AUD'],
    loadedAt: 0,
    ...overrides,
  };
}

/** A mapping of the organisation above, for every source. */
export const mappingRow = (type: MappingRow['type'], key: string, value: string): MappingRow => ({
  tenantId: 'tenant-au',
  source: '*',
  type,
  key,
  value,
  problem: null,
});
