/**
 * The practice user's bills: drafted from a matter's unbilled activities (each becomes an
 * `ActivityLineItem`) plus any extra lines (`LineItem`), approved (numbered, issued, due in the
 * firm's payment terms: `awaiting_payment`), edited (Clio lets a bill be edited while awaiting
 * payment — the edits-after-sync case, pms-apis.md §5.5), charged interest, voided or deleted.
 * A bill over one matter is a `MatterBill`, over several a `ClientBill`.
 *
 * @module
 */
import { toUnits } from '../../ledger/decimal.js';
import { money, recomputeBill, removeBill, setState } from './bills.js';
import { parseInput } from './control.js';
import { unprocessable } from './errors.js';
import type { Row } from './firm.js';
import { isoDate, textOf } from './firm.js';
import * as input from './practice-inputs.js';
import { PracticeMoney } from './practice-money.js';

const DAY = 86_400_000;

const discountOf = (d: input.LineInput['discount']) =>
  d ? { rate: money(toUnits(d.rate)), type: d.type, note: d.note ?? null } : null;

export class PracticeBills extends PracticeMoney {
  createBill(spec: input.NewBill): number {
    const p = parseInput(input.newBill, spec);
    const matters = p.matterIds.map((id) => this.books.require('matters', id));
    const client = matters[0]?.client as number;
    if (matters.some((m) => m.client !== client))
      throw unprocessable('Every matter of a bill must have the same client.');
    const activities = this.unbilled(p.matterIds, p.activityIds);
    const settings = this.books.firm.settings;
    const bill = this.books.insert('bills', {
      number: null,
      issued_at: null,
      due_at: null,
      start_at: null,
      end_at: null,
      paid_at: null,
      last_sent_at: null,
      subject: p.subject ?? null,
      purchase_order: p.purchaseOrder ?? null,
      memo: p.memo ?? null,
      type: matters.length > 1 ? 'ClientBill' : 'MatterBill',
      kind: 'revenue_kind',
      state: 'draft',
      tax_rate: p.taxRate === undefined ? (settings.taxRate ?? 0) : Number(p.taxRate),
      secondary_tax_rate: 0,
      discount: p.discount ? discountOf(p.discount) : { rate: 0, type: 'percentage', note: null },
      discount_services_only: p.discountServicesOnly ?? false,
      interest: { balance: 0, period: 30, rate: 0, total: 0, type: 'simple' },
      shared: false,
      user: settings.user ?? null,
      client,
      matters: p.matterIds,
      currency: settings.currency ?? null,
      destination_account: settings.bankAccount ?? null,
    });
    for (const a of activities) this.activityLine(bill, a);
    for (const line of p.lines ?? []) this.extraLine(bill, line);
    return recomputeBill(this.books, bill.id).id;
  }

  approveBill(spec: input.BillApproval): void {
    const p = parseInput(input.billApproval, spec);
    const bill = this.books.require('bills', p.billId);
    if (bill.state !== 'draft' && bill.state !== 'awaiting_approval')
      throw unprocessable(`Bill ${p.billId} is ${String(bill.state)}; only a draft is approved.`);
    const issued = p.issuedAt ?? isoDate(this.books.now());
    const terms = this.books.firm.settings.paymentTermsDays ?? 14;
    const due = p.dueAt ?? isoDate(Date.parse(issued) + terms * DAY);
    this.books.update(
      'bills',
      p.billId,
      { number: String(this.books.next('bill')), issued_at: issued, due_at: due },
      true,
    );
    setState(this.books, bill, 'awaiting_payment');
  }

  editBill(spec: input.BillEdit): void {
    const p = parseInput(input.billEdit, spec);
    const bill = this.books.require('bills', p.billId);
    if (bill.state === 'void' || bill.state === 'deleted')
      throw unprocessable(`Bill ${p.billId} is ${String(bill.state)} and cannot be edited.`);
    const patch: Record<string, unknown> = {};
    if (p.subject !== undefined) patch.subject = p.subject;
    if (p.memo !== undefined) patch.memo = p.memo;
    if (p.purchaseOrder !== undefined) patch.purchase_order = p.purchaseOrder;
    if (p.dueAt !== undefined) patch.due_at = p.dueAt;
    if (p.discount !== undefined)
      patch.discount = discountOf(p.discount ?? undefined) ?? {
        rate: 0,
        type: 'percentage',
        note: null,
      };
    this.books.update('bills', bill.id, patch, true);
    for (const line of p.addLines ?? []) this.extraLine(bill, line);
    for (const e of p.editLines ?? []) this.editLine(bill, e);
    for (const id of p.removeLineIds ?? []) this.removeLine(bill, id);
    recomputeBill(this.books, bill.id);
  }

