/**
 * Resolves PMS values to Xero values for one organisation and source: accounts for lines (the
 * line's own override, then its category, then its kind — FEATURES S2, S3), tax types (S5),
 * payment-method accounts (S4, P10), the rounding account (I8) and tracking options, each checked against the
 * organisation's chart of accounts and tax rates (S6). Pure: built from rows already loaded.
 *
 * @module
 */
import type { MappingRow } from '../store/mappings-repo.js';
import type { Line } from '../ledger/index.js';
import type { OrganisationSettings, XeroAccount } from '../xero/organisation-settings.js';
import {
  resolveTracking,
  trackingKey,
  type TrackingPair,
  type TrackingResolved,
} from './tracking-mapping.js';

export type Resolved<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly code: 'LB_MAPPING_MISSING' | 'LB_MAPPING_INVALID';
      readonly message: string;
      readonly fix: string;
    };

export interface MappingContext {
  readonly settings: OrganisationSettings;
  accountForLine(line: Pick<Line, 'kind' | 'category' | 'accountCode'>): Resolved<string>;
  /**
   * The Xero tax type for a PMS tax code. Supplier bills look up "bill:CODE" first: the same GST
   * code is OUTPUT on a sale and INPUT on a purchase.
   */
  taxType(
    taxCode: string | undefined,
    documentType?: 'sales' | 'bill',
  ): Resolved<string | undefined>;
  paymentAccount(method: string): Resolved<string>;
  roundingAccount(): Resolved<string>;
  /** The Xero BANK account a ledger bank account name is mapped to (FEATURES B3, B4). */
  bankAccount(name: string): Resolved<string>;
  /** The organisation's trust bank account: a Xero BANK account (FEATURES B5). */
  trustBankAccount(): Resolved<string>;
  /** The organisation's trust liability account: a LIABILITY class account (FEATURES B5). */
  trustLiabilityAccount(): Resolved<string>;
  /** The organisation's bad-debt account: an EXPENSE class account (FEATURES P9). */
  badDebtAccount(): Resolved<string>;
  /** The organisation's processor-fee account: an EXPENSE class account (FEATURES P10). */
  processorFeeAccount(): Resolved<string>;
  /** The Xero tracking category and option for a PMS one (tracking-mapping.ts). */
  tracking(pms: TrackingPair): TrackingResolved;
  /** The value mapped for a key (this source's, else the organisation-wide one), unchecked. */
  mapped(type: MappingRow['type'], key: string): string | undefined;
  /** A 0 % tax type for rounding lines. */
  zeroTaxType(): string | undefined;
  /** Effective rate of a tax type as a decimal string ("10.0000"); "0" when unknown or none. */
  taxRate(taxType: string | undefined): string;
}

/** Xero's account types of class LIABILITY (for settings read without the class). */
const LIABILITY_TYPES = new Set(['CURRLIAB', 'LIABILITY', 'TERMLIAB', 'PAYGLIABILITY', 'SUPERANNUATIONLIABILITY', 'WAGESPAYABLELIABILITY']); // prettier-ignore
/** Xero's account types of class EXPENSE (for settings read without the class). */
const EXPENSE_TYPES = new Set(['EXPENSE', 'OVERHEADS', 'DIRECTCOSTS', 'DEPRECIATN']);

const isExpense = (a: XeroAccount) =>
  (a.accountClass ?? (EXPENSE_TYPES.has(a.type) ? 'EXPENSE' : undefined)) === 'EXPENSE'
    ? undefined
    : `is a ${a.type} account, not an expense`;

/** Tax types that carry no tax, by region (AU BASEXCLUDED, NZ/UK/US NONE …), in preference order. */
const ZERO_TAX_TYPES = ['NONE', 'BASEXCLUDED', 'EXEMPTOUTPUT', 'ZERORATEDOUTPUT'];

export function makeMappingContext(
  rows: readonly MappingRow[],
  source: string,
  settings: OrganisationSettings,
): MappingContext {
  return new OrganisationMappings(rows, source, settings);
}

type LineAccount = Pick<Line, 'kind' | 'category' | 'accountCode'>;

class OrganisationMappings implements MappingContext {
  private readonly accounts: Map<string, XeroAccount>;
  private readonly taxRates: Map<string, OrganisationSettings['taxRates'][number]>;

