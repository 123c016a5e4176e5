/**
 * Money the practice receives: receipts applied to bills (recorded, edited, reversed), credits
 * against a bill, and trust money held for a matter (received, paid out, or paid to the office to
 * settle a bill). None of this is in Actionstep's public API docs; the resources are the
 * emulator's own (schema-extensions.ts) and every rule below is an assumption:
 *
 * - a receipt is applied in full to finalised bills of one division; an allocation never exceeds
 *   what is due;
 * - editing a receipt changes it in place (amount, date, reference, allocations) and moves its
 *   `modifiedTimestamp`; reversing keeps the receipt with status Reversed and `reversedTimestamp`,
 *   and its allocations stop counting;
 * - a credit is applied in full to its bill when created, and can be voided (status Deleted);
 * - trust money for a matter never goes below zero.
 *
 * Every change also recomputes the bills it touches, so their `totalPaid`, `totalDue`, status and
 * `modifiedTimestamp` show it — the bill is how an integration polling by modifiedTimestamp sees it.
 *
 * @module
 */
import { divideRounded, formatUnits, SCALE } from '../../ledger/decimal.js';
import type { Books, StoredRecord } from './books.js';
import { badRequest } from './errors.js';
import { amountDue, recomputeBill, taxPercent } from './ledger.js';
import * as input from './practice-inputs.js';
import { parseInput } from './practice-inputs.js';

interface Allocation {
  billId: number;
  amount: bigint;
}

function allocationsOf(books: Books, receiptId: number): StoredRecord[] {
  return books.linkedTo('receiptallocations', 'receipt', receiptId);
}

/** Checks the allocations against the bills (what this receipt already holds counts as free). */
function checkAllocations(
  books: Books,
  total: bigint,
  allocations: Allocation[],
  receiptId?: number,
): StoredRecord[] {
  const sum = allocations.reduce((s, a) => s + a.amount, 0n);
  if (total <= 0n) throw badRequest('A receipt amount must be more than zero.');
  if (sum !== total) throw badRequest('The allocations must add up to the receipt amount.');
  const bills = allocations.map((a) => books.require('bills', a.billId));
  const divisions = new Set(bills.map((b) => b.links.division));
  if (divisions.size > 1) throw badRequest('A receipt can only pay bills of one division.');
  const held = receiptId === undefined ? [] : allocationsOf(books, receiptId);
  for (const [i, a] of allocations.entries()) {
    const bill = bills[i] as StoredRecord;
    const own = held
      .filter((h) => h.links.bill === a.billId)
      .reduce((s, h) => s + (h.values.amount as bigint), 0n);
    if (a.amount <= 0n || a.amount > amountDue(books, bill) + own)
      throw badRequest(`Bill ${bill.id}: the allocation is more than the amount due.`);
  }
  return bills;
}

export function recordReceipt(books: Books, value: input.NewReceipt): number {
  const p = parseInput(input.newReceipt, value);
  books.require('participants', p.participantId);
  const bills = checkAllocations(books, p.amount, p.allocations);
  const receipt = books.create(
    'receipts',
    {
      status: 'Posted',
      receiptDate: p.date,
      amount: p.amount,
      reference: p.reference ?? null,
      paymentMethod: p.paymentMethod ?? 'Bank transfer',
    },
    {
      division: bills[0]?.links.division ?? null,
      participant: p.participantId,
      bankAccount: p.bankAccountId ?? books.org.settings.officeBankAccount ?? null,
    },
  );
  for (const a of p.allocations)
    books.create(
      'receiptallocations',
      { amount: a.amount },
      { receipt: receipt.id, bill: a.billId },
    );
  for (const bill of bills) recomputeBill(books, bill);
  return receipt.id;
}

export function editReceipt(books: Books, value: input.ReceiptEdit): void {
  const p = parseInput(input.receiptEdit, value);
  const receipt = books.require('receipts', p.receiptId);
  if (receipt.values.status !== 'Posted') throw badRequest(`Receipt ${receipt.id} is reversed.`);
  const before = allocationsOf(books, receipt.id);
  const amount = p.amount ?? (receipt.values.amount as bigint);
  const wanted: Allocation[] =
    p.allocations ??
    before.map((a) => ({ billId: a.links.bill as number, amount: a.values.amount as bigint }));
  if (!p.allocations && wanted.length === 1 && wanted[0]) wanted[0].amount = amount;
  const bills = checkAllocations(books, amount, wanted, receipt.id);
  for (const old of before) {
    const keep = wanted.find((w) => w.billId === old.links.bill);
    if (!keep) books.remove('receiptallocations', old);
    else if (keep.amount !== old.values.amount)
      books.update('receiptallocations', old, { amount: keep.amount });
  }
  for (const w of wanted) {
    if (!before.some((b) => b.links.bill === w.billId))
      books.create(
        'receiptallocations',
        { amount: w.amount },
        { receipt: receipt.id, bill: w.billId },
      );
  }
  books.update('receipts', receipt, {
    amount,
    ...(p.date !== undefined ? { receiptDate: p.date } : {}),
    ...(p.reference !== undefined ? { reference: p.reference } : {}),
  });
  const touched = new Set([
    ...before.map((b) => b.links.bill as number),
    ...bills.map((b) => b.id),
  ]);
  for (const id of touched) recomputeBill(books, books.require('bills', id));
}

