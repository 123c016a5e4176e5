/**
 * Ledger bank transactions, transfers and journals → Xero payloads (pure; FEATURES B1, B3, B4,
 * B6). Xero cannot look any of them up by a number of ours, so each carries the PMS id where a
 * lookup after a crash searches for it: Reference on bank transactions and transfers, the end of
 * the Narration on journals (references.ts).
 *
 * @module
 */
import { formatUnits, multiplyUnits, toUnits } from '../../ledger/decimal.js';
import type { BankTransactionDoc, BankTransferDoc, JournalDoc } from '../../ledger/index.js';
import {
  wireNumber,
  type XeroBankTransaction,
  type XeroBankTransfer,
  type XeroJournalLine,
  type XeroManualJournal,
} from '../../xero/xero-types.js';
import type { MappingContext } from '../mapping-context.js';
import type { SyncSettings } from '../sync-settings.js';
import { checkCurrency } from './currency.js';
import { documentDate, type PayloadOutcome } from './invoice-payload.js';
import { mapLines, mapTracking } from './line-items.js';
import { referenceFor } from './references.js';

const LINE_AMOUNT_TYPES = {
  exclusive: 'Exclusive',
  inclusive: 'Inclusive',
  no_tax: 'NoTax',
} as const;

type Refusal = Extract<PayloadOutcome<unknown>, { ok: false }>;
export const payloadDone = <P>(payload: P, date: string, given: string): PayloadOutcome<P> => ({
  ok: true,
  payload,
  rounding: null,
  ...(date !== given && { movedFrom: given }),
});

export function bankTransactionPayload(
  doc: BankTransactionDoc,
  contactXeroId: string,
  ctx: MappingContext,
  settings: SyncSettings,
): PayloadOutcome<XeroBankTransaction> {
  const bank = ctx.bankAccount(doc.bankAccount);
  if (!bank.ok) return bank;
  // Xero takes a rate on a bank transaction only for overpayments: the currency is checked, no rate sent.
  const currency = checkCurrency(doc.currency, undefined, ctx);
  if (!currency.ok) return currency;
  const date = documentDate(doc.date, ctx, settings);
  if (!date.ok) return date;
  // Bills are purchases: a spend's tax codes are looked up as on supplier bills ("bill:GST").
  const side = doc.type === 'spend' ? 'bill' : 'sales';
  const lines = mapLines(doc.lines, doc.lineAmountType, undefined, ctx, false, side, false);
  if (!lines.ok) return lines;
  const payload: XeroBankTransaction = {
    Type: doc.type === 'spend' ? 'SPEND' : 'RECEIVE',
    Contact: { ContactID: contactXeroId },
    BankAccount: { Code: bank.value },
    Date: date.value,
    LineAmountTypes: LINE_AMOUNT_TYPES[doc.lineAmountType],
    LineItems: lines.items,
    Reference: referenceFor(doc),
    CurrencyCode: doc.currency,
  };
  return payloadDone(payload, date.value, doc.date);
}

export function bankTransferPayload(
  doc: BankTransferDoc,
  ctx: MappingContext,
  settings: SyncSettings,
): PayloadOutcome<XeroBankTransfer> {
  const from = ctx.bankAccount(doc.fromBankAccount);
  if (!from.ok) return from;
  const to = ctx.bankAccount(doc.toBankAccount);
  if (!to.ok) return to;
  const date = documentDate(doc.date, ctx, settings);
  if (!date.ok) return date;
  const payload: XeroBankTransfer = {
    FromBankAccount: { Code: from.value },
    ToBankAccount: { Code: to.value },
    Amount: wireNumber(doc.amount),
    Date: date.value,
    Reference: referenceFor(doc),
  };
  return payloadDone(payload, date.value, doc.date);
}

export function journalPayload(
  doc: JournalDoc,
  ctx: MappingContext,
  settings: SyncSettings,
): PayloadOutcome<XeroManualJournal> {
  const date = documentDate(doc.date, ctx, settings);
  if (!date.ok) return date;
  const lines: XeroJournalLine[] = [];
  for (const [i, line] of doc.lines.entries()) {
    const mapped = journalLine(line, ctx);
    if ('ok' in mapped) return { ...mapped, message: `lines[${i}]: ${mapped.message}` };
    lines.push(mapped);
  }
  const payload: XeroManualJournal = {
    Narration: referenceFor({ sourceId: doc.sourceId, reference: doc.narration }),
    Date: date.value,
    LineAmountTypes: LINE_AMOUNT_TYPES[doc.lineAmountType],
    JournalLines: lines,
    Status: 'POSTED',
  };
  return payloadDone(payload, date.value, doc.date);
}

function journalLine(
  line: JournalDoc['lines'][number],
  ctx: MappingContext,
): XeroJournalLine | Refusal {
  // Journal lines have no line kind: the account is the line's own code or its category's.
  const account = ctx.accountForLine({ kind: 'other', ...line });
  if (!account.ok) return account;
  const tax = ctx.taxType(line.taxCode);
  if (!tax.ok) return tax;
  const tracking = mapTracking(line, ctx);
  if (!tracking.ok) return tracking;
  return {
    ...(line.description && { Description: line.description }),
    LineAmount: wireNumber(line.amount),
    AccountCode: account.value,
    ...(tax.value !== undefined && { TaxType: tax.value }),
    ...(tracking.value && { Tracking: tracking.value }),
  };
}

/**
 * The lines' total as sent ("350.00"), in exact units: what a reconciled transaction's sync error
 * compares (plan-banking.ts) against the total recorded on the link when it was pushed.
 */
export function bankLinesTotal(lines: readonly { Quantity: number; UnitAmount: number }[]): string {
  let units = 0n;
  for (const l of lines) units += multiplyUnits(toUnits(l.Quantity), toUnits(l.UnitAmount), 2);
  return formatUnits(units, 2);
}
