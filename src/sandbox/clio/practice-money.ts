/**
 * The practice user's money: payments and credit memos, as Clio's API shows them — there is no
 * payments list in API v4; a payment is the `parent` `{id, type: "Payment"}` of one allocation
 * per bill it pays, a credit memo the parent `{type: "CreditMemo"}` of its allocations
 * (pms-apis.md §2.3). Voiding an allocation sets `voided_at` (status invalid); editing a payment
 * in Clio voids its allocations and records new ones under the same Payment id. Every change
 * recomputes the bills it touches (bills.ts) and moves the operating account's balance.
 *
 * @module
 */
import { toUnits } from '../../ledger/decimal.js';
import { money, recomputeBill, units } from './bills.js';
import { parseInput } from './control.js';
import { unprocessable } from './errors.js';
import type { FirmBooks, Row } from './firm.js';
import { isoSeconds } from './firm.js';
import * as input from './practice-inputs.js';

export class PracticeMoney {
  constructor(protected readonly books: FirmBooks) {}

  /** Records a payment; its Payment id and one allocation id per bill. */
  recordPayment(spec: input.PaymentInput): { paymentId: number; allocationIds: number[] } {
    const p = parseInput(input.payment, spec);
    for (const b of p.bills) this.payable(b.billId, toUnits(b.amount));
    const paymentId = this.books.next('payment') + 7_000_000_000;
    const allocationIds = p.bills.map((b) =>
      this.allocate(
        b.billId,
        { id: paymentId, type: 'Payment' },
        p.date,
        toUnits(b.amount),
        p.interest ?? false,
      ),
    );
    return { paymentId, allocationIds };
  }

  /** Voids one allocation (Clio: the payment's line on a bill deleted): status invalid. */
  voidAllocation(spec: input.AllocationRef): void {
    const p = parseInput(input.allocationRef, spec);
    const allocation = this.books.require('allocations', p.allocationId);
    if (allocation.voided_at) throw unprocessable(`Allocation ${p.allocationId} is already void.`);
    this.voidRow(allocation);
  }

  /** Edits a one-bill payment's amount: its allocation voided, a new one under the same Payment. */
  editPayment(spec: input.PaymentEdit): number {
    const p = parseInput(input.paymentEdit, spec);
    const live = this.books
      .linkedTo('allocations', 'parent', p.paymentId)
      .filter((a) => (a.parent as { type: string }).type === 'Payment' && !a.voided_at);
    const old = live[0];
    if (!old || live.length !== 1)
      throw unprocessable(`Payment ${p.paymentId} must have exactly one live allocation to edit.`);
    this.voidRow(old);
    const billId = old.bill as number;
    this.payable(billId, toUnits(p.amount));
    return this.allocate(
      billId,
      old.parent as { id: number; type: string },
      p.date ?? String(old.date),
      toUnits(p.amount),
      old.interest === true,
    );
  }

  issueCreditMemo(spec: input.CreditMemoInput): number {
    const p = parseInput(input.creditMemo, spec);
    this.books.require('contacts', p.contactId);
    if (p.billId !== undefined) this.payable(p.billId, toUnits(p.amount));
    const memo = this.books.insert('credit_memos', {
      date: p.date,
      amount: money(toUnits(p.amount)),
      description: p.description ?? null,
      discount: p.discount ?? false,
      voided_at: null,
      user: this.books.firm.settings.user ?? null,
      contact: p.contactId,
      allocations: [],
    });
    if (p.billId !== undefined) {
      const id = this.allocate(
        p.billId,
        { id: memo.id, type: 'CreditMemo' },
        p.date,
        toUnits(p.amount),
        false,
        memo,
      );
      this.books.update('credit_memos', memo.id, { allocations: [id] });
    }
    return memo.id;
  }

  voidCreditMemo(spec: input.CreditMemoRef): void {
    const p = parseInput(input.creditMemoRef, spec);
    const memo = this.books.require('credit_memos', p.creditMemoId);
    if (memo.voided_at) throw unprocessable(`Credit memo ${p.creditMemoId} is already void.`);
    for (const id of memo.allocations as number[]) {
      const a = this.books.require('allocations', id);
      if (!a.voided_at) this.voidRow(a);
    }
    this.books.update('credit_memos', memo.id, { voided_at: isoSeconds(this.books.now()) });
  }

  /** Refuses a payment or credit a bill cannot take: not awaiting payment, or more than is due. */
  private payable(billId: number, amount: bigint): void {
    const bill = this.books.require('bills', billId);
    if (bill.state !== 'awaiting_payment')
      throw unprocessable(
        `Bill ${billId} is ${String(bill.state)}; only an awaiting-payment bill takes payments.`,
      );
    if (amount <= 0n || amount > units(bill.due))
      throw unprocessable(
        `Amount ${money(amount)} is not between 0 and the ${String(bill.due)} due on bill ${billId}.`,
      );
  }

  private allocate(
    billId: number,
    parent: { id: number; type: string },
    date: string,
    amount: bigint,
    interest: boolean,
    memo?: Row,
  ): number {
    const bill = this.books.require('bills', billId);
    const bank = this.books.firm.settings.bankAccount ?? null;
    const row = this.books.insert('allocations', {
      date,
      amount: money(amount),
      interest,
      voided_at: null,
      description: memo ? (memo.description ?? null) : null,
      has_online_payment: false,
      payment_type: null,
      destroyable: true,
      bill: billId,
      matter: (bill.matters as number[])[0] ?? null,
      contact: bill.client,
      parent,
      source_bank_account: null,
      destination_bank_account: memo ? null : bank,
    });
    if (!memo) this.moveBank(amount);
    recomputeBill(this.books, billId);
    return row.id;
  }

  private voidRow(allocation: Row): void {
    this.books.update('allocations', allocation.id, {
      voided_at: isoSeconds(this.books.now()),
      destroyable: false,
    });
    if ((allocation.parent as { type: string }).type === 'Payment')
      this.moveBank(-units(allocation.amount));
    recomputeBill(this.books, allocation.bill as number);
  }

  private moveBank(amount: bigint): void {
    const bankId = this.books.firm.settings.bankAccount;
    if (bankId === undefined) return;
    const bank = this.books.require('bank_accounts', bankId);
    this.books.update(
      'bank_accounts',
      bankId,
      { balance: money(units(bank.balance) + amount) },
      true,
    );
  }
}