export function reverseReceipt(books: Books, value: unknown): void {
  const p = parseInput(input.receiptRef, value);
  const receipt = books.require('receipts', p.receiptId);
  if (receipt.values.status !== 'Posted')
    throw badRequest(`Receipt ${receipt.id} is already reversed.`);
  books.update('receipts', receipt, { status: 'Reversed', reversedTimestamp: books.now() });
  for (const a of allocationsOf(books, receipt.id))
    recomputeBill(books, books.require('bills', a.links.bill as number));
}

export function createCredit(books: Books, value: input.NewCredit): number {
  const p = parseInput(input.newCredit, value);
  const bill = books.require('bills', p.billId);
  if (p.amount <= 0n || p.amount > amountDue(books, bill))
    throw badRequest(
      `Bill ${bill.id}: a credit must be more than zero and at most the amount due.`,
    );
  const taxCodeId = p.taxCodeId ?? books.org.settings.defaultTaxCode ?? 0;
  const percent = taxPercent(books, taxCodeId);
  const tax = divideRounded(p.amount * percent, 100n * SCALE + percent, 2);
  const credit = books.create(
    'creditnotes',
    {
      status: 'Closed',
      ourReference: `CR${books.nextNumber('credit', 1)}`,
      creditDate: p.date,
      reason: p.reason,
      totalInclusive: p.amount,
      totalExclusive: p.amount - tax,
      totalSalesTax: tax,
    },
    {
      division: bill.links.division ?? null,
      bill: bill.id,
      theirParticipant: bill.links.theirParticipant ?? null,
      taxCode: taxCodeId,
    },
  );
  recomputeBill(books, bill);
  return credit.id;
}

export function voidCredit(books: Books, value: unknown): void {
  const p = parseInput(input.creditRef, value);
  const credit = books.require('creditnotes', p.creditId);
  if (credit.values.status === 'Deleted')
    throw badRequest(`Credit ${credit.id} is already Deleted.`);
  books.update('creditnotes', credit, { status: 'Deleted', deletedTimestamp: books.now() });
  recomputeBill(books, books.require('bills', credit.links.bill as number));
}

/** Trust money held for a matter: posted receipts less posted payments. */
export function trustBalance(books: Books, actionId: number): bigint {
  return books
    .all('trusttransactions')
    .filter((t) => t.links.action === actionId && t.values.status === 'Posted')
    .reduce(
      (s, t) =>
        s + (t.values.transactionType === 'Receipt' ? 1n : -1n) * (t.values.amount as bigint),
      0n,
    );
}

interface TrustEntry {
  type: 'Receipt' | 'Payment';
  action: StoredRecord;
  date: string;
  amount: bigint;
  reference?: string | undefined;
  description?: string | undefined;
  participant: number | null;
  bill?: number;
}

function postTrust(books: Books, e: TrustEntry): number {
  const values = {
    transactionType: e.type,
    status: 'Posted',
    transactionDate: e.date,
    amount: e.amount,
    reference: e.reference ?? null,
    description: e.description ?? null,
  };
  const links = {
    division: e.action.links.division ?? null,
    action: e.action.id,
    participant: e.participant,
    trustAccount: books.org.settings.trustBankAccount ?? null,
    bill: e.bill ?? null,
  };
  return books.create('trusttransactions', values, links).id;
}

export function recordTrustReceipt(books: Books, value: input.TrustReceiptInput): number {
  const p = parseInput(input.trustReceipt, value);
  const action = books.require('actions', p.actionId);
  books.require('participants', p.participantId);
  if (p.amount <= 0n) throw badRequest('A trust receipt must be more than zero.');
  return postTrust(books, { ...p, type: 'Receipt', action, participant: p.participantId });
}

/** A payment out of trust; with `billId`, a transfer to the office that pays that bill. */
export function recordTrustPayment(books: Books, value: input.TrustPaymentInput): number {
  const p = parseInput(input.trustPayment, value);
  const action = books.require('actions', p.actionId);
  if (p.amount <= 0n || p.amount > trustBalance(books, action.id))
    throw badRequest(`Matter ${action.id} holds less in trust than ${formatUnits(p.amount, 2)}.`);
  const bill = p.billId === undefined ? undefined : books.require('bills', p.billId);
  const payee = (bill?.links.theirParticipant as number | null | undefined) ?? null;
  if (bill && payee !== null) {
    const amount = formatUnits(p.amount, 4);
    recordReceipt(books, {
      participantId: payee,
      date: p.date,
      amount,
      allocations: [{ billId: bill.id, amount }],
      reference: p.reference,
      paymentMethod: 'Trust transfer',
    });
  }
  return postTrust(books, {
    ...p,
    type: 'Payment',
    action,
    participant: payee,
    ...(bill ? { bill: bill.id } : {}),
  });
}
