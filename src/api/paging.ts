/**
 * Cursor paging for every list: `?limit=&cursor=`, answered with `next_cursor` (null on the last
 * page). The cursor is opaque (base64url of the last key seen), so clients never build offsets —
 * an offset costs a scan of everything skipped, a keyset costs one index seek at any depth.
 *
 * @module
 */
import { z } from 'zod';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';

export const MAX_LIMIT = 200;
export const DEFAULT_LIMIT = 50;

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
  cursor: z.string().max(512).optional().describe('next_cursor from the previous page'),
});

export interface Page<T> {
  readonly items: readonly T[];
  readonly next_cursor: string | null;
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next_cursor: z.string().nullable() });
}

export function encodeCursor(key: string | number): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key inside a cursor; a cursor not made by us is a 400, not a silent first page. */
export function decodeCursor(cursor: string | undefined): string | number | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof key === 'string' || typeof key === 'number') return key;
  } catch {
    // falls through to the error below
  }
  throw new LedgerbridgeError('LB_USAGE', 'The cursor is not one this API gave out', {
    fix: 'Pass next_cursor from the previous page unchanged, or leave cursor out for the first page.',
    details: { field: 'cursor', value: cursor },
  });
}

export function numericCursor(cursor: string | undefined): number {
  const key = decodeCursor(cursor);
  if (key === undefined) return 0;
  if (typeof key !== 'number') throw decodeError(cursor);
  return key;
}

function decodeError(cursor: string | undefined): LedgerbridgeError {
  return new LedgerbridgeError('LB_USAGE', 'The cursor is not one this list gave out', {
    details: { field: 'cursor', value: cursor },
  });
}

/**
 * A page of rows fetched with `limit + 1` by a keyset query: the extra row only says another
 * page exists.
 */
export function toPage<T>(
  rows: readonly T[],
  limit: number,
  keyOf: (row: T) => string | number,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    next_cursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}

/**
 * The same over a small configuration table read whole (sources, organisations, routes,
 * mappings: hundreds of rows, not millions), ordered by its key.
 */
export function pageInMemory<T>(
  rows: readonly T[],
  query: { limit: number; cursor?: string | undefined },
  keyOf: (row: T) => string,
): Page<T> {
  const after = decodeCursor(query.cursor);
  if (after !== undefined && typeof after !== 'string') throw decodeError(query.cursor);
  const sorted = [...rows].sort((a, b) => compare(keyOf(a), keyOf(b)));
  const rest = after === undefined ? sorted : sorted.filter((r) => compare(keyOf(r), after) > 0);
  return toPage(rest.slice(0, query.limit + 1), query.limit, keyOf);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A page of a table keyed by a numeric id: `fetch` reads `limit` rows after `afterId`. */
export async function keysetPage<T extends { readonly id: number }>(
  query: { limit: number; cursor?: string | undefined },
  fetch: (afterId: number, limit: number) => Promise<T[]>,
): Promise<Page<T>> {
  return toPage(
    await fetch(numericCursor(query.cursor), query.limit + 1),
    query.limit,
    (r) => r.id,
  );
}
