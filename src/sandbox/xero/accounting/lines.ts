/**
 * Reading line items from a request: amounts, account, tax type and tracking, with Xero's rules.
 *
 * - An unknown AccountCode is not an error: Xero removes it and says so in a warning, "Account
 *   code ''476'' has been removed as it does not match a recognised account." (spec L10184).
 * - An archived account, or one a document line may not use (a bank or AR/AP account), fails.
 * - The TaxType must exist and suit the account's class (reference §6, §11).
 * - Without `unitdp=4`, unit amounts are rounded to 2 dp on the way in (reference §5).
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { roundUnits } from '../../../ledger/decimal.js';
import { noTaxType } from '../regions.js';
import { computeLine } from '../totals.js';
import type { LineInput } from '../totals.js';
import { asObject, readAmount, readArray, readText } from '../wire.js';
import type { WireObject } from '../wire.js';
import { taxRateApplies, usableOnLines } from './account-rules.js';
import type { Problems, WriteContext } from './context.js';
import { accountByCode, byId } from './lookup.js';
import {
  accountArchived,
  accountCodeRemoved,
  accountNotValidForDocument,
  invalidField,
  taxTypeNotForAccount,
  taxTypeUnknown,
  trackingUnknown,
} from './messages.js';
import type { Account, LineAmountTypes, LineItem, TaxRate, TrackingRef } from './model.js';

export interface LineRules {
  lineAmountTypes: LineAmountTypes;
  /** Discounts are ACCREC-only (spec LineItem.DiscountRate). */
  allowDiscounts: boolean;
}

/** Reads every line of a document; problems go to `problems`. */
export function readLines(
  ctx: WriteContext,
  raw: unknown[],
  rules: LineRules,
  problems: Problems,
): LineItem[] {
  return raw.map((value) => readLine(ctx, asObject(value) ?? {}, rules, problems));
}

function readLine(
  ctx: WriteContext,
  line: WireObject,
  rules: LineRules,
  problems: Problems,
): LineItem {
  const amounts = readLineAmounts(ctx, line, rules, problems);
  const account = readLineAccount(ctx, line, problems);
  const { taxType, rate } = readLineTax(ctx, line, account, rules.lineAmountTypes, problems);
  const computed = computeLine({ ...amounts, rate: rate?.rate ?? 0n }, rules.lineAmountTypes);
  const description = readText(line, 'Description');
  const itemCode = readText(line, 'ItemCode');
  const id = readText(line, 'LineItemID');
  return {
    id: id ?? randomUUID(),
    quantity: computed.quantity,
    unitAmount: computed.unitAmount,
    lineAmount: computed.lineAmount,
    taxAmount: computed.taxAmount,
    tracking: readTracking(ctx, readArray(line, 'Tracking') ?? [], problems),
    ...(description !== undefined ? { description } : {}),
    ...(itemCode !== undefined ? { itemCode } : {}),
    ...(account ? { accountCode: account.code, accountId: account.id } : {}),
    ...(taxType !== undefined ? { taxType } : {}),
    ...(amounts.discountRate !== undefined ? { discountRate: amounts.discountRate } : {}),
    ...(amounts.discountAmount !== undefined ? { discountAmount: amounts.discountAmount } : {}),
  };
}

type LineAmounts = Omit<LineInput, 'rate'>;

function readLineAmounts(
  ctx: WriteContext,
  line: WireObject,
  rules: LineRules,
  problems: Problems,
): LineAmounts {
  const out: LineAmounts = {};
  for (const field of [
    'Quantity',
    'UnitAmount',
    'LineAmount',
    'DiscountRate',
    'DiscountAmount',
    'TaxAmount',
  ] as const) {
    const value = readAmount(line[field]);
    if (value === null) problems.error(invalidField(field));
    if (value === null || value === undefined) continue;
    const key = (field.charAt(0).toLowerCase() + field.slice(1)) as keyof LineAmounts;
    out[key] = value;
  }
  if (out.unitAmount !== undefined && ctx.unitdp !== 4)
    out.unitAmount = roundUnits(out.unitAmount, 2);
  if (!rules.allowDiscounts) {
    delete out.discountRate;
    delete out.discountAmount;
  }
  return out;
}

function readLineAccount(
  ctx: WriteContext,
  line: WireObject,
  problems: Problems,
): Account | undefined {
  const code = readText(line, 'AccountCode');
  const id = readText(line, 'AccountID');
  let account: Account | undefined;
  if (code !== undefined) {
    account = accountByCode(ctx.org, code);
    if (!account) {
      problems.warn(accountCodeRemoved(code));
      return undefined;
    }
  } else if (id !== undefined) {
    account = byId(ctx.org.accounts, id);
    if (!account) {
      problems.error(accountNotValidForDocument(id));
      return undefined;
    }
  } else {
    return undefined;
  }
  if (account.status !== 'ACTIVE') problems.error(accountArchived(account.code));
  else if (!usableOnLines(account)) problems.error(accountNotValidForDocument(account.code));
  return account;
}

function readLineTax(
  ctx: WriteContext,
  line: WireObject,
  account: Account | undefined,
  types: LineAmountTypes,
  problems: Problems,
): { taxType?: string; rate?: TaxRate } {
  const given = readText(line, 'TaxType');
  const taxType = given ?? (types === 'NoTax' ? noTaxType(ctx.org.region) : account?.taxType);
  if (taxType === undefined) return {};
  const rate = ctx.org.taxRates.get(taxType);
  if (!rate || rate.status !== 'ACTIVE') {
    problems.error(taxTypeUnknown(taxType));
    return { taxType };
  }
  if (given !== undefined && account && !taxRateApplies(rate, account)) {
    problems.error(taxTypeNotForAccount(taxType, account.code));
  }
  return { taxType, rate };
}

/** Reads line tracking: by category and option name, or by their ids; at most 2 (spec LineItem.Tracking). */
export function readTracking(ctx: WriteContext, raw: unknown[], problems: Problems): TrackingRef[] {
  const refs: TrackingRef[] = [];
  for (const value of raw.slice(0, 2)) {
    const item = asObject(value) ?? {};
    const ref = resolveTracking(ctx, item);
    if (ref) refs.push(ref);
    else
      problems.error(trackingUnknown(readText(item, 'Name') ?? '', readText(item, 'Option') ?? ''));
  }
  return refs;
}

function resolveTracking(ctx: WriteContext, item: WireObject): TrackingRef | undefined {
  const categoryId = readText(item, 'TrackingCategoryID');
  const name = readText(item, 'Name')?.toLowerCase();
  const category = [...ctx.org.trackingCategories.values()].find(
    (c) =>
      c.status === 'ACTIVE' &&
      (categoryId ? c.id === categoryId.toLowerCase() : c.name.toLowerCase() === name),
  );
  if (!category) return undefined;
  const optionId = readText(item, 'TrackingOptionID');
  const optionName = readText(item, 'Option')?.toLowerCase();
  const option = category.options.find(
    (o) =>
      o.status === 'ACTIVE' &&
      (optionId ? o.id === optionId.toLowerCase() : o.name.toLowerCase() === optionName),
  );
  if (!option) return undefined;
  return { categoryId: category.id, optionId: option.id, name: category.name, option: option.name };
}
