/**
 * GET answers: `{"data": [...], "meta": {"paging": {"previous"?, "next"?}, "records": n}}` for an
 * index, `{"data": {...}}` for one record (docs.developers.clio.com/api-docs/paging: "If there is
 * no previous or next page, the field will be omitted"). `meta.records`, the count of matching
 * records, is an assumption from Clio's public clients.
 *
 * A single record's answer carries `ETag` and `Last-Modified`; `If-None-Match` with the current
 * etag, or `If-Modified-Since` at or after the last change, answers 304 (api-docs/etags).
 *
 * @module
 */
import type { FirmBooks, Row } from './firm.js';
import { renderRow } from './fields.js';
import type { ListQuery } from './query.js';
import { OFFSET_CAP, pageToken, parseListQuery, sortRows } from './query.js';
import { parseFields } from './fields.js';
import type { ResourceDef } from './schema.js';

export interface ReadContext {
  books: FirmBooks;
  def: ResourceDef;
  /** The request URL, to build paging links from. */
  url: URL;
}

function linkWith(url: URL, set: Record<string, string>, drop: string[] = []): string {
  const next = new URL(url);
  for (const k of drop) next.searchParams.delete(k);
  for (const [k, v] of Object.entries(set)) next.searchParams.set(k, v);
  return next.toString();
}

/** Matching counts by query, for the books' version they were counted at. */
const counts = new WeakMap<FirmBooks, Map<string, { version: number; total: number }>>();

/**
 * `meta.records` of a filtered cursor read, counted once per query while nothing changes, so a
 * filtered read of n pages does not scan the table n times.
 */
function countOnce(ctx: ReadContext, count: () => number): number {
  const params = new URLSearchParams(ctx.url.searchParams);
  for (const k of ['page_token', 'limit', 'fields']) params.delete(k);
  const key = `${ctx.def.name}?${params.toString()}`;
  let byQuery = counts.get(ctx.books);
  if (!byQuery) {
    byQuery = new Map<string, { version: number; total: number }>();
    counts.set(ctx.books, byQuery);
  }
  const cached = byQuery.get(key);
  if (cached?.version === ctx.books.version) return cached.total;
  const total = count();
  if (byQuery.size > 100) byQuery.clear();
  byQuery.set(key, { version: ctx.books.version, total });
  return total;
}

type Page = { page: Row[]; total: number; paging: Record<string, string> };

/** The first index in id-ordered rows whose id is above `after`. */
function firstAfter(rows: readonly Row[], after: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((rows[mid] as Row).id <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Cursor paging walks the id-ordered rows from the token on, so a page costs its own records, not
 * the table's: 100,000 bills read at the bench's pace.
 */
function cursorPage(ctx: ReadContext, rows: readonly Row[], q: ListQuery): Page {
  const passes = (r: Row) => q.tests.every((t) => t(r));
  const page: Row[] = [];
  let i = q.after === undefined ? 0 : firstAfter(rows, q.after);
  for (; i < rows.length && page.length < q.limit; i++)
    if (passes(rows[i] as Row)) page.push(rows[i] as Row);
  let more = false;
  for (; i < rows.length && !more; i++) more = passes(rows[i] as Row);
  const last = page[page.length - 1];
  const paging: Record<string, string> = {};
  if (last && more) paging.next = linkWith(ctx.url, { page_token: pageToken(last.id) });
  const total =
    q.tests.length === 0 ? rows.length : countOnce(ctx, () => rows.filter(passes).length);
  return { page, total, paging };
}

function offsetPage(ctx: ReadContext, all: readonly Row[], q: ListQuery): Page {
  const rows = all.filter((r) => q.tests.every((t) => t(r)));
  sortRows(rows, q.order);
  const end = Math.min(q.offset + q.limit, OFFSET_CAP);
  const paging: Record<string, string> = {};
  if (q.offset > 0)
    paging.previous = linkWith(ctx.url, { offset: String(Math.max(0, q.offset - q.limit)) });
  if (end < rows.length && end < OFFSET_CAP)
    paging.next = linkWith(ctx.url, { offset: String(end) });
  return { page: rows.slice(q.offset, end), total: rows.length, paging };
}

/** GET /api/v4/<resource>.json */
export function readIndex(ctx: ReadContext): Record<string, unknown> {
  const q = parseListQuery(ctx.def, ctx.url.searchParams);
  const rows = q.via
    ? ctx.books.linkedTo(ctx.def.name, q.via.field, q.via.id)
    : ctx.books.inIdOrder(ctx.def.name);
  const { page, total, paging } = q.cursor ? cursorPage(ctx, rows, q) : offsetPage(ctx, rows, q);
  return {
    data: page.map((r) => renderRow(ctx.books, ctx.def, r, q.selection)),
    meta: { paging, records: total },
  };
}

/** One record as the answer to a GET, PATCH or POST shows it. */
export function readOne(ctx: ReadContext, row: Row): Record<string, unknown> {
  const selection = parseFields(ctx.def, ctx.url.searchParams.get('fields'));
  return { data: renderRow(ctx.books, ctx.def, row, selection) };
}

/** HTTP-date of a record's last change. */
export function lastModified(row: Row): string {
  return new Date(Date.parse(String(row.updated_at))).toUTCString();
}

/** True when the conditional headers say the client's copy is current (answer 304). */
export function notModified(
  row: Row,
  ifNoneMatch: string | undefined,
  ifModifiedSince: string | undefined,
): boolean {
  if (ifNoneMatch !== undefined) return ifNoneMatch.split(',').some((t) => t.trim() === row.etag);
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Date.parse(String(row.updated_at)) <= since;
}
