/**
 * Reading an Actionstep collection (docs.actionstep.com/api-requests; pms-apis.md §3.2): a page
 * is `{<resource>: [...], linked: {<type>: [...]}, meta: {paging: {<resource>: {nextPage…}}}}`.
 * A page of one record carries it as an object rather than an array (the official sample app's
 * PageMetaDataResponseDto reads it both ways), and nothing matching answers 204 (read as `{}`).
 *
 * Two walks:
 * - `changedSince`: records modified after a time, oldest first, by keyset — each next request
 *   starts at the last page's newest `modifiedTimestamp` (`_gteq`, skipping ids already seen at
 *   that instant) rather than at an offset. Offset paging over a list that changes while it is
 *   read skips a record each time an earlier one is edited and moves to the end; a keyset never
 *   does. Page numbers are used only inside one instant shared by a whole page of records.
 * - `byIds`: the records linked to a set of ids (`bill_in=1,2,3`), every page to the end.
 *
 * @module
 */
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import type { ActionstepSession } from './session.js';

export type ApiRecord = Readonly<Record<string, unknown>> & {
  readonly id: unknown;
  readonly links?: Readonly<Record<string, unknown>>;
};

export interface ApiPage {
  readonly records: readonly ApiRecord[];
  /** Included records by type, then id. */
  readonly linked: ReadonlyMap<string, ReadonlyMap<string, ApiRecord>>;
}

/** Actionstep's largest page (docs.actionstep.com/api-limits). */
export const PAGE_SIZE = 200;

export function readPage(resource: string, body: unknown): ApiPage & { next: string | null } {
  const object: Record<string, unknown> = isObject(body) ? body : {};
  const data = object[resource];
  const records = (Array.isArray(data) ? data : data === undefined ? [] : [data]).filter(isObject);
  const linked = new Map<string, Map<string, ApiRecord>>();
  const groups = isObject(object.linked) ? object.linked : {};
  for (const [type, list] of Object.entries(groups)) {
    const rows = (Array.isArray(list) ? list : [list]).filter(isObject);
    linked.set(type, new Map(rows.map((r) => [String(r.id), r])));
  }
  const meta: Record<string, unknown> = isObject(object.meta) ? object.meta : {};
  const paging = isObject(meta.paging) ? meta.paging[resource] : undefined;
  const next = isObject(paging) && typeof paging.nextPage === 'string' ? paging.nextPage : null;
  return { records, linked, next };
}

export function resourceUrl(apiEndpoint: string, resource: string, query: URLSearchParams): string {
  const base = apiEndpoint.endsWith('/') ? apiEndpoint : `${apiEndpoint}/`;
  const text = query.toString();
  return `${base}rest/${resource}${text ? `?${text}` : ''}`;
}

export interface ChangedQuery {
  readonly resource: string;
  readonly from: Date | undefined;
  readonly include?: string;
  readonly signal?: AbortSignal;
}

export async function* changedSince(
  session: ActionstepSession,
  q: ChangedQuery,
): AsyncGenerator<ApiPage> {
  let from = q.from === undefined ? undefined : wholeSecond(q.from);
  let page = 1;
  const seenAtFrom = new Set<string>();
  for (;;) {
    const query = new URLSearchParams({
      sort: 'modifiedTimestamp,id',
      pageSize: String(PAGE_SIZE),
    });
    if (from !== undefined) query.set('modifiedTimestamp_gteq', from);
    if (page > 1) query.set('page', String(page));
    if (q.include) query.set('include', q.include);
    const body = await session.getJson(
      resourceUrl(session.apiEndpoint, q.resource, query),
      q.signal,
    );
    const read = readPage(q.resource, body);
    const fresh = read.records.filter((r) => !seenAtFrom.has(String(r.id)));
    if (fresh.length > 0) yield { records: fresh, linked: read.linked };
    if (read.records.length < PAGE_SIZE) return;
    const newest = newestStamp(read.records, q.resource);
    if (from !== undefined && Date.parse(newest) === Date.parse(from)) page++;
    else {
      from = newest;
      page = 1;
      seenAtFrom.clear();
    }
    for (const r of read.records)
      if (Date.parse(String(r.modifiedTimestamp)) === Date.parse(from))
        seenAtFrom.add(String(r.id));
  }
}

export async function* byIds(
  session: ActionstepSession,
  q: {
    resource: string;
    link: string;
    ids: readonly string[];
    include?: string;
    signal?: AbortSignal;
  },
): AsyncGenerator<ApiPage> {
  if (q.ids.length === 0) return;
  const query = new URLSearchParams({ [`${q.link}_in`]: q.ids.join(',') });
  if (q.include) query.set('include', q.include);
  yield* everyPage(session, q.resource, query, q.signal);
}

/** Every page of a read, in id order, following `nextPage` to the end. */
export async function* everyPage(
  session: ActionstepSession,
  resource: string,
  query: URLSearchParams,
  signal?: AbortSignal,
): AsyncGenerator<ApiPage> {
  const ordered = new URLSearchParams(query);
  ordered.set('sort', 'id');
  ordered.set('pageSize', String(PAGE_SIZE));
  let url: string | null = resourceUrl(session.apiEndpoint, resource, ordered);
  while (url) {
    const read = readPage(resource, await session.getJson(url, signal));
    if (read.records.length > 0) yield read;
    url = read.records.length < PAGE_SIZE ? null : read.next;
  }
}

/** Pages gathered into one: their records, and their included records merged by type. */
export async function gather(pages: AsyncIterable<ApiPage>): Promise<ApiPage> {
  const records: ApiRecord[] = [];
  const linked = new Map<string, Map<string, ApiRecord>>();
  for await (const page of pages) {
    records.push(...page.records);
    for (const [type, rows] of page.linked) {
      const into = linked.get(type) ?? new Map<string, ApiRecord>();
      for (const [id, row] of rows) into.set(id, row);
      linked.set(type, into);
    }
  }
  return { records, linked };
}

/** The newest modifiedTimestamp of a page (as Actionstep wrote it), for the keyset and cursor. */
export function newestStamp(records: readonly ApiRecord[], resource: string): string {
  let newest: string | undefined;
  for (const r of records) {
    const stamp = r.modifiedTimestamp;
    if (typeof stamp !== 'string' || Number.isNaN(Date.parse(stamp))) continue;
    if (newest === undefined || Date.parse(stamp) > Date.parse(newest)) newest = stamp;
  }
  if (newest === undefined)
    throw new LedgerbridgeError(
      'LB_SOURCE_BAD_RESPONSE',
      `Actionstep sent a page of ${resource} without a modifiedTimestamp`,
    );
  return newest;
}

/** A filter time to the second below, as ISO 8601 with its offset; re-reading a part second is free. */
function wholeSecond(date: Date): string {
  return `${new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString().slice(0, 19)}+00:00`;
}

export function isObject(value: unknown): value is Record<string, unknown> & { id: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
