/**
 * Clio bank transactions on a Trust bank account → ledger trust movements, one per transaction,
 * on the client's and matter's trust ledger (docs/sources-clio.md "Trust money"):
 * - funds in → `receipt`, or `interest` when Clio's `transaction_type` is Interest;
 * - funds out linked to a bill (trust applied to a bill; Clio links its allocation too) →
 *   `to_office` paying that bill — the bill's own payment into office is the allocation
 *   (map-allocation.ts);
 * - other funds out → `payment` out of trust.
 * Transactions on Operating accounts are not trust money: the payments they carry are read as
 * allocations. Clio's docs do not list `transaction_type`'s values; "Interest" is assumed.
 *
 * @module
 */
import type { SourceRejection } from '../source.js';
import { idOf, type ClioRecord } from './client.js';
import type { FirmContext } from './firm-context.js';
import { cents, readMoney } from './money.js';
import { rejection } from './rejection.js';

export const TRUST_ACCOUNT_FIELDS = 'id,name,type,currency,currency_id';

export const BANK_TRANSACTION_FIELDS =
  'id,date,amount,funds_in,funds_out,description,transaction_type,created_at,updated_at,bank_account{id},client{id},matter{id,number},bill{id,number},allocation{id}';

/** A trust account's currency code, from its `currency_id` (else its `currency` code). */
export function trustCurrencies(
  accounts: readonly ClioRecord[],
  ctx: FirmContext,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of accounts) {
    const byId = typeof a.currency_id === 'number' ? String(a.currency_id) : a.currency_id;
    const code =
      ctx.currencies.get(typeof byId === 'string' ? byId : '') ??
      (typeof a.currency === 'string' && /^[A-Z]{3}$/.test(a.currency) ? a.currency : undefined);
    if (code) out.set(a.id, code);
  }
  return out;
}

function typeOf(r: ClioRecord, into: bigint): string {
  if (into > 0n) return r.transaction_type === 'Interest' ? 'interest' : 'receipt';
  return idOf(r.bill) ? 'to_office' : 'payment';
}

/**
 * The matter's number as the firm knows it ("00002"; its id when Clio sends none): not its
 * `display_number`, which Clio may rebuild from the client's name, splitting the ledger. Clio
 * keeps client-level trust too (no matter): such money is on the client's own ledger.
 */
function matterOf(matter: unknown, contactId: string): string {
  const number = (matter as { number?: unknown } | null | undefined)?.number;
  if (typeof number === 'string' && number.trim()) return number.trim();
  if (typeof number === 'number') return String(number);
  return idOf(matter) ?? `client ${contactId}`;
}

/** The bill a transfer to office pays, and a reference naming it by its number. */
function toOffice(r: ClioRecord): Record<string, unknown> {
  const number = (r.bill as { number?: unknown } | null | undefined)?.number;
  return {
    invoiceId: idOf(r.bill),
    ...(typeof number === 'string' && number
      ? { reference: `Trust to office, bill ${number}` }
      : {}),
  };
}

/** Undefined for a transaction on an account that is not a trust account. */
export function mapTrustTransaction(
  r: ClioRecord,
  trust: ReadonlyMap<string, string>,
): Record<string, unknown> | SourceRejection | undefined {
  const currency = trust.get(idOf(r.bank_account) ?? '');
  if (!currency) return undefined;
  const reject = (field: string, value: unknown, message: string) =>
    rejection('trust_movement', r, 'trust bank transaction', field, value, message);
  const into = readMoney(r.funds_in ?? 0, 2);
  const out = readMoney(r.funds_out ?? 0, 2);
  if (!into.ok) return reject('funds_in', r.funds_in, into.why);
  if (!out.ok) return reject('funds_out', r.funds_out, out.why);
  const amount = into.units > 0n ? into.units : out.units;
  if (amount <= 0n) return reject('funds_in', r.funds_in, 'and funds_out are both zero');
  const contactId = idOf(r.client);
  if (!contactId) return reject('client', r.client, 'names no client: trust money is a client’s');
  if (typeof r.date !== 'string') return reject('date', r.date, 'is missing');
  const type = typeOf(r, into.units);
  const description = typeof r.description === 'string' ? r.description.trim() : '';
  return {
    kind: 'trust_movement',
    sourceId: r.id,
    updatedAt: r.updated_at,
    type,
    contactId,
    matter: matterOf(r.matter, contactId),
    date: r.date.slice(0, 10),
    amount: cents(amount),
    currency,
    ...(description ? { description: description.slice(0, 4000) } : {}),
    ...(type === 'to_office' ? toOffice(r) : {}),
  };
}
