/**
 * Spend and receive money (reference §10; spec BankTransaction L20548): SPEND, RECEIVE, and the
 * overpayment and prepayment types, which also create the Overpayment or Prepayment that later
 * allocations and refunds draw on (reference §9). TRANSFER types come only from BankTransfers.
 * A bank transaction is posted on creation (AUTHORISED), so lock dates always apply; it is
 * removed with `Status: DELETED` (an overpayment or prepayment only while nothing is allocated).
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { SCALE } from '../../../ledger/decimal.js';
import { documentTotals } from '../totals.js';
import { asObject, readArray, readBool, readText } from '../wire.js';
import type { WireObject } from '../wire.js';
import { failed, succeeded } from './batch.js';
import type { ElementOutcome } from './batch.js';
import { commitContactRef, readContactRef } from './contacts.js';
import type { ContactRef } from './contacts.js';
import { Problems } from './context.js';
import type { WriteContext } from './context.js';
import { readDate, readLineAmountTypes } from './document-draft.js';
import type { WriteElement } from './entity.js';
import { readLines } from './lines.js';
import { lockProblem } from './lock-dates.js';
import { byId, findAccount } from './lookup.js';
import { MSG, existingNotFound, invalidField, requiredField } from './messages.js';
import type { Account, BankTransaction, BankTransactionType, LineItem, Prepay } from './model.js';
import { renderBankTransaction } from './bank-render.js';
import { FULL_VIEW } from './render-common.js';

const SHAPE = { idField: 'BankTransactionID' } as const;
const CREATABLE_TYPES: readonly BankTransactionType[] = [
  'RECEIVE',
  'SPEND',
  'RECEIVE-OVERPAYMENT',
  'RECEIVE-PREPAYMENT',
  'SPEND-OVERPAYMENT',
  'SPEND-PREPAYMENT',
];

/** The element's answer: the transaction as the caller's unitdp draws it. */
function rendered(ctx: WriteContext, txn: BankTransaction, warnings: string[]): ElementOutcome {
  return succeeded(
    renderBankTransaction(ctx.org, txn, { ...FULL_VIEW, unitdp: ctx.unitdp }),
    warnings,
  );
}

export const writeBankTransaction: WriteElement = (ctx, element, _mode, pathId) => {
  const id = pathId ?? readText(element, 'BankTransactionID');
  if (id === undefined) return createBankTransaction(ctx, element);
  const existing = byId(ctx.org.bankTransactions, id);
  if (!existing)
    return failed(SHAPE, element, [existingNotFound('Bank Transaction', 'BankTransactionID')]);
  return updateBankTransaction(ctx, existing, element);
};

/** A BANK account by `{AccountID}` or `{Code}`, active. */
export function readBankAccount(
  ctx: WriteContext,
  value: unknown,
  problems: Problems,
): Account | undefined {
  const ref = asObject(value);
  const id = readText(ref, 'AccountID');
  const code = readText(ref, 'Code');
  const account = findAccount(ctx.org, { ...(id ? { id } : {}), ...(code ? { code } : {}) });
  if (!account || account.type !== 'BANK' || account.status !== 'ACTIVE') {
    problems.error(MSG.bankAccountRequired);
    return undefined;
  }
  return account;
}

interface BankFields {
  contactRef?: ContactRef;
  account?: Account;
  lines: LineItem[];
  lineAmountTypes: BankTransaction['lineAmountTypes'];
  date: string;
}

function readBankFields(
  ctx: WriteContext,
  element: WireObject,
  base: BankTransaction | undefined,
  problems: Problems,
): BankFields {
  let contactRef: ContactRef | undefined;
  if (element.Contact !== undefined) contactRef = readContactRef(ctx, element.Contact, problems);
  else if (!base) problems.error(MSG.contactMissing);
  const account =
    element.BankAccount !== undefined || !base
      ? readBankAccount(ctx, element.BankAccount, problems)
      : ctx.org.accounts.get(base.bankAccountId);
  const lineAmountTypes = readLineAmountTypes(
    element,
    base?.lineAmountTypes ?? 'Exclusive',
    problems,
  );
  const raw = readArray(element, 'LineItems');
  const lines = raw
    ? readLines(ctx, raw, { lineAmountTypes, allowDiscounts: false }, problems)
    : (base?.lines ?? []);
  if (lines.length === 0) problems.error(MSG.lineItemsRequired);
  const date = readDate(element, 'Date', base?.date ?? ctx.today, problems) ?? ctx.today;
  const locked = lockProblem(ctx.org, date) ?? (base ? lockProblem(ctx.org, base.date) : undefined);
  if (locked) problems.error(locked);
  return {
    ...(contactRef ? { contactRef } : {}),
    ...(account ? { account } : {}),
    lines,
    lineAmountTypes,
    date,
  };
}