  chargeInterest(spec: input.InterestCharge): void {
    const p = parseInput(input.interestCharge, spec);
    const bill = this.books.require('bills', p.billId);
    if (bill.state !== 'awaiting_payment')
      throw unprocessable(
        `Bill ${p.billId} is ${String(bill.state)}; interest applies to an unpaid bill.`,
      );
    const interest = {
      balance: money(toUnits(p.amount)),
      period: 30,
      rate: p.rate === undefined ? 0 : Number(p.rate),
      total: money(toUnits(p.amount)),
      type: p.type ?? 'simple',
    };
    this.books.update('bills', bill.id, { interest }, true);
    recomputeBill(this.books, bill.id);
  }

  /** Voids an unpaid bill (Clio: "Void"); one with payments or credits is refused. */
  voidBill(spec: input.BillRef): void {
    const p = parseInput(input.billRef, spec);
    if (this.books.require('bills', p.billId).state !== 'awaiting_payment')
      throw unprocessable(`Bill ${p.billId} is not awaiting payment, so it cannot be voided.`);
    removeBill(this.books, p.billId);
  }

  /** Deletes a draft bill; it stays readable with state `deleted`. */
  deleteBill(spec: input.BillRef): void {
    const p = parseInput(input.billRef, spec);
    const state = this.books.require('bills', p.billId).state;
    if (state !== 'draft' && state !== 'awaiting_approval')
      throw unprocessable(`Bill ${p.billId} is ${String(state)}; only a draft is deleted.`);
    removeBill(this.books, p.billId);
  }

  private unbilled(matterIds: number[], ids: number[] | undefined): Row[] {
    const all = matterIds.flatMap((m) => this.books.linkedTo('activities', 'matter', m));
    const open = all.filter((a) => !a.bill && a.non_billable !== true);
    if (!ids) return open;
    return ids.map((id) => {
      const found = open.find((a) => a.id === id);
      if (!found)
        throw unprocessable(`Activity ${id} is not an unbilled activity of these matters.`);
      return found;
    });
  }

  private activityLine(bill: Row, a: Row): void {
    const time = a.type === 'TimeEntry';
    this.books.insert(
      'line_items',
      {
        type: 'ActivityLineItem',
        kind: time ? 'Service' : 'Expense',
        description: textOf(a.note) || (time ? 'Time' : 'Expense'),
        date: a.date,
        note: a.note ?? null,
        group_ordering: this.books.linkedTo('line_items', 'bill', bill.id).length + 1,
        price: a.price,
        quantity: time ? a.quantity_in_hours : a.quantity,
        discount: null,
        taxable: true,
        secondary_taxable: false,
        bill: bill.id,
        activity: a.id,
        matter: a.matter,
        user: a.user,
      },
      true,
    );
    this.books.update('activities', a.id, { bill: bill.id, billed: true, on_bill: true });
  }

  private extraLine(bill: Row, line: input.LineInput): void {
    const matters = bill.matters as number[];
    if (line.matterId !== undefined && !matters.includes(line.matterId))
      throw unprocessable(`Matter ${line.matterId} is not on bill ${bill.id}.`);
    this.books.insert(
      'line_items',
      {
        type: 'LineItem',
        kind: line.kind ?? 'Service',
        description: line.description,
        date: isoDate(this.books.now()),
        note: null,
        group_ordering: this.books.linkedTo('line_items', 'bill', bill.id).length + 1,
        price: money(toUnits(line.price)),
        quantity: Number(money(toUnits(line.quantity))),
        discount: discountOf(line.discount),
        taxable: line.taxable ?? true,
        secondary_taxable: false,
        bill: bill.id,
        activity: null,
        matter: line.matterId ?? matters[0] ?? null,
        user: this.books.firm.settings.user ?? null,
      },
      true,
    );
  }

  private lineOf(bill: Row, lineId: number): Row {
    const line = this.books.require('line_items', lineId);
    if (line.bill !== bill.id)
      throw unprocessable(`Line item ${lineId} is not on bill ${bill.id}.`);
    return line;
  }

  private editLine(bill: Row, e: NonNullable<input.BillEdit['editLines']>[number]): void {
    const line = this.lineOf(bill, e.lineId);
    const patch: Record<string, unknown> = {};
    if (e.price !== undefined) patch.price = money(toUnits(e.price));
    if (e.quantity !== undefined) patch.quantity = money(toUnits(e.quantity));
    if (e.description !== undefined) patch.description = e.description;
    this.books.update('line_items', line.id, patch);
  }

  private removeLine(bill: Row, lineId: number): void {
    const line = this.lineOf(bill, lineId);
    if (typeof line.activity === 'number')
      this.books.update('activities', line.activity, { bill: null, billed: false, on_bill: false });
    this.books.remove('line_items', line.id);
  }
}
