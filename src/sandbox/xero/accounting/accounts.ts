/**
 * PUT /Accounts (one account per request, reference §3) and POST /Accounts/{id} (rename,
 * archive, restore, change tax type). Codes and names are unique among accounts not deleted:
 * "Please enter a unique Name." (spec L157).
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { noTaxType } from '../regions.js';
import { readBool, readText } from '../wire.js';
import type { WireObject } from '../wire.js';
import { ACCOUNT_TYPES } from './account-rules.js';
import { failed, succeeded } from './batch.js';
import type { ElementOutcome } from './batch.js';
import { Problems } from './context.js';
import type { WriteContext } from './context.js';
import { accountByCode, byId, putAccount } from './lookup.js';
import { MSG, existingNotFound, invalidField, requiredField, taxTypeUnknown } from './messages.js';
import type { Account, AccountStatus } from './model.js';
import { renderAccount } from './settings-render.js';

const SHAPE = { idField: 'AccountID' } as const;

function checkUnique(ctx: WriteContext, next: Account, problems: Problems): void {
  const sameCode = accountByCode(ctx.org, next.code);
  if (sameCode && sameCode.id !== next.id) problems.error(MSG.accountCodeUnique);
  const name = next.name.trim().toLowerCase();
  for (const a of ctx.org.accounts.values()) {
    if (a.id !== next.id && a.status !== 'DELETED' && a.name.trim().toLowerCase() === name) {
      problems.error(MSG.accountNameUnique);
      return;
    }
  }
}

function readStatus(
  element: WireObject,
  fallback: AccountStatus,
  problems: Problems,
): AccountStatus {
  const status = readText(element, 'Status');
  if (status === undefined) return fallback;
  if (status === 'ACTIVE' || status === 'ARCHIVED') return status;
  problems.error(invalidField('Status'));
  return fallback;
}

/** The account an element describes, over `base` on update. */
function readAccount(
  ctx: WriteContext,
  element: WireObject,
  base: Account | undefined,
  problems: Problems,
): Account {
  const type = readText(element, 'Type') ?? base?.type ?? '';
  if (!ACCOUNT_TYPES.includes(type))
    problems.error(type ? invalidField('Type') : requiredField('Type'));
  const taxType = readText(element, 'TaxType') ?? base?.taxType ?? noTaxType(ctx.org.region);
  if (!ctx.org.taxRates.has(taxType)) problems.error(taxTypeUnknown(taxType));
  const code = readText(element, 'Code') ?? base?.code;
  const name = readText(element, 'Name') ?? base?.name;
  if (!code || code.length > 10)
    problems.error(code ? invalidField('Code') : requiredField('Code'));
  if (!name || name.length > 150)
    problems.error(name ? invalidField('Name') : requiredField('Name'));
  const optional = (key: string, current: string | undefined): string | undefined =>
    readText(element, key) ?? current;
  const account: Account = {
    ...base,
    id: base?.id ?? randomUUID(),
    code: code ?? '',
    name: name ?? '',
    type,
    taxType,
    status: readStatus(element, base?.status ?? 'ACTIVE', problems),
    enablePaymentsToAccount:
      readBool(element, 'EnablePaymentsToAccount') ?? base?.enablePaymentsToAccount ?? false,
    showInExpenseClaims:
      readBool(element, 'ShowInExpenseClaims') ?? base?.showInExpenseClaims ?? false,
    updatedAt: ctx.now,
  };
  for (const [key, wire] of [
    ['description', 'Description'],
    ['bankAccountNumber', 'BankAccountNumber'],
    ['bankAccountType', 'BankAccountType'],
    ['currencyCode', 'CurrencyCode'],
  ] as const) {
    const value = optional(wire, base?.[key]);
    if (value !== undefined) account[key] = value;
  }
  if (type === 'BANK') account.bankAccountType ??= 'BANK';
  return account;
}

/** Creates (PUT) or, with a path id, updates (POST) one account. */
export function writeAccount(
  ctx: WriteContext,
  element: WireObject,
  pathId?: string,
): ElementOutcome {
  const problems = new Problems();
  const base = pathId !== undefined ? byId(ctx.org.accounts, pathId) : undefined;
  if (pathId !== undefined && !base)
    return failed(SHAPE, element, [existingNotFound('Account', 'AccountID')]);
  const account = readAccount(ctx, element, base, problems);
  checkUnique(ctx, account, problems);
  if (problems.failed) return failed(SHAPE, element, problems.errors);
  putAccount(ctx.org, account);
  return succeeded(renderAccount(account));
}
