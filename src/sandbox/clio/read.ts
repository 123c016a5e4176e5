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

function cursorPage(ctx: ReadContext, rows: Row[], q: ListQuery): [Row[], Record<string, string>] {
  const start = q.after === undefined ? 0 : rows.findIndex((r) => r.id > (q.after ?? 0));
  const from = start < 0 ? rows.length : start;
  const page = rows.slice(from, from + q.limit);
  const last = page[page.length - 1];
  const paging: Record<string, string> = {};
  if (last && from + q.limit < rows.length)
    paging.next = linkWith(ctx.url, { page_token: pageToken(last.id) });
  return [page, paging];
}

function offsetPage(ctx: ReadContext, rows: Row[], q: ListQuery): [Row[], Record<string, string>] {
  const end = Math.min(q.offset + q.limit, OFFSET_CAP);
  const page = rows.slice(q.offset, end);
  const paging: Record<string, string> = {};
  if (q.offset > 0)
    paging.previous = linkWith(ctx.url, { offset: String(Math.max(0, q.offset - q.limit)) });
  if (end < rows.length && end < OFFSET_CAP)
    paging.next = linkWith(ctx.url, { offset: String(end) });
  return [page, paging];
}

/** GET /api/v4/<resource>.json */
export function readIndex(ctx: ReadContext): Record<string, unknown> {
  const q = parseListQuery(ctx.def, ctx.url.searchParams);
  const rows = ctx.books.all(ctx.def.name).filter((r) => q.tests.every((t) => t(r)));
  sortRows(rows, q.order);
  const [page, paging] = q.cursor ? cursorPage(ctx, rows, q) : offsetPage(ctx, rows, q);
  return {
    data: page.map((r) => renderRow(ctx.books, ctx.def, r, q.selection)),
    meta: { paging, records: rows.length },
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
