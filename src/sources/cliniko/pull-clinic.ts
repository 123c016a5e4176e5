/**
 * One pull of a clinic, as pages for the runner (sources/pull/run-pull.ts), in the order references
 * need: the clinic's reference data (its businesses become entities), patients (archived and
 * merged ones included: `q[]=archived_at:*`), deleted patients, third-party contacts, invoices
 * with their items, invoices whose items alone changed or were deleted, deleted invoices.
 *
 * Each stream reads `q[]=updated_at:>` (or `deleted_at:>`) its watermark less the overlap, sorted
 * by that time, 100 a page; each page's cursor moves that stream's watermark to the latest time on
 * the page, so a pull that stops resumes after the last page stored. With nothing changed, a
 * pull makes one request per list (reference/pms-apis.md §1.5).
 *
 * @module
 */
import { advance, readFrom, type SourceCursor } from '../cursor.js';
import type { SourceDeletion, SourcePage, SourceRejection } from '../source.js';
import type { ClinicContext } from './clinic-context.js';
import {
  linkedId,
  PER_PAGE,
  type ClinikoClient,
  type ClinikoPage,
  type ClinikoRecord,
} from './client.js';
import { mapPatient, mapThirdParty } from './map-contact.js';
import { mapInvoice, settlementId } from './map-invoice.js';
import { readClinic } from './reference-data.js';

export interface ClinicPull {
  readonly client: ClinikoClient;
  readonly currency: string | undefined;
  readonly overlapMs: number;
  readonly signal?: AbortSignal;
}

type Query = [string, string][];

/**
 * Where a stream's watermark may move after `got` is stored: the latest `field` time on the page;
 * after the last page, also the time Cliniko answered the first (its Date header) — every change
 * before that was listed — so a quiet clinic is not re-read from its last change on every pull.
 */
function mark(got: ClinikoPage, field: string): string | undefined {
  const seen = latest(got.records, field);
  if (!got.last || got.startedAt === undefined) return seen;
  return seen === undefined || Date.parse(got.startedAt) > Date.parse(seen) ? got.startedAt : seen;
}

/** The latest `field` time among `records`. */
function latest(records: readonly ClinikoRecord[], field: string): string | undefined {
  let best: string | undefined;
  for (const r of records) {
    const t = r[field];
    if (typeof t === 'string' && (best === undefined || Date.parse(t) > Date.parse(best))) best = t;
  }
  return best;
}

/** The filter and sort reading `stream` since its watermark (less the overlap). */
function since(cursor: SourceCursor, stream: string, field: string, overlapMs: number): Query {
  const from = readFrom(cursor, stream, overlapMs);
  const filter: Query = from ? [['q[]', `${field}:>${from.toISOString().slice(0, 19)}Z`]] : [];
  return [...filter, ['sort', field]];
}

const page = (cursor: SourceCursor, more: Partial<SourcePage> = {}): SourcePage => ({
  documents: [],
  deletions: [],
  rejections: [],
  cursor,
  ...more,
});

/** The pull's position, moved as each page is yielded (and stored by the runner). */
interface Position {
  cursor: SourceCursor;
  /** Invoices read in this pull: the item-change scan does not read them again. */
  readonly pulled: Set<string>;
}

export async function* pullClinic(
  p: ClinicPull,
  start: SourceCursor | undefined,
): AsyncGenerator<SourcePage> {
  const at: Position = { cursor: start ?? {}, pulled: new Set() };
  const ctx = await readClinic(p.client, p.currency, p.signal);
  const entities = new Map([...ctx.businesses.values()].map((b) => [b.entity, b.name]));
  yield page(at.cursor, { entities });
  yield* stream(p, at, 'patients', '/patients', 'updated_at', [['q[]', 'archived_at:*']], (rs) => ({
    documents: rs.map((r) => mapPatient(r, ctx)),
  }));
  yield* stream(p, at, 'patients', '/patients/deleted', 'deleted_at', [], (rs) => ({
    deletions: rs.map((r) => ({ kind: 'contact', sourceId: r.id })),
  }));
  yield* stream(p, at, 'contacts', '/contacts', 'updated_at', [], (rs) => ({
    documents: rs.map((r) => mapThirdParty(r, ctx)),
  }));
  yield* stream(p, at, 'invoices', '/invoices', 'updated_at', [], (rs) =>
    invoicesWithItems(p, ctx, rs, at.pulled),
  );
  yield* itemChanges(p, ctx, at);
  yield* stream(p, at, 'invoices', '/invoices/deleted', 'deleted_at', [], (rs) => ({
    deletions: rs.flatMap((r) => [
      { kind: 'invoice' as const, sourceId: r.id },
      { kind: 'payment' as const, sourceId: settlementId(r.id) },
    ]),
  }));
}