function createBankTransaction(ctx: WriteContext, element: WireObject): ElementOutcome {
  const problems = new Problems();
  const typeText = readText(element, 'Type');
  const type = CREATABLE_TYPES.find((t) => t === typeText);
  if (!type) problems.error(typeText === undefined ? requiredField('Type') : invalidField('Type'));
  const status = readText(element, 'Status');
  if (status !== undefined && status !== 'AUTHORISED') problems.error(invalidField('Status'));
  const fields = readBankFields(ctx, element, undefined, problems);
  if (problems.failed || !type || !fields.account || !fields.contactRef)
    return failed(SHAPE, element, problems.errors, problems.warnings);
  const contact = commitContactRef(ctx, fields.contactRef, problems);
  if (!contact) return failed(SHAPE, element, problems.errors, problems.warnings);
  const txn = assemble(ctx, element, undefined, { type, contactId: contact.id, fields });
  if (type.endsWith('PAYMENT')) txn.prepayId = createPrepay(ctx, txn);
  ctx.org.bankTransactions.set(txn.id, txn);
  return rendered(ctx, txn, problems.warnings);
}

function assemble(
  ctx: WriteContext,
  element: WireObject,
  base: BankTransaction | undefined,
  parts: { type: BankTransactionType; contactId: string | undefined; fields: BankFields },
): BankTransaction {
  const { fields } = parts;
  const reference =
    parts.type === 'SPEND' || parts.type === 'RECEIVE'
      ? (readText(element, 'Reference') ?? base?.reference)
      : undefined;
  const url = readText(element, 'Url') ?? base?.url;
  return {
    ...(base ?? {}),
    id: base?.id ?? randomUUID(),
    type: parts.type,
    ...(parts.contactId !== undefined ? { contactId: parts.contactId } : {}),
    bankAccountId: fields.account?.id ?? base?.bankAccountId ?? '',
    date: fields.date,
    status: base?.status ?? 'AUTHORISED',
    lineAmountTypes: fields.lineAmountTypes,
    lines: fields.lines,
    ...documentTotals(fields.lines, fields.lineAmountTypes),
    isReconciled: readBool(element, 'IsReconciled') ?? base?.isReconciled ?? false,
    currencyCode: fields.account?.currencyCode ?? ctx.org.baseCurrency,
    updatedAt: ctx.now,
    ...(reference !== undefined ? { reference } : {}),
    ...(url !== undefined ? { url } : {}),
  };
}

/** The Overpayment or Prepayment behind a *-OVERPAYMENT / *-PREPAYMENT transaction. */
function createPrepay(ctx: WriteContext, txn: BankTransaction): string {
  const kind = txn.type.endsWith('OVERPAYMENT') ? 'OVERPAYMENT' : 'PREPAYMENT';
  const prepay: Prepay = {
    id: randomUUID(),
    kind,
    type: txn.type as Prepay['type'],
    contactId: txn.contactId ?? '',
    date: txn.date,
    status: 'AUTHORISED',
    lineAmountTypes: txn.lineAmountTypes,
    lines: txn.lines,
    subTotal: txn.subTotal,
    totalTax: txn.totalTax,
    total: txn.total,
    totalDiscount: 0n,
    currencyCode: txn.currencyCode,
    currencyRate: SCALE,
    bankTransactionId: txn.id,
    amountApplied: 0n,
    updatedAt: ctx.now,
  };
  ctx.org.prepays.set(prepay.id, prepay);
  return prepay.id;
}

function updateBankTransaction(
  ctx: WriteContext,
  existing: BankTransaction,
  element: WireObject,
): ElementOutcome {
  const problems = new Problems();
  const echo = { ...element, BankTransactionID: existing.id };
  const prepay = existing.prepayId ? ctx.org.prepays.get(existing.prepayId) : undefined;
  if (existing.status !== 'AUTHORISED' || existing.type.endsWith('TRANSFER')) {
    return failed(SHAPE, echo, ['Bank Transaction not of valid status for modification']);
  }
  if (prepay && prepay.amountApplied !== 0n) return failed(SHAPE, echo, [MSG.editAllocated]);
  const status = readText(element, 'Status');
  if (status === 'DELETED' || status === 'VOIDED')
    return removeBankTransaction(ctx, existing, prepay, status, echo);
  const fields = readBankFields(ctx, element, existing, problems);
  if (problems.failed) return failed(SHAPE, echo, problems.errors, problems.warnings);
  const contact = fields.contactRef
    ? commitContactRef(ctx, fields.contactRef, problems)
    : undefined;
  if (problems.failed) return failed(SHAPE, echo, problems.errors, problems.warnings);
  const next = assemble(ctx, element, existing, {
    type: existing.type,
    contactId: contact?.id ?? existing.contactId,
    fields,
  });
  ctx.org.bankTransactions.set(next.id, next);
  if (prepay)
    ctx.org.prepays.set(prepay.id, {
      ...prepay,
      lines: next.lines,
      subTotal: next.subTotal,
      totalTax: next.totalTax,
      total: next.total,
      date: next.date,
      updatedAt: ctx.now,
    });
  return rendered(ctx, next, problems.warnings);
}

function removeBankTransaction(
  ctx: WriteContext,
  existing: BankTransaction,
  prepay: Prepay | undefined,
  status: 'DELETED' | 'VOIDED',
  echo: WireObject,
): ElementOutcome {
  const locked = lockProblem(ctx.org, existing.date);
  if (locked) return failed(SHAPE, echo, [locked]);
  const next: BankTransaction = { ...existing, status, updatedAt: ctx.now };
  ctx.org.bankTransactions.set(next.id, next);
  if (prepay) ctx.org.prepays.set(prepay.id, { ...prepay, status: 'VOIDED', updatedAt: ctx.now });
  return rendered(ctx, next, []);
}
