/**
 * Starting charts of accounts and tax rates per region, modelled on the ones a new Xero
 * organisation (or Xero's demo company) starts with: AU GST 10%, NZ GST 15%, UK VAT 20% and a
 * US sales tax. Codes follow Xero's defaults (090 bank, 200 Sales, 260 Other Revenue, 310 Cost of
 * Goods Sold, 400 Advertising, 610 Accounts Receivable, 800 Accounts Payable, 820 GST/VAT,
 * 860 Rounding, 880 Drawings, 960 Retained Earnings).
 *
 * A tax rate's `CanApplyTo*` flags decide which accounts it may sit on: a sales rate on an expense
 * account gives "The TaxType code 'INPUT' cannot be used with account code '200'." (reference §6).
 *
 * @module
 */
import type { Region, TaxRate } from './accounting/model.js';

/** Which tax rate an account uses by default, resolved per region. */
type TaxRole = 'sales' | 'purchases' | 'exemptSales' | 'exemptPurchases' | 'none';

export interface ChartEntry {
  code: string;
  name: string;
  type: string;
  taxType: string;
  systemAccount?: string;
  bankAccountType?: string;
  enablePaymentsToAccount?: boolean;
}

interface RegionProfile {
  currency: string;
  countryCode: string;
  version: string;
  taxName: string;
  timezone: string;
  roles: Record<TaxRole, string>;
  rates: TaxRate[];
}

type Base = [code: string, name: string, type: string, role: TaxRole, system?: string];

/** The chart every region shares; `{tax}` becomes GST, VAT or Sales Tax. */
const BASE_CHART: readonly Base[] = [
  ['090', 'Business Bank Account', 'BANK', 'none'],
  ['091', 'Business Savings Account', 'BANK', 'none'],
  ['200', 'Sales', 'REVENUE', 'sales'],
  ['260', 'Other Revenue', 'REVENUE', 'sales'],
  ['270', 'Interest Income', 'REVENUE', 'exemptSales'],
  ['310', 'Cost of Goods Sold', 'DIRECTCOSTS', 'purchases'],
  ['400', 'Advertising', 'EXPENSE', 'purchases'],
  ['404', 'Bank Fees', 'EXPENSE', 'exemptPurchases'],
  ['408', 'Cleaning', 'EXPENSE', 'purchases'],
  ['412', 'Consulting & Accounting', 'EXPENSE', 'purchases'],
  ['429', 'General Expenses', 'EXPENSE', 'purchases'],
  ['433', 'Insurance', 'EXPENSE', 'purchases'],
  ['441', 'Legal expenses', 'EXPENSE', 'purchases'],
  ['453', 'Office Expenses', 'EXPENSE', 'purchases'],
  ['469', 'Rent', 'EXPENSE', 'purchases'],
  ['477', 'Wages and Salaries', 'EXPENSE', 'none'],
  ['489', 'Telephone & Internet', 'EXPENSE', 'purchases'],
  ['493', 'Travel - National', 'EXPENSE', 'purchases'],
  ['610', 'Accounts Receivable', 'CURRENT', 'none', 'DEBTORS'],
  ['620', 'Prepayments', 'CURRENT', 'none'],
  ['630', 'Inventory', 'INVENTORY', 'none'],
  ['710', 'Office Equipment', 'FIXED', 'purchases'],
  ['720', 'Computer Equipment', 'FIXED', 'purchases'],
  ['800', 'Accounts Payable', 'CURRLIAB', 'none', 'CREDITORS'],
  ['801', 'Unpaid Expense Claims', 'CURRLIAB', 'none', 'UNPAIDEXPCLM'],
  ['820', '{tax}', 'CURRLIAB', 'none', 'GST'],
  ['830', 'Income Tax Payable', 'CURRLIAB', 'none'],
  ['840', 'Historical Adjustment', 'CURRLIAB', 'none', 'HISTORICAL'],
  ['850', 'Suspense', 'CURRLIAB', 'none'],
  ['860', 'Rounding', 'CURRLIAB', 'none', 'ROUNDING'],
  ['877', 'Tracking Transfers', 'CURRLIAB', 'none', 'TRACKINGTRANSFERS'],
  ['880', 'Owner A Drawings', 'EQUITY', 'none'],
  ['881', 'Owner A Funds Introduced', 'EQUITY', 'none'],
  ['900', 'Loan', 'TERMLIAB', 'none'],
  ['960', 'Retained Earnings', 'EQUITY', 'none', 'RETAINEDEARNINGS'],
  ['970', 'Owner A Share Capital', 'EQUITY', 'none'],
];