  constructor(
    private readonly rows: readonly MappingRow[],
    private readonly source: string,
    readonly settings: OrganisationSettings,
  ) {
    this.accounts = new Map(settings.accounts.filter((a) => a.code).map((a) => [a.code!, a]));
    this.taxRates = new Map(settings.taxRates.map((t) => [t.taxType, t]));
  }

  accountForLine(line: LineAccount): Resolved<string> {
    if (line.accountCode) return this.checkAccount(line.accountCode, 'set on the line');
    const byCategory = line.category ? this.lookup('category_account', line.category) : undefined;
    if (byCategory) return this.checkAccount(byCategory, `category "${line.category}"`);
    const byKind = this.lookup('line_kind_account', line.kind);
    if (byKind) return this.checkAccount(byKind, `${line.kind} lines`);
    const tenant = this.settings.tenantId;
    return missing(
      `No Xero account is mapped for ${line.kind} lines${line.category ? ` or category "${line.category}"` : ''}`,
      `Map one: \`ledgerbridge map line-kind ${line.kind} ACCOUNT_CODE --tenant ${tenant}\`${line.category ? ` or \`ledgerbridge map category "${line.category}" ACCOUNT_CODE --tenant ${tenant}\`` : ''} (\`ledgerbridge map accounts\` lists Xero’s).`,
    );
  }

  taxType(
    taxCode: string | undefined,
    documentType: 'sales' | 'bill' = 'sales',
  ): Resolved<string | undefined> {
    if (taxCode === undefined) return { ok: true, value: undefined };
    const mapped =
      (documentType === 'bill' ? this.lookup('tax_code', `bill:${taxCode}`) : undefined) ??
      this.lookup('tax_code', taxCode) ??
      (this.taxRates.has(taxCode) ? taxCode : undefined);
    if (!mapped) {
      const key = documentType === 'bill' ? `bill:${taxCode}` : taxCode;
      return missing(
        `No Xero tax rate is mapped for tax code "${taxCode}"${documentType === 'bill' ? ' on supplier bills' : ''}`,
        `Map one: \`ledgerbridge map tax-code "${key}" XERO_TAX_TYPE --tenant ${this.settings.tenantId}\` (\`ledgerbridge map tax-types\` lists Xero’s).`,
      );
    }
    const rate = this.taxRates.get(mapped);
    if (!rate || rate.status !== 'ACTIVE')
      return {
        ok: false,
        code: 'LB_MAPPING_INVALID',
        message: `Tax rate ${mapped} (for "${taxCode}") is ${rate ? rate.status.toLowerCase() : 'missing'} in Xero`,
        fix: `Map tax code "${taxCode}" to an active Xero tax rate.`,
      };
    return { ok: true, value: mapped };
  }

  paymentAccount(method: string): Resolved<string> {
    const code =
      this.lookup('payment_method_account', method) ?? this.lookup('payment_method_account', '*');
    if (!code)
      return missing(
        `No bank or clearing account is mapped for payment method "${method}"`,
        `Map one: \`ledgerbridge map payment-method "${method}" ACCOUNT_CODE --tenant ${this.settings.tenantId}\` (\`ledgerbridge map accounts\` lists Xero’s).`,
      );
    return this.checkAccount(code, `payment method "${method}"`, true);
  }

  roundingAccount(): Resolved<string> {
    const code =
      this.lookup('rounding_account', '*') ??
      this.settings.accounts.find((a) => a.systemAccount === 'ROUNDING' && a.code)?.code;
    if (!code)
      return missing(
        'No rounding account is mapped and Xero has none',
        `Map one: \`ledgerbridge map rounding ACCOUNT_CODE --tenant ${this.settings.tenantId}\`.`,
      );
    return { ok: true, value: code };
  }

  bankAccount(name: string): Resolved<string> {
    const code = this.lookup('bank_account', name);
    if (!code)
      return missing(
        `No Xero bank account is mapped for bank account "${name}"`,
        `Map one: \`ledgerbridge map bank-account "${name}" ACCOUNT_CODE --tenant ${this.settings.tenantId}\` (\`ledgerbridge map accounts\` lists Xero’s).`,
      );
    const account = this.accounts.get(code);
    if (account && account.status === 'ACTIVE' && account.type !== 'BANK')
      return {
        ok: false,
        code: 'LB_MAPPING_INVALID',
        message: `Account ${code} (bank account "${name}") is not a bank account in Xero`,
        fix: `Map bank account "${name}" to one of Xero’s bank accounts (\`ledgerbridge map accounts\` lists them).`,
      };
    return this.checkAccount(code, `bank account "${name}"`);
  }

