/**
 * One Clio list read since its watermark, a page at a time, with the cursor the runner stores
 * with each page.
 *
 * Lists are id-ordered (cursor paging), not time-ordered, so a page's latest `updated_at` says
 * nothing about the records not yet read: the watermark `<name>` moves only when the list is
 * finished, to the time Clio answered its first page (its Date header; less the overlap on the
 * next pull). While a list is part-read, `<name>:next` holds the next page's URL and
 * `<name>:started` that start time, so a pull that stops half-way resumes at the page after the
 * last one stored — never past it, never from the start; `<name>:last` the last id stored.
 *
 * @module
 */
import { readFrom, type SourceCursor } from '../cursor.js';
import type { SourcePage } from '../source.js';
import type { ClioClient, ClioRecord } from './client.js';

export interface StreamPull {
  readonly client: ClioClient;
  readonly overlapMs: number;
  readonly signal?: AbortSignal;
  /** The pull's position, moved as each page is yielded. */
  cursor: SourceCursor;
}

export type PageMapper = (records: ClioRecord[]) => Promise<Partial<SourcePage>>;

export const emptyPage = (cursor: SourceCursor, more: Partial<SourcePage> = {}): SourcePage => ({
  documents: [],
  deletions: [],
  rejections: [],
  cursor,
  ...more,
});

/** `updated_since` for `name`'s watermark less the overlap (Clio's filter is "at or after"). */
export function sinceParams(p: StreamPull, name: string): [string, string][] {
  const from = readFrom(p.cursor, name, p.overlapMs);
  return from ? [['updated_since', from.toISOString().replace(/\.\d{3}Z$/, 'Z')]] : [];
}

/** The page's last id (ids ascend), kept while a list is part-read. */
function lastId(records: readonly ClioRecord[], previous: string | undefined): string {
  return records.at(-1)?.id ?? previous ?? '';
}

/** Whether id `a` ≤ id `b`, as the integers they are (compared as text, no rounding). */
export const idAtMost = (a: string, b: string): boolean =>
  a.length < b.length || (a.length === b.length && a <= b);

function without(cursor: SourceCursor, ...keys: string[]): SourceCursor {
  return Object.fromEntries(Object.entries(cursor).filter(([k]) => !keys.includes(k)));
}

export async function* stream(
  p: StreamPull,
  name: string,
  path: string,
  fields: string,
  map: PageMapper,
  filters: readonly [string, string][] = [],
): AsyncGenerator<SourcePage> {
  const [nextKey, startedKey, lastKey] = [`${name}:next`, `${name}:started`, `${name}:last`];
  let url: string | undefined =
    p.cursor[nextKey] ??
    p.client.url(path, [
      ['fields', fields],
      ...filters,
      ...sinceParams(p, name),
      ['order', 'id(asc)'],
      ['limit', '200'],
    ]);
  let started = p.cursor[startedKey];
  while (url) {
    const got = await p.client.page(url, p.signal);
    started ??= got.serverTime ?? new Date(p.client.now()).toISOString();
    const mapped = await map(got.records);
    url = got.next;
    p.cursor = url
      ? {
          ...p.cursor,
          [nextKey]: url,
          [startedKey]: started,
          [lastKey]: lastId(got.records, p.cursor[lastKey]),
        }
      : { ...without(p.cursor, nextKey, startedKey, lastKey), [name]: started };
    yield emptyPage(p.cursor, mapped);
  }
}
