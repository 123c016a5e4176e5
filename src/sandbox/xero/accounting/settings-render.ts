/**
 * Settings in Xero's wire shape: Organisation (spec L23031), Actions (L23009), Account
 * (L20356), TaxRate (L25111), Currency (L21804), TrackingCategory (L25297).
 *
 * @module
 */
import { regionProfile } from '../regions.js';
import { toWire } from '../wire.js';
import type { WireObject } from '../wire.js';
import { msDate, msDateTime } from '../xero-dates.js';
import { accountClass } from './account-rules.js';
import type { Account, TaxRate, TrackingCategory } from './model.js';
import type { Organisation } from './organisation.js';
import { updatedFields } from './render-common.js';

/** Financial year ends by region (AU 30 June, NZ and UK 31 March, US 31 December). */
const YEAR_END = { AU: [30, 6], NZ: [31, 3], UK: [31, 3], US: [31, 12] } as const;

export function renderOrganisation(org: Organisation): WireObject {
  const profile = regionProfile(org.region);
  const [day, month] = YEAR_END[org.region];
  return {
    OrganisationID: org.id,
    APIKey: org.id.replace(/-/g, '').slice(0, 30).toUpperCase(),
    Name: org.name,
    LegalName: org.name,
    PaysTax: true,
    Version: profile.version,
    OrganisationType: 'COMPANY',
    BaseCurrency: org.baseCurrency,
    CountryCode: profile.countryCode,
    IsDemoCompany: false,
    OrganisationStatus: 'ACTIVE',
    FinancialYearEndDay: day,
    FinancialYearEndMonth: month,
    SalesTaxBasis: org.region === 'US' ? 'CASH' : 'ACCRUALS',
    SalesTaxPeriod: org.region === 'US' ? 'MONTHLY' : 'QUARTERLY1',
    DefaultSalesTax: 'Tax Exclusive',
    DefaultPurchasesTax: 'Tax Exclusive',
    ...(org.periodLockDate ? { PeriodLockDate: msDate(org.periodLockDate) } : {}),
    ...(org.endOfYearLockDate ? { EndOfYearLockDate: msDate(org.endOfYearLockDate) } : {}),
    CreatedDateUTC: msDateTime(org.createdAt),
    Timezone: profile.timezone,
    OrganisationEntityType: 'COMPANY',
    ShortCode: org.shortCode,
    Class: 'PREMIUM',
    Edition: 'BUSINESS',
    Addresses: [],
    Phones: [],
    ExternalLinks: [],
    PaymentTerms: {},
  };
}

/** What the app may do in the organisation (spec example L10970–11000). */
export const ORGANISATION_ACTIONS = [
  'CreateApprovedInvoice',
  'CreateDraftInvoice',
  'CreateApprovedBill',
  'CreateDraftBill',
  'CreateInvoicePayment',
  'UseMulticurrency',
  'CreateRepeatingInvoice',
  'CreateRepeatingBill',
].map((Name) => ({ Name, Status: 'ALLOWED' }));

export function renderAccount(account: Account): WireObject {
  return {
    AccountID: account.id,
    Code: account.code,
    Name: account.name,
    Status: account.status,
    Type: account.type,
    TaxType: account.taxType,
    ...(account.description !== undefined ? { Description: account.description } : {}),
    Class: accountClass(account.type),
    ...(account.systemAccount ? { SystemAccount: account.systemAccount } : {}),
    EnablePaymentsToAccount: account.enablePaymentsToAccount,
    ShowInExpenseClaims: account.showInExpenseClaims,
    BankAccountType: account.bankAccountType ?? '',
    ...(account.bankAccountNumber !== undefined
      ? { BankAccountNumber: account.bankAccountNumber }
      : {}),
    ...(account.currencyCode !== undefined ? { CurrencyCode: account.currencyCode } : {}),
    ReportingCode: '',
    HasAttachments: false,
    ...updatedFields(account.updatedAt, false),
    AddToWatchlist: false,
  };
}

export function renderTaxRate(rate: TaxRate): WireObject {
  return {
    Name: rate.name,
    TaxType: rate.taxType,
    ReportTaxType: rate.reportTaxType,
    CanApplyToAssets: rate.canApplyTo.assets,
    CanApplyToEquity: rate.canApplyTo.equity,
    CanApplyToExpenses: rate.canApplyTo.expenses,
    CanApplyToLiabilities: rate.canApplyTo.liabilities,
    CanApplyToRevenue: rate.canApplyTo.revenue,
    DisplayTaxRate: toWire(rate.rate, 4),
    EffectiveRate: toWire(rate.rate, 4),
    Status: rate.status,
    TaxComponents: rate.components.map((c) => ({
      Name: c.name,
      Rate: toWire(c.rate, 4),
      IsCompound: c.isCompound,
      IsNonRecoverable: false,
    })),
  };
}

export function renderTrackingCategory(category: TrackingCategory): WireObject {
  return {
    Name: category.name,
    Status: category.status,
    TrackingCategoryID: category.id,
    Options: category.options.map((o) => ({
      TrackingOptionID: o.id,
      Name: o.name,
      Status: o.status,
    })),
  };
}
