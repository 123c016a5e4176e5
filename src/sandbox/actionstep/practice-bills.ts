/**
 * The practice user's bills: drafted from a matter's unbilled time and disbursements (plus any fee
 * lines), edited, finalised and voided. The bill header and totals are what the documented
 * `bills` resource shows; the lines are the emulator's `billlines`.
 *
 * Assumed where the public docs are silent (docs/actionstep-emulator.md): a bill's reference
 * (`ourReference`, 10001, 10002, … as in bills.yaml's example) is given when it is finalised
 * (salepurchasetypes' `allocateReferencesOnPost`); it is due 14 days after its date; it can be
 * edited while a draft, or finalised with nothing paid; voiding marks it Deleted with
 * `deletedTimestamp` and releases its time and disbursements to be billed again.
 *
 * @module
 */
import type { Books, StoredRecord } from './books.js';
import { badRequest } from './errors.js';
import type { LineSpec } from './ledger.js';
import { addLine, billedIds, linesOf, paidOn, recomputeBill } from './ledger.js';
import * as input from './practice-inputs.js';
import { parseInput } from './practice-inputs.js';
import { localDate } from './values.js';
import type { Stored } from './values.js';

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

function feeLine(books: Books, line: input.BillLineOutput): LineSpec {
  const settings = books.org.settings;
  return {
    lineType: 'Fee',
    description: line.description,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    taxCodeId: line.taxCodeId ?? settings.defaultTaxCode ?? 0,
    incomeAccountId: line.incomeAccountId ?? settings.feeIncomeAccount,
  };
}

function timeLine(books: Books, t: StoredRecord): LineSpec {
  const settings = books.org.settings;
  return {
    lineType: 'Fee',
    description: String(t.values.description ?? ''),
    quantity: t.values.billableHours as bigint,
    unitPrice: (t.values.rateUnitPrice as bigint | null) ?? 0n,
    fixedExclusive: t.values.billableAmount as bigint,
    taxCodeId: settings.defaultTaxCode ?? 0,
    incomeAccountId: settings.feeIncomeAccount,
    timeEntryId: t.id,
  };
}

function disbursementLine(books: Books, d: StoredRecord): LineSpec {
  const settings = books.org.settings;
  return {
    lineType: 'Disbursement',
    description: String(d.values.description ?? ''),
    quantity: d.values.quantity as bigint,
    unitPrice: d.values.unitPrice as bigint,
    priceIncludesTax: d.values.unitPriceIncludesTax === 'T',
    taxCodeId: (d.links.taxCode as number | null) ?? settings.defaultTaxCode ?? 0,
    incomeAccountId: (d.links.incomeAccount as number | null) ?? settings.disbursementIncomeAccount,
    disbursementId: d.id,
  };
}

/** The matter's billable time and disbursements that no live bill carries yet. */
function unbilledWork(books: Books, actionId: number): LineSpec[] {
  const billedTime = billedIds(books, 'timeEntry');
  const billedCosts = billedIds(books, 'disbursement');
  const time = books
    .all('timeentries')
    .filter((t) => t.links.action === actionId && !billedTime.has(t.id))
    .filter((t) => t.values.isBillable === 'T' && t.values.billingBehavior === 'Bill')
    .map((t) => timeLine(books, t));
  const costs = books
    .all('disbursements')
    .filter((d) => d.links.action === actionId && !billedCosts.has(d.id))
    .filter((d) => d.values.isAnticipated !== 'T')
    .map((d) => disbursementLine(books, d));
  return [...time, ...costs];
}

/** A draft bill for a matter: its unbilled work (unless `includeUnbilled: false`) and any lines. */
export function createBill(books: Books, value: input.NewBill): number {
  const p = parseInput(input.newBill, value);
  const action = books.require('actions', p.actionId);
  const specs = [
    ...(p.includeUnbilled === false ? [] : unbilledWork(books, action.id)),
    ...(p.lines ?? []).map((line) => feeLine(books, line)),
  ];
  if (specs.length === 0)
    throw badRequest(`Matter ${action.id} has nothing to bill and no lines were given.`);
  const primary = action.links.primaryParticipants;
  const bill = books.create(
    'bills',
    { status: 'Draft', currency: books.org.currency, theirReference: p.theirReference ?? null },
    {
      division: action.links.division ?? null,
      action: [action.id],
      theirParticipant: Array.isArray(primary) ? (primary[0] ?? null) : null,
    },
  );
  for (const spec of specs) addLine(books, bill.id, spec);
  recomputeBill(books, bill);
  return bill.id;
}

export function editBill(books: Books, value: input.BillEdit): void {
  const p = parseInput(input.billEdit, value);
  const bill = books.require('bills', p.billId);
  const status = String(bill.values.status);
  if (status === 'Deleted' || status === 'Closed' || paidOn(books, bill.id) > 0n)
    throw badRequest(`Bill ${bill.id} is ${status} or has money applied; it cannot be edited.`);
  if (p.lines) {
    for (const line of linesOf(books, bill.id))
      if (line.links.timeEntry === null && line.links.disbursement === null)
        books.remove('billlines', line);
    for (const line of p.lines) addLine(books, bill.id, feeLine(books, line));
  }
  const changes: Record<string, Stored> = {};
  if (p.theirReference !== undefined) changes.theirReference = p.theirReference;
  if (p.invoiceDate !== undefined) changes.invoiceDate = p.invoiceDate;
  if (p.dueDate !== undefined) changes.dueDate = p.dueDate;
  books.update('bills', bill, changes);
  recomputeBill(books, bill);
}

export function finaliseBill(books: Books, value: input.BillFinalise): void {
  const p = parseInput(input.billFinalise, value);
  const bill = books.require('bills', p.billId);
  if (bill.values.status !== 'Draft') throw badRequest(`Bill ${bill.id} is not a draft.`);
  const invoiceDate = p.invoiceDate ?? localDate(books.now(), books.org.utcOffsetMinutes);
  books.update('bills', bill, {
    status: 'Open',
    ourReference: String(books.nextNumber('bill', 10001)),
    invoiceDate,
    dueDate: p.dueDate ?? addDays(invoiceDate, 14),
  });
  recomputeBill(books, bill);
}

export function voidBill(books: Books, value: input.BillRef): void {
  const p = parseInput(input.billRef, value);
  const bill = books.require('bills', p.billId);
  if (bill.values.status === 'Deleted') throw badRequest(`Bill ${bill.id} is already Deleted.`);
  if (paidOn(books, bill.id) > 0n)
    throw badRequest(`Bill ${bill.id} has receipts or credits applied; reverse them first.`);
  books.update('bills', bill, { status: 'Deleted', deletedTimestamp: books.now() });
}