  trustBankAccount(): Resolved<string> {
    return this.orgAccount('trust_bank_account', 'trust bank account', 'trust-bank', (a) =>
      a.type === 'BANK' ? undefined : 'is not a bank account',
    );
  }

  trustLiabilityAccount(): Resolved<string> {
    return this.orgAccount(
      'trust_liability_account',
      'trust liability account',
      'trust-liability',
      (a) =>
        (a.accountClass ?? (LIABILITY_TYPES.has(a.type) ? 'LIABILITY' : undefined)) === 'LIABILITY'
          ? undefined
          : `is a ${a.type} account, not a liability`,
    );
  }

  badDebtAccount(): Resolved<string> {
    return this.orgAccount('bad_debt_account', 'bad-debt account', 'bad-debt', isExpense);
  }

  processorFeeAccount(): Resolved<string> {
    return this.orgAccount(
      'processor_fee_account',
      'processor-fee account',
      'processor-fees',
      isExpense,
    );
  }

  /** An organisation-wide mapping (key '*'), checked to exist, be active and be of the kind `wrong` accepts. */
  private orgAccount(
    type:
      | 'trust_bank_account'
      | 'trust_liability_account'
      | 'bad_debt_account'
      | 'processor_fee_account',
    what: string,
    verb: string,
    wrong: (account: XeroAccount) => string | undefined,
  ): Resolved<string> {
    const code = this.lookup(type, '*');
    if (!code)
      return missing(
        `No ${what} is mapped`,
        `Map one: \`ledgerbridge map ${verb} ACCOUNT_CODE --tenant ${this.settings.tenantId}\` (\`ledgerbridge map accounts\` lists Xero’s).`,
      );
    const checked = this.checkAccount(code, what);
    if (!checked.ok) return checked;
    const problem = wrong(this.accounts.get(code)!);
    if (!problem) return checked;
    return {
      ok: false,
      code: 'LB_MAPPING_INVALID',
      message: `Account ${code} (${what}) ${problem} in Xero`,
      fix: `Map the ${what} to another account: \`ledgerbridge map ${verb} ACCOUNT_CODE\` (\`ledgerbridge map accounts\` lists them).`,
    };
  }

  tracking(pms: TrackingPair): TrackingResolved {
    return resolveTracking(pms, this.lookup('tracking', trackingKey(pms)), this.settings);
  }

  zeroTaxType(): string | undefined {
    return ZERO_TAX_TYPES.find((t) => this.taxRates.get(t)?.status === 'ACTIVE');
  }

  taxRate(taxType: string | undefined): string {
    return taxType ? (this.taxRates.get(taxType)?.rate ?? '0') : '0';
  }

  mapped(type: MappingRow['type'], key: string): string | undefined {
    return this.lookup(type, key);
  }

  /** This source's mapping first, then the organisation-wide one ('*'). */
  private lookup(type: MappingRow['type'], key: string): string | undefined {
    const { rows, source } = this;
    return (
      rows.find((r) => r.type === type && r.key === key && r.source === source)?.value ??
      rows.find((r) => r.type === type && r.key === key && r.source === '*')?.value
    );
  }

  private checkAccount(code: string, purpose: string, forPayments = false): Resolved<string> {
    const problem = accountProblem(this.accounts.get(code), forPayments);
    if (problem)
      return {
        ok: false,
        code: 'LB_MAPPING_INVALID',
        message: `Account ${code} (${purpose}) ${problem} in Xero`,
        fix: `Account ${code} ${problem} in Xero — choose another in Mappings (\`ledgerbridge map …\`).`,
      };
    return { ok: true, value: code };
  }
}

function missing(message: string, fix: string): Resolved<never> {
  return { ok: false, code: 'LB_MAPPING_MISSING', message, fix };
}

function accountProblem(
  account: XeroAccount | undefined,
  forPayments: boolean,
): string | undefined {
  if (!account) return 'does not exist';
  if (account.status !== 'ACTIVE') return 'is archived';
  if (forPayments && account.type !== 'BANK' && !account.enablePayments)
    return 'does not accept payments (it is not a bank account and "enable payments" is off)';
  return undefined;
}
