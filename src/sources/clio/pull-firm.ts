/**
 * One pull of a Clio firm, as pages for the runner (sources/pull/run-pull.ts), in the order
 * references need: the reference lists (currencies, activity descriptions, expense categories),
 * whose Xero codes come first as a page of suggested mappings (no documents), then contacts, bills with their line items, allocations (payments), credit memos,
 * hard costs paid to vendors (disbursements, map-hard-cost.ts) and the trust accounts' bank
 * transactions (trust movements, map-trust.ts).
 *
 * Every list asks only for the fields mapped (`fields=`), changed since its watermark less the
 * overlap (`updated_since`), 200 a page by id (stream.ts). With nothing changed a pull makes one
 * request per resource.
 *
 * Deleted and merged contacts: Clio has no list of deleted contacts, and a contact deleted or
 * merged away simply vanishes (its bills, matters and payments moved to the survivor on a merge,
 * each with a new `updated_at`). So when a pull reads the whole contacts list (the first, `pull
 * --full` and the service's daily full re-check), it ends with that list's ids: the runner marks
 * every stored contact not on it deleted — after the bills and credit memos that referred to it
 * have been read again, now naming the survivor.
 *
 * Line items: Clio filters them by one bill at a time, so reading each bill's would cost a request
 * per bill (10,000 for a backfill of 10,000). Instead the items changed since the bills' watermark
 * are read first as one list; a bill whose read items add up to its `sub_total` has them all, and
 * only a bill that changed without all its items (a state change, a payment) reads its own.
 *
 * @module
 */
import type { SourceCursor } from '../cursor.js';
import type { SourcePage, SourceRejection } from '../source.js';
import { idOf, type ClioRecord } from './client.js';
import { readFirm, type FirmContext } from './firm-context.js';
import {
  ALLOCATION_FIELDS,
  isVoided,
  mapPaymentAllocations,
  parentType,
  paymentId,
} from './map-allocation.js';
import { BILL_FIELDS, LINE_FIELDS, mapBill } from './map-bill.js';
import { CONTACT_FIELDS, isRejection, mapContact } from './map-contact.js';
import { CREDIT_MEMO_FIELDS, mapCreditMemo } from './map-credit-memo.js';
import { HARD_COST_FIELDS, mapHardCost } from './map-hard-cost.js';
import {
  BANK_TRANSACTION_FIELDS,
  mapTrustTransaction,
  TRUST_ACCOUNT_FIELDS,
  trustCurrencies,
} from './map-trust.js';
import { readMoney } from './money.js';
import { emptyPage, idAtMost, sinceParams, stream, type StreamPull } from './stream.js';

/** How many `ids[]` one request names: well inside any URL length limit. */
const IDS_PER_REQUEST = 100;

function split(mapped: (Record<string, unknown> | SourceRejection)[]): Partial<SourcePage> {
  const rejections = mapped.filter(isRejection);
  return { documents: mapped.filter((m) => !isRejection(m)), rejections };
}

export async function* pullFirm(
  p: Omit<StreamPull, 'cursor'>,
  start: SourceCursor | undefined,
): AsyncGenerator<SourcePage> {
  const at: StreamPull = { ...p, cursor: start ?? {} };
  const ctx = await readFirm(p.client, p.signal);
  if (ctx.suggested.length > 0) yield emptyPage(at.cursor, { suggestedMappings: ctx.suggested });
  // Every contact Clio has, when this pull reads the list from its start with no `updated_since`.
  const listed = readsWhole(at.cursor, 'contacts') ? new Set<string>() : undefined;
  yield* stream(at, 'contacts', '/contacts.json', CONTACT_FIELDS, (rs) => {
    for (const r of rs) listed?.add(r.id);
    return Promise.resolve(split(rs.map(mapContact)));
  });
  yield* bills(at, ctx);
  const memos = new Set<string>();
  yield* stream(at, 'allocations', '/allocations.json', ALLOCATION_FIELDS, async (rs) => {
    for (const a of rs) if (parentType(a) === 'CreditMemo') memos.add(idOf(a.parent) ?? '');
    const payments = rs.filter((a) => parentType(a) === 'Payment');
    return mapPaymentAllocations(payments, ctx, (voided) => liveSuccessor(at, voided));
  });
  const seen = new Set<string>();
  yield* stream(at, 'credit_memos', '/credit_memos.json', CREDIT_MEMO_FIELDS, (rs) => {
    for (const r of rs) seen.add(r.id);
    return Promise.resolve(split(rs.map((r) => mapCreditMemo(r, ctx))));
  });
  const touched = [...memos].filter((id) => id && !seen.has(id));
  for (const records of await byIds(at, '/credit_memos.json', CREDIT_MEMO_FIELDS, touched))
    yield emptyPage(at.cursor, split(records.map((r) => mapCreditMemo(r, ctx))));
  yield* stream(
    at,
    'hard_costs',
    '/activities.json',
    HARD_COST_FIELDS,
    (rs) => Promise.resolve(split(present(rs.map((r) => mapHardCost(r, ctx))))),
    [['type', 'HardCostEntry']],
  );
  yield* trustMoney(at, ctx);
  if (listed)
    yield emptyPage(at.cursor, { listings: [{ kind: 'contact', sourceIds: [...listed] }] });
}