const SALES = { assets: true, equity: true, expenses: false, liabilities: true, revenue: true };
const PURCHASES = { assets: true, equity: true, expenses: true, liabilities: true, revenue: false };
const ANY = { assets: true, equity: true, expenses: true, liabilities: true, revenue: true };

/** A tax rate; `percent` is the rate as decimal text ("10", "8.875"). */
function rate(
  taxType: string,
  name: string,
  percent: string,
  canApplyTo: TaxRate['canApplyTo'],
  reportTaxType: string,
): TaxRate {
  const units = percentUnits(percent);
  return {
    name,
    taxType,
    status: 'ACTIVE',
    reportTaxType,
    rate: units,
    components: [{ name: name.replace(/ on .*/, ''), rate: units, isCompound: false }],
    canApplyTo,
  };
}

function percentUnits(percent: string): bigint {
  const [whole = '0', fraction = ''] = percent.split('.');
  return BigInt(whole) * 10_000n + BigInt(fraction.padEnd(4, '0').slice(0, 4));
}

const PROFILES: Record<Region, RegionProfile> = {
  AU: {
    currency: 'AUD',
    countryCode: 'AU',
    version: 'AU',
    taxName: 'GST',
    timezone: 'AUSEASTERNSTANDARDTIME',
    roles: {
      sales: 'OUTPUT',
      purchases: 'INPUT',
      exemptSales: 'EXEMPTOUTPUT',
      exemptPurchases: 'EXEMPTEXPENSES',
      none: 'BASEXCLUDED',
    },
    rates: [
      rate('OUTPUT', 'GST on Income', '10', SALES, 'OUTPUT'),
      rate('INPUT', 'GST on Expenses', '10', PURCHASES, 'INPUT'),
      rate('CAPEXINPUT', 'GST on Capital', '10', PURCHASES, 'CAPITALEXINPUT'),
      rate('EXEMPTOUTPUT', 'GST Free Income', '0', SALES, 'EXEMPTOUTPUT'),
      rate('EXEMPTEXPENSES', 'GST Free Expenses', '0', PURCHASES, 'EXEMPTEXPENSES'),
      rate('EXEMPTCAPITAL', 'GST Free Capital', '0', PURCHASES, 'EXEMPTCAPITAL'),
      rate('EXEMPTEXPORT', 'GST Free Exports', '0', SALES, 'EXEMPTEXPORT'),
      rate('INPUTTAXED', 'Input Taxed', '0', ANY, 'INPUTTAXED'),
      rate('GSTONIMPORTS', 'GST on Imports', '0', PURCHASES, 'GSTONIMPORTS'),
      rate('BASEXCLUDED', 'BAS Excluded', '0', ANY, 'BASEXCLUDED'),
    ],
  },
  NZ: {
    currency: 'NZD',
    countryCode: 'NZ',
    version: 'NZ',
    taxName: 'GST',
    timezone: 'NEWZEALANDSTANDARDTIME',
    roles: {
      sales: 'OUTPUT2',
      purchases: 'INPUT2',
      exemptSales: 'ZERORATED',
      exemptPurchases: 'NONE',
      none: 'NONE',
    },
    rates: [
      rate('OUTPUT2', 'GST on Income', '15', SALES, 'OUTPUT'),
      rate('INPUT2', 'GST on Expenses', '15', PURCHASES, 'INPUT'),
      rate('ZERORATED', 'Zero Rated', '0', SALES, 'ZERORATEDOUTPUT'),
      rate('GSTONIMPORTS', 'GST on Imports', '0', PURCHASES, 'GSTONIMPORTS'),
      rate('NONE', 'No GST', '0', ANY, 'NONE'),
    ],
  },
  UK: {
    currency: 'GBP',
    countryCode: 'GB',
    version: 'UK',
    taxName: 'VAT',
    timezone: 'GMTSTANDARDTIME',
    roles: {
      sales: 'OUTPUT2',
      purchases: 'INPUT2',
      exemptSales: 'EXEMPTOUTPUT',
      exemptPurchases: 'EXEMPTINPUT',
      none: 'NONE',
    },
    rates: [
      rate('OUTPUT2', '20% (VAT on Income)', '20', SALES, 'OUTPUT'),
      rate('INPUT2', '20% (VAT on Expenses)', '20', PURCHASES, 'INPUT'),
      rate('RROUTPUT', '5% (VAT on Income)', '5', SALES, 'OUTPUT'),
      rate('RRINPUT', '5% (VAT on Expenses)', '5', PURCHASES, 'INPUT'),
      rate('ZERORATEDOUTPUT', 'Zero Rated Income', '0', SALES, 'ZERORATEDOUTPUT'),
      rate('ZERORATEDINPUT', 'Zero Rated Expenses', '0', PURCHASES, 'ZERORATEDINPUT'),
      rate('EXEMPTOUTPUT', 'Exempt Income', '0', SALES, 'EXEMPTOUTPUT'),
      rate('EXEMPTINPUT', 'Exempt Expenses', '0', PURCHASES, 'EXEMPTINPUT'),
      rate('ECZROUTPUT', 'Zero Rated EC Goods Income', '0', SALES, 'ECOUTPUT'),
      rate('ECZROUTPUTSERVICES', 'Zero Rated EC Services', '0', SALES, 'ECOUTPUTSERVICES'),
      rate('NONE', 'No VAT', '0', ANY, 'NONE'),
    ],
  },
  US: {
    currency: 'USD',
    countryCode: 'US',
    version: 'US',
    taxName: 'Sales Tax',
    timezone: 'EASTERNSTANDARDTIME',
    roles: {
      sales: 'TAX001',
      purchases: 'INPUT',
      exemptSales: 'NONE',
      exemptPurchases: 'NONE',
      none: 'NONE',
    },
    rates: [
      // A combined state + city rate with 4 decimal places, so per-line rounding is exercised.
      rate('TAX001', 'Sales Tax on Sales', '8.875', SALES, 'USSALESTAX'),
      rate('OUTPUT', 'Tax on Sales', '0', SALES, 'OUTPUT'),
      rate('INPUT', 'Tax on Purchases', '0', PURCHASES, 'INPUT'),
      rate('NONE', 'Tax Exempt', '0', ANY, 'NONE'),
    ],
  },
};

