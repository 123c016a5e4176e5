/**
 * The practice user's trust (client) money, as Clio's API shows it: a bank account of type Trust
 * and one bank transaction per movement on it (pms-apis.md §2.3–2.4), each naming the client and
 * the matter whose trust ledger it is on. Money in is `funds_in` (a positive `amount`), money out
 * `funds_out` (a negative one).
 *
 * Paying a bill from trust is, in Clio, a payment of the bill whose allocation names the trust
 * account as its `source_bank_account`: the trust account's transaction (funds out) links the
 * bill and the allocation, and the operating account's (funds in) the same — two lines on two
 * bank statements. Ordinary payments into the operating account are read as allocations; the
 * emulator does not mirror them as bank transactions.
 *
 * @module
 */
import { toUnits } from '../../ledger/decimal.js';
import { money, units } from './bills.js';
import { parseInput } from './control.js';
import { unprocessable } from './errors.js';
import type { Row } from './firm.js';
import * as input from './practice-inputs.js';
import { PracticeBills } from './practice-bills.js';

export class PracticeTrust extends PracticeBills {
  /** Opens the firm's trust account (Clio: Settings › Accounts › New, type Trust); its id. */
  openTrustAccount(spec: input.TrustAccountInput = {}): number {
    const p = parseInput(input.trustAccount, spec);
    const currencyId = this.books.firm.settings.currency;
    const account = this.books.insert('bank_accounts', {
      name: p.name ?? 'Trust Account',
      type: 'Trust',
      account_number: '000654321',
      general_ledger_number: '1100',
      currency: this.books.firm.currency,
      currency_id: currencyId ?? null,
      balance: 0,
      default_account: false,
    });
    this.books.firm.settings.trustAccount = account.id;
    return account.id;
  }

  /** Client money (or interest) received into trust for a matter; the bank transaction's id. */
  depositToTrust(spec: input.TrustDeposit): number {
    const p = parseInput(input.trustDeposit, spec);
    const matter = this.books.require('matters', p.matterId);
    return this.transact(this.trustAccount(), {
      amount: toUnits(p.amount),
      date: p.date,
      description: p.description ?? (p.interest ? 'Trust interest' : 'Deposit to trust'),
      transaction_type: p.interest ? 'Interest' : 'Deposit',
      client: matter.client,
      matter: matter.id,
    }).id;
  }

  /**
   * Pays a bill from the matter's trust money: a payment of the bill (its allocation's source
   * the trust account), funds out of trust and into operating. The allocation's id.
   */
  payBillFromTrust(spec: input.TrustToBill): number {
    const p = parseInput(input.trustToBill, spec);
    const trust = this.trustAccount();
    const bill = this.books.require('bills', p.billId);
    const matterId = p.matterId ?? (bill.matters as number[])[0];
    const amount = toUnits(p.amount);
    if (matterId === undefined || amount > this.heldFor(trust, matterId))
      throw unprocessable(`The matter's trust ledger holds less than ${money(amount)}.`);
    const { allocationIds } = this.recordPayment({
      date: p.date,
      bills: [{ billId: p.billId, amount: p.amount }],
    });
    const allocation = allocationIds[0] as number;
    this.books.update('allocations', allocation, { source_bank_account: trust.id });
    const common = {
      date: p.date,
      transaction_type: 'Transfer',
      client: bill.client,
      matter: matterId,
      bill: bill.id,
      allocation,
    };
    const description = `Trust to office for bill ${String(bill.number)}`;
    this.transact(trust, { ...common, amount: -amount, description });
    const operating = this.books.firm.settings.bankAccount;
    // The operating balance already moved with the payment (practice-money.ts).
    if (operating !== undefined)
      this.books.insert('bank_transactions', {
        ...this.wire({ ...common, amount, description }, operating),
        current_account_balance: this.books.require('bank_accounts', operating).balance,
      });
    return allocation;
  }

  /** What the matter's trust ledger holds: Clio does not let a matter's trust go below zero. */
  private heldFor(trust: Row, matterId: number): bigint {
    return this.books
      .linkedTo('bank_transactions', 'matter', matterId)
      .filter((t) => t.bank_account === trust.id)
      .reduce((sum, t) => sum + units(t.amount), 0n);
  }

  private trustAccount(): Row {
    const id = this.books.firm.settings.trustAccount;
    if (id === undefined) throw unprocessable('The firm has no trust account.');
    return this.books.require('bank_accounts', id);
  }

  /** One movement on `account` (signed `amount`), its balance moved with it. */
  private transact(account: Row, t: Record<string, unknown> & { amount: bigint }): Row {
    const balance = units(account.balance) + t.amount;
    this.books.update('bank_accounts', account.id, { balance: money(balance) }, true);
    return this.books.insert('bank_transactions', {
      ...this.wire(t, account.id),
      current_account_balance: money(balance),
    });
  }

  private wire(t: Record<string, unknown> & { amount: bigint }, accountId: number) {
    return {
      type: 'BankTransaction',
      source: 'Manual',
      confirmation: null,
      description: null,
      bill: null,
      allocation: null,
      ...t,
      amount: money(t.amount),
      funds_in: money(t.amount > 0n ? t.amount : 0n),
      funds_out: money(t.amount < 0n ? -t.amount : 0n),
      bank_account: accountId,
      currency: this.books.firm.settings.currency ?? null,
    };
  }
}