const present = <T>(xs: (T | undefined)[]): T[] => xs.filter((x): x is T => x !== undefined);

/**
 * Bank transactions on the firm's trust accounts (read in full each pull: a firm has one or a
 * few). A firm with no trust account costs the one request and reads no transactions.
 */
async function* trustMoney(at: StreamPull, ctx: FirmContext): AsyncGenerator<SourcePage> {
  const accounts: ClioRecord[] = [];
  const params: [string, string][] = [
    ['fields', TRUST_ACCOUNT_FIELDS],
    ['type', 'Trust'],
  ];
  for await (const page of at.client.list('/bank_accounts.json', params, at.signal))
    accounts.push(...page.records);
  if (accounts.length === 0) return;
  const trust = trustCurrencies(accounts, ctx);
  yield* stream(at, 'bank_transactions', '/bank_transactions.json', BANK_TRANSACTION_FIELDS, (rs) =>
    Promise.resolve(split(present(rs.map((r) => mapTrustTransaction(r, trust))))),
  );
}

/** Whether the list `name` is read whole: no watermark, and not resuming part-way through it. */
const readsWhole = (cursor: SourceCursor, name: string): boolean =>
  cursor[name] === undefined && cursor[`${name}:next`] === undefined;

async function* bills(at: StreamPull, ctx: FirmContext): AsyncGenerator<SourcePage> {
  const items = await changedItems(at);
  // Resuming a part-read list: bills up to the last one stored were mapped with their items.
  const storedUpTo = at.cursor['bills:next'] ? at.cursor['bills:last'] : undefined;
  const seen = new Set<string>();
  const mapPage = async (rs: ClioRecord[]) => {
    const mapped = [];
    for (const r of rs) {
      seen.add(r.id);
      mapped.push(mapBill(r, await itemsOf(at, r, items), ctx));
    }
    return split(mapped);
  };
  yield* stream(at, 'bills', '/bills.json', BILL_FIELDS, mapPage);
  // Bills whose items changed while they did not (an item edited on its own).
  const more = [...items.keys()].filter(
    (id) => !seen.has(id) && !(storedUpTo && idAtMost(id, storedUpTo)),
  );
  for (const records of await byIds(at, '/bills.json', BILL_FIELDS, more))
    yield emptyPage(at.cursor, await mapPage(records));
}

/** Line items changed since the bills' watermark, by bill. */
async function changedItems(at: StreamPull): Promise<Map<string, ClioRecord[]>> {
  const byBill = new Map<string, ClioRecord[]>();
  const params: [string, string][] = [['fields', LINE_FIELDS], ...sinceParams(at, 'bills')];
  for await (const page of at.client.list('/line_items.json', params, at.signal))
    for (const item of page.records) {
      const bill = idOf(item.bill) ?? '';
      byBill.set(bill, [...(byBill.get(bill) ?? []), item]);
    }
  return byBill;
}

/** A bill's items: the changed ones read, when they add up to its sub_total; else its own list. */
async function itemsOf(
  at: StreamPull,
  bill: ClioRecord,
  changed: Map<string, ClioRecord[]>,
): Promise<ClioRecord[]> {
  const known = changed.get(bill.id) ?? [];
  const want = readMoney(bill.sub_total, 4);
  let sum = 0n;
  for (const item of known) {
    const s = readMoney(item.sub_total, 4);
    sum += s.ok ? s.units : 0n;
  }
  if (known.length > 0 && want.ok && want.units === sum) return known;
  const own: ClioRecord[] = [];
  const params: [string, string][] = [
    ['fields', LINE_FIELDS],
    ['bill_id', bill.id],
  ];
  for await (const page of at.client.list('/line_items.json', params, at.signal))
    own.push(...page.records);
  return own;
}

/** A voided allocation's live successor under the same Payment and bill, if any. */
async function liveSuccessor(at: StreamPull, voided: ClioRecord): Promise<ClioRecord | undefined> {
  const params: [string, string][] = [
    ['fields', ALLOCATION_FIELDS],
    ['parent_id', idOf(voided.parent) ?? ''],
    ['status', 'valid'],
  ];
  for await (const page of at.client.list('/allocations.json', params, at.signal))
    for (const a of page.records)
      if (!isVoided(a) && paymentId(a) === paymentId(voided) && parentType(a) === 'Payment')
        return a;
  return undefined;
}

/** Records by id, `IDS_PER_REQUEST` a request. */
async function byIds(
  at: StreamPull,
  path: string,
  fields: string,
  ids: readonly string[],
): Promise<ClioRecord[][]> {
  const pages: ClioRecord[][] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) {
    const params: [string, string][] = [
      ['fields', fields],
      ...ids.slice(i, i + IDS_PER_REQUEST).map((id): [string, string] => ['ids[]', id]),
    ];
    for await (const page of at.client.list(path, params, at.signal)) pages.push(page.records);
  }
  return pages;
}
