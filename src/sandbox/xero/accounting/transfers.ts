/**
 * Bank transfers (reference §10; spec BankTransfer L20800): money from one BANK account to
 * another, recorded as a SPEND-TRANSFER and a RECEIVE-TRANSFER bank transaction. PUT creates
 * (no summarizeErrors); deletion is `Status: DELETED` through POST /BankTransfers or
 * POST /BankTransfers/{id} (spec 16.1.0, soft delete).
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { SCALE } from '../../../ledger/decimal.js';
import { readAmount, readText } from '../wire.js';
import { renderBankTransfer } from './bank-render.js';
import { readBankAccount } from './bank-transactions.js';
import { failed, succeeded } from './batch.js';
import { Problems } from './context.js';
import type { WriteContext } from './context.js';
import { readDate } from './document-draft.js';
import type { WriteElement } from './entity.js';
import { lockProblem } from './lock-dates.js';
import { byId } from './lookup.js';
import { MSG, existingNotFound, invalidField, requiredField } from './messages.js';
import type { BankTransaction, BankTransfer } from './model.js';

const SHAPE = { idField: 'BankTransferID' } as const;

function transferLeg(
  ctx: WriteContext,
  type: 'SPEND-TRANSFER' | 'RECEIVE-TRANSFER',
  accountId: string,
  amount: bigint,
  date: string,
): BankTransaction {
  const txn: BankTransaction = {
    id: randomUUID(),
    type,
    bankAccountId: accountId,
    date,
    status: 'AUTHORISED',
    lineAmountTypes: 'NoTax',
    lines: [
      {
        id: randomUUID(),
        description: 'Bank Transfer',
        quantity: SCALE,
        unitAmount: amount,
        lineAmount: amount,
        taxAmount: 0n,
        tracking: [],
      },
    ],
    subTotal: amount,
    totalTax: 0n,
    total: amount,
    totalDiscount: 0n,
    isReconciled: false,
    currencyCode: ctx.org.accounts.get(accountId)?.currencyCode ?? ctx.org.baseCurrency,
    updatedAt: ctx.now,
  };
  ctx.org.bankTransactions.set(txn.id, txn);
  return txn;
}

/** One element of PUT /BankTransfers. */
export const createBankTransfer: WriteElement = (ctx, element) => {
  const problems = new Problems();
  const from = readBankAccount(ctx, element.FromBankAccount, problems);
  const to = readBankAccount(ctx, element.ToBankAccount, problems);
  if (from && to && from.id === to.id) problems.error(MSG.transferSameAccount);
  const amount = readAmount(element.Amount);
  if (amount === undefined) problems.error(requiredField('Amount'));
  else if (amount === null) problems.error(invalidField('Amount'));
  else if (amount <= 0n) problems.error(MSG.amountPositive);
  const date = readDate(element, 'Date', ctx.today, problems) ?? ctx.today;
  const locked = lockProblem(ctx.org, date);
  if (locked) problems.error(locked);
  if (problems.failed || !from || !to || !amount) return failed(SHAPE, element, problems.errors);
  const reference = readText(element, 'Reference');
  const transfer: BankTransfer = {
    id: randomUUID(),
    fromAccountId: from.id,
    toAccountId: to.id,
    amount,
    date,
    status: 'AUTHORISED',
    fromBankTransactionId: transferLeg(ctx, 'SPEND-TRANSFER', from.id, amount, date).id,
    toBankTransactionId: transferLeg(ctx, 'RECEIVE-TRANSFER', to.id, amount, date).id,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    ...(reference !== undefined ? { reference } : {}),
  };
  ctx.org.bankTransfers.set(transfer.id, transfer);
  return succeeded(renderBankTransfer(ctx.org, transfer));
};

/** One element of POST /BankTransfers, or POST /BankTransfers/{id}: `Status: DELETED`. */
export const deleteBankTransfer: WriteElement = (ctx, element, _mode, pathId) => {
  const transfer = byId(ctx.org.bankTransfers, pathId ?? readText(element, 'BankTransferID'));
  if (!transfer)
    return failed(SHAPE, element, [existingNotFound('Bank Transfer', 'BankTransferID')]);
  if (readText(element, 'Status') !== 'DELETED' || transfer.status === 'DELETED') {
    return failed(SHAPE, { ...element, BankTransferID: transfer.id }, [invalidField('Status')]);
  }
  const locked = lockProblem(ctx.org, transfer.date);
  if (locked) return failed(SHAPE, { ...element, BankTransferID: transfer.id }, [locked]);
  for (const legId of [transfer.fromBankTransactionId, transfer.toBankTransactionId]) {
    const leg = ctx.org.bankTransactions.get(legId);
    if (leg) ctx.org.bankTransactions.set(legId, { ...leg, status: 'DELETED', updatedAt: ctx.now });
  }
  const next: BankTransfer = { ...transfer, status: 'DELETED', updatedAt: ctx.now };
  ctx.org.bankTransfers.set(next.id, next);
  return succeeded(renderBankTransfer(ctx.org, next));
};
