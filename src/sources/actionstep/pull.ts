/**
 * One pull of an Actionstep organisation, as pages for the pull runner (sources/pull/run-pull.ts):
 *
 * 1. divisions (with their participant, whose name is the division's): one entity each, recorded
 *    with the first page; read whole every pull (one request);
 * 2. participants → contacts; 3. bills with their lines → invoices; 4. credit notes; 5. receipts
 *    with their allocations → payments — each stream read by `modifiedTimestamp` from its own
 *    watermark less the overlap, oldest first, and in that order so a document's contact or
 *    invoice is stored before it (the runner checks references against the store).
 *
 * A page's cursor moves its stream's watermark to the newest record of that page only, so a pull
 * that fails half-way resumes after the last stored page. Actionstep has no event or deletion
 * feed for bills, credits or receipts (pms-apis.md §3.2): voids and reversals are status changes
 * that move `modifiedTimestamp`, and lines and allocations are read for the bills and receipts that
 * changed (one request per page of 200, with `include` for tax codes, accounts and bills).
 *
 * @module
 */
import { advance, readFrom, type SourceCursor } from '../cursor.js';
import type { PullRequest, SourceListing, SourcePage, SourceRejection } from '../source.js';
import {
  byIds,
  changedSince,
  everyPage,
  gather,
  newestStamp,
  type ApiPage,
  type ApiRecord,
} from './collection.js';
import { linkId, mapRecord, recordId } from './fields.js';
import { billToInvoice } from './map-bill.js';
import { participantToContact } from './map-contact.js';
import { creditToCreditNote, receiptToPayments } from './map-money.js';
import type { ActionstepSession } from './session.js';

interface Mapped {
  documents: unknown[];
  deletions: SourcePage['deletions'][number][];
  rejections: SourceRejection[];
  listings?: SourceListing[];
}

interface Stream {
  readonly resource: string;
  readonly include?: string;
  map(session: ActionstepSession, page: ApiPage, signal?: AbortSignal): Promise<Mapped>;
}

const STREAMS: readonly Stream[] = [
  { resource: 'participants', map: (_s, page) => Promise.resolve(contacts(page)) },
  { resource: 'bills', map: invoices },
  { resource: 'creditnotes', include: 'taxCode,bill', map: (_s, p) => Promise.resolve(credits(p)) },
  { resource: 'receipts', map: payments },
];

export async function* pullActionstep(
  session: ActionstepSession,
  request: PullRequest,
  overlapMs: number,
): AsyncGenerator<SourcePage> {
  const { signal } = request;
  let cursor: SourceCursor = request.cursor ?? {};
  const entities = await divisions(session, signal);
  yield { documents: [], deletions: [], rejections: [], cursor, entities };
  for (const stream of STREAMS) {
    const from = readFrom(request.cursor, stream.resource, overlapMs);
    const pages = changedSince(session, {
      resource: stream.resource,
      from,
      ...(stream.include ? { include: stream.include } : {}),
      ...(signal ? { signal } : {}),
    });
    for await (const page of pages) {
      const mapped = await stream.map(session, page, signal);
      cursor = advance(cursor, stream.resource, newestStamp(page.records, stream.resource));
      yield { ...mapped, cursor };
    }
  }
}

/** Division id → its name (its participant's displayName, Divisions.php of the PHP SDK). */
export async function divisions(
  session: ActionstepSession,
  signal?: AbortSignal,
): Promise<Map<string, string>> {
  const query = new URLSearchParams({ include: 'participant' });
  const all = await gather(everyPage(session, 'divisions', query, signal));
  const names = new Map<string, string>();
  for (const d of all.records) {
    const participant = all.linked.get('participants')?.get(linkId(d, 'participant') ?? '');
    const name = typeof participant?.displayName === 'string' ? participant.displayName : undefined;
    names.set(String(d.id), name ?? `Division ${String(d.id)}`);
  }
  return names;
}

function empty(): Mapped {
  return { documents: [], deletions: [], rejections: [] };
}

function contacts(page: ApiPage): Mapped {
  const out = empty();
  for (const p of page.records) {
    const mapped = mapRecord('contact', 'participant', p, () => participantToContact(p));
    if (mapped.ok) out.documents.push(mapped.value);
    else out.rejections.push(mapped.rejection);
  }
  return out;
}

async function invoices(
  session: ActionstepSession,
  page: ApiPage,
  signal?: AbortSignal,
): Promise<Mapped> {
  const lines = await gather(
    byIds(session, {
      resource: 'billlines',
      link: 'bill',
      ids: idsOf(page.records),
      include: 'taxCode,incomeAccount',
      ...(signal ? { signal } : {}),
    }),
  );
  const byBill = groupBy(lines.records, 'bill');
  const out = empty();
  for (const bill of page.records) {
    const own = byBill.get(String(bill.id)) ?? [];
    const mapped = mapRecord('invoice', 'bill', bill, () => billToInvoice(bill, own, lines.linked));
    if (mapped.ok) out.documents.push(mapped.value);
    else out.rejections.push(mapped.rejection);
  }
  return out;
}

function credits(page: ApiPage): Mapped {
  const out = empty();
  for (const c of page.records) {
    const mapped = mapRecord('credit_note', 'credit note', c, () =>
      creditToCreditNote(c, page.linked),
    );
    if (mapped.ok) out.documents.push(mapped.value);
    else out.rejections.push(mapped.rejection);
  }
  return out;
}

async function payments(
  session: ActionstepSession,
  page: ApiPage,
  signal?: AbortSignal,
): Promise<Mapped> {
  const allocations = await gather(
    byIds(session, {
      resource: 'receiptallocations',
      link: 'receipt',
      ids: idsOf(page.records),
      include: 'bill',
      ...(signal ? { signal } : {}),
    }),
  );
  const byReceipt = groupBy(allocations.records, 'receipt');
  const out = empty();
  const listings: SourceListing[] = [];
  for (const r of page.records) {
    const own = byReceipt.get(String(r.id)) ?? [];
    const mapped = mapRecord('payment', 'receipt', r, () =>
      receiptToPayments(r, own, allocations.linked),
    );
    if (!mapped.ok) out.rejections.push(mapped.rejection);
    else {
      out.documents.push(...mapped.value.payments);
      out.deletions.push(...mapped.value.deletions);
      // The bills this receipt pays now are all of them: a payment of it to a bill it no longer
      // pays (re-allocated elsewhere) is gone. Actionstep reports no removed allocations.
      listings.push({
        kind: 'payment',
        within: `${String(r.id)}-`,
        sourceIds: mapped.value.payments.map((p) => String(p.sourceId)),
      });
    }
  }
  return { ...out, listings };
}

function idsOf(records: readonly ApiRecord[]): string[] {
  const ids: string[] = [];
  for (const r of records) {
    try {
      ids.push(recordId(r));
    } catch {
      // A record without an id is rejected by its mapper; it has no lines to read.
    }
  }
  return [...new Set(ids)];
}

function groupBy(records: readonly ApiRecord[], link: string): Map<string, ApiRecord[]> {
  const groups = new Map<string, ApiRecord[]>();
  for (const r of records) {
    const key = linkId(r, link);
    if (key === undefined) continue;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return groups;
}
