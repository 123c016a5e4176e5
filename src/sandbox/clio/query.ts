/**
 * The query string of an index request (docs.developers.clio.com/api-docs/paging and the spec's
 * parameters, pms-apis.md §2.2–2.3):
 *
 * - `limit`: 1–200, default 200 ("Index actions are limited to 200 results per request").
 * - Cursor paging: `order=id(asc)` and no `offset`; the answer's `meta.paging.next` carries a
 *   `page_token`. Unlimited, serial.
 * - Offset paging: any other order (allocations and credit memos default to `date(asc)`), or an
 *   `offset`; capped at 10,000 records — an `offset` at or past 10,000 is refused (400) and no
 *   `next` link points past it.
 * - `updated_since` / `created_since`: ISO-8601; records updated (created) at or after it.
 * - `ids[]`, and each resource's own filters (schema.ts).
 *
 * A parameter the emulator does not know is a 400 rather than being ignored, so a misspelt
 * filter never looks like a filtered answer (an assumption: Clio does not document it).
 *
 * @module
 */
import { badRequest } from './errors.js';
import type { Row } from './firm.js';
import { refIds, textOf } from './firm.js';
import type { Selected } from './fields.js';
import { parseFields } from './fields.js';
import type { FilterDef, ResourceDef } from './schema.js';

export const MAX_LIMIT = 200;
export const OFFSET_CAP = 10_000;

export interface ListQuery {
  selection: readonly Selected[];
  limit: number;
  order: { field: string; descending: boolean };
  cursor: boolean;
  /** Cursor paging: records after this id. */
  after?: number;
  offset: number;
  tests: ((row: Row) => boolean)[];
  /** A nested-resource filter (`bill_id=…`), answered from the index rather than a scan. */
  via?: { field: string; id: number };
}

const PAGING = new Set(['fields', 'limit', 'order', 'page_token', 'offset']);

function parseLimit(text: string | null): number {
  if (text === null) return MAX_LIMIT;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > MAX_LIMIT)
    throw badRequest(`limit must be a whole number from 1 to ${MAX_LIMIT}, got '${text}'.`);
  return n;
}

function parseOrder(def: ResourceDef, text: string | null): ListQuery['order'] {
  const value = text ?? def.defaultOrder;
  const m = /^([a-z_]+)\((asc|desc)\)$/.exec(value);
  if (!m?.[1] || !def.sortable.includes(m[1]))
    throw badRequest(`Invalid order '${value}' for ${def.name}.`);
  return { field: m[1], descending: m[2] === 'desc' };
}

/** A page token: the last id of the page before, opaque to clients. */
export function pageToken(lastId: number): string {
  return Buffer.from(`after:${lastId}`).toString('base64url');
}

function readToken(text: string): number {
  const m = /^after:(\d+)$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!m?.[1]) throw badRequest(`Invalid page_token '${text}'.`);
  return Number(m[1]);
}

function parseTime(name: string, text: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) throw badRequest(`${name} must be an ISO-8601 time, got '${text}'.`);
  return ms;
}

function parseId(name: string, text: string): number {
  if (!/^\d+$/.test(text)) throw badRequest(`${name} must be an id, got '${text}'.`);
  return Number(text);
}

function filterTest(name: string, filter: FilterDef, text: string): (row: Row) => boolean {
  switch (filter.kind) {
    case 'ref': {
      const id = parseId(name, text);
      return (row) => refIds(row[filter.field]).includes(id);
    }
    case 'eq':
      if (filter.values && !filter.values.includes(text))
        throw badRequest(`${name} must be one of ${filter.values.join(', ')}, got '${text}'.`);
      return (row) => row[filter.field] === text;
    case 'like':
      return (row) => textOf(row[filter.field]).toLowerCase().includes(text.toLowerCase());
    case 'client_only':
      return text === 'true' ? (row) => row.is_client === true : () => true;
    default:
      if (text !== 'valid' && text !== 'invalid')
        throw badRequest(`status must be valid or invalid, got '${text}'.`);
      return (row) =>
        (row.voided_at === null || row.voided_at === undefined) === (text === 'valid');
  }
}

function stampTest(field: string, name: string, text: string): (row: Row) => boolean {
  const since = parseTime(name, text);
  const key = `_${field.replace('_at', '')}_ms`;
  return (row) => Number(row[key]) >= since;
}

function parseTests(def: ResourceDef, params: URLSearchParams): ListQuery['tests'] {
  const tests: ListQuery['tests'] = [];
  const ids = [...params.getAll('ids[]'), ...params.getAll('ids')].map((t) => parseId('ids[]', t));
  if (ids.length > 0) tests.push((row) => ids.includes(row.id));
  for (const [name, text] of params) {
    if (PAGING.has(name) || name === 'ids[]' || name === 'ids') continue;
    if (name === 'updated_since') tests.push(stampTest('updated_at', name, text));
    else if (name === 'created_since') tests.push(stampTest('created_at', name, text));
    else {
      const filter = def.filters[name];
      if (!filter) throw badRequest(`Unknown parameter '${name}' for ${def.name}.`);
      tests.push(filterTest(name, filter, text));
    }
  }
  return tests;
}

/** The first `<name>_id`-style filter, to pick candidates by index. */
function viaFilter(def: ResourceDef, params: URLSearchParams): ListQuery['via'] {
  for (const [name, text] of params) {
    const filter = def.filters[name];
    if (filter?.kind === 'ref' && /^\d+$/.test(text))
      return { field: filter.field, id: Number(text) };
  }
  return undefined;
}

export function parseListQuery(def: ResourceDef, params: URLSearchParams): ListQuery {
  const order = parseOrder(def, params.get('order'));
  const offsetText = params.get('offset');
  const cursor = order.field === 'id' && !order.descending && offsetText === null;
  const token = params.get('page_token');
  if (token !== null && !cursor)
    throw badRequest('page_token needs cursor paging: order=id(asc) and no offset.');
  const offset = offsetText === null ? 0 : parseId('offset', offsetText);
  if (offset >= OFFSET_CAP)
    throw badRequest(
      `Offset pagination is limited to ${OFFSET_CAP} records; use cursor pagination (order=id(asc)).`,
    );
  const query: ListQuery = {
    selection: parseFields(def, params.get('fields')),
    limit: parseLimit(params.get('limit')),
    order,
    cursor,
    ...(token !== null ? { after: readToken(token) } : {}),
    offset,
    tests: parseTests(def, params),
  };
  const via = viaFilter(def, params);
  return via ? { ...query, via } : query;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : textOf(a) < textOf(b) ? -1 : 1;
}

/** Sorts in place by the order, then by id. */
export function sortRows(rows: Row[], order: ListQuery['order']): void {
  rows.sort((a, b) => {
    const c = compare(a[order.field], b[order.field]);
    if (c !== 0) return order.descending ? -c : c;
    return a.id - b.id;
  });
}