export const REGIONS: readonly Region[] = ['AU', 'NZ', 'UK', 'US'];

export function isRegion(value: unknown): value is Region {
  return typeof value === 'string' && (REGIONS as readonly string[]).includes(value);
}

/** The region's facts used on the Organisation record. */
export function regionProfile(region: Region): Omit<RegionProfile, 'rates' | 'roles'> {
  const { rates: _rates, roles: _roles, ...facts } = PROFILES[region];
  return facts;
}

/** The tax type a line gets when neither it nor its account names one (BAS Excluded, No GST, …). */
export function noTaxType(region: Region): string {
  return PROFILES[region].roles.none;
}

/** A fresh copy of the region's tax rates. */
export function regionTaxRates(region: Region): TaxRate[] {
  return PROFILES[region].rates.map((r) => ({
    ...r,
    components: r.components.map((c) => ({ ...c })),
    canApplyTo: { ...r.canApplyTo },
  }));
}

/** The region's starting chart of accounts. */
export function regionChart(region: Region): ChartEntry[] {
  const profile = PROFILES[region];
  return BASE_CHART.map(([code, name, type, role, system]) => ({
    code,
    name: name === '{tax}' ? profile.taxName : name,
    type,
    taxType: profile.roles[role],
    ...(system ? { systemAccount: system } : {}),
    ...(type === 'BANK' ? { bankAccountType: 'BANK' } : {}),
  }));
}