type Mapper = (records: ClinikoRecord[]) => Partial<SourcePage> | Promise<Partial<SourcePage>>;

/** One list since its watermark, each page mapped and yielded with the watermark moved past it. */
async function* stream(
  p: ClinicPull,
  at: Position,
  resource: string,
  path: string,
  field: string,
  extra: Query,
  map: Mapper,
): AsyncGenerator<SourcePage> {
  const query = [...extra, ...since(at.cursor, path, field, p.overlapMs)];
  for await (const got of p.client.list(resource, path, query, p.signal)) {
    const mapped = await map(got.records);
    at.cursor = advance(at.cursor, path, mark(got, field));
    yield page(at.cursor, mapped);
  }
}

/**
 * Invoices whose items changed while they did not: an item edited on its own (`/invoice_items`
 * by `updated_at`), or taken off (`/invoice_items/deleted` by `deleted_at`: a deleted item is in
 * no other list, and removing a no-charge item changes none of the invoice's totals). Each such
 * invoice is read again with its live items. On the first pull there is nothing to catch up on:
 * the watermarks start where the invoices' ended.
 */
async function* itemChanges(
  p: ClinicPull,
  ctx: ClinicContext,
  at: Position,
): AsyncGenerator<SourcePage> {
  for (const [path, field] of [
    ['/invoice_items', 'updated_at'],
    ['/invoice_items/deleted', 'deleted_at'],
  ] as const) {
    if (at.cursor[path] === undefined) {
      const invoices = at.cursor['/invoices'];
      if (invoices !== undefined) at.cursor = advance(at.cursor, path, invoices);
      continue;
    }
    yield* stream(p, at, 'invoice_items', path, field, [], (items) =>
      invoicesOfItems(p, ctx, at, items),
    );
  }
}

/** The invoices `items` belong to that this pull has not read yet, read and mapped. */
async function invoicesOfItems(
  p: ClinicPull,
  ctx: ClinicContext,
  at: Position,
  items: readonly ClinikoRecord[],
): Promise<Partial<SourcePage>> {
  const ids = new Set(items.map((r) => linkedId(r.invoice)));
  const wanted = [...ids].filter((id): id is string => !!id && !at.pulled.has(id));
  const invoices: ClinikoRecord[] = [];
  for (let i = 0; i < wanted.length; i += PER_PAGE) {
    const query: Query = [['q[]', `id:=${wanted.slice(i, i + PER_PAGE).join(',')}`]];
    for await (const more of p.client.list('invoices', '/invoices', query, p.signal))
      invoices.push(...more.records);
  }
  return invoicesWithItems(p, ctx, invoices, at.pulled);
}

/** A page of invoices mapped with their items, read in one list for the whole page. */
async function invoicesWithItems(
  p: ClinicPull,
  ctx: ClinicContext,
  invoices: ClinikoRecord[],
  pulled: Set<string>,
): Promise<Pick<SourcePage, 'documents' | 'deletions' | 'rejections'>> {
  const items = new Map<string, ClinikoRecord[]>();
  const ids = invoices.map((r) => r.id).filter(Boolean);
  if (ids.length > 0)
    for await (const got of p.client.list(
      'invoice_items',
      '/invoice_items',
      [['q[]', `invoice_id:=${ids.join(',')}`]],
      p.signal,
    ))
      for (const item of got.records) {
        const invoice = linkedId(item.invoice) ?? '';
        items.set(invoice, [...(items.get(invoice) ?? []), item]);
      }
  const documents: unknown[] = [];
  const deletions: SourceDeletion[] = [];
  const rejections: SourceRejection[] = [];
  for (const r of invoices) {
    pulled.add(r.id);
    const mapped = mapInvoice(r, items.get(r.id) ?? [], ctx);
    documents.push(...mapped.documents);
    deletions.push(...mapped.deletions);
    rejections.push(...mapped.rejections);
  }
  return { documents, deletions, rejections };
}
