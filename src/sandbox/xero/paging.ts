/**
 * Paging of GET lists: `page` (from 1) and `pageSize` (default 100, at most 1000), with the
 * `pagination` object `{page, pageSize, pageCount, itemCount}` (spec L24230; reference §5: the
 * default of 100 is from spec L7422, the 1..1000 range from CData and [2nd]).
 *
 * @module
 */

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export interface PageRequest {
  page: number;
  pageSize: number;
}

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  itemCount: number;
}

function positiveInt(text: string | null): number | undefined {
  if (text === null || !/^\d+$/.test(text.trim())) return undefined;
  const n = Number(text);
  return n >= 1 ? n : undefined;
}

/** The page asked for, or undefined when the request has no `page` (the whole list is returned). */
export function readPageRequest(params: URLSearchParams): PageRequest | undefined {
  if (!params.has('page')) return undefined;
  const page = positiveInt(params.get('page')) ?? 1;
  const size = positiveInt(params.get('pageSize')) ?? DEFAULT_PAGE_SIZE;
  return { page, pageSize: Math.min(size, MAX_PAGE_SIZE) };
}

/** One page of `items` and its pagination object. */
export function paginate<T>(
  items: readonly T[],
  request: PageRequest,
): { items: T[]; pagination: Pagination } {
  const start = (request.page - 1) * request.pageSize;
  return {
    items: items.slice(start, start + request.pageSize),
    pagination: {
      page: request.page,
      pageSize: request.pageSize,
      pageCount: Math.ceil(items.length / request.pageSize),
      itemCount: items.length,
    },
  };
}
