/**
 * Cliniko's list parameters over a resource's records (reference/pms-apis.md §1.2):
 *
 * - `q[]=<field>:<op><value>`, repeatable (AND). Ops `>`, `>=`, `<`, `<=` (timestamps and
 *   numbers), `=` (a comma-separated list for ids), `!=`, `~` (contains), `?` (not null), `!?`
 *   (null), `*` (any value — the way to include archived records: `q[]=archived_at:*`).
 * - Archived records are left out unless a filter names `archived_at`; deleted ones are served only
 *   by `/<resource>/deleted`.
 * - `sort=<field>[,<field>]` (default `created_at`), `order=asc|desc`; ties by id.
 * - `page` (from 1), `per_page` (default 50, at most 100): `total_entries` and `links.self/next/
 *   previous`; no `next` on the last page.
 *
 * Results are cached per (clinic version, query without page), so reading 1,000 pages of an
 * unchanged resource filters and sorts it once.
 *
 * @module
 */
import {
  ClinikoEmulatorError,
  fieldText,
  type ClinicState,
  type ClinikoRecord,
  type ResourceName,
} from './state.js';

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 100;

interface Filter {
  readonly field: string;
  readonly op: string;
  readonly value: string;
  /** For `=`: the listed values, looked up rather than scanned (100 ids a page). */
  readonly values: ReadonlySet<string>;
}

const FILTER = /^([a-z_]+):(>=|<=|!=|!\?|~~|>|<|=|~|\?|\*)(.*)$/;

export function parseFilters(params: URLSearchParams): Filter[] {
  return params.getAll('q[]').map((text) => {
    const m = FILTER.exec(text);
    if (!m) throw new ClinikoEmulatorError(400, `Filter "${text}" is not field:operator value.`);
    return { field: m[1]!, op: m[2]!, value: m[3]!, values: new Set(m[3]!.split(',')) };
  });
}

function compare(a: unknown, b: string): number {
  if (typeof a === 'number') return a - Number(b);
  const text = fieldText(a);
  if (/^\d{4}-\d{2}-\d{2}T/.test(text) || /^\d{4}-\d{2}-\d{2}T/.test(b))
    return Date.parse(text) - Date.parse(b);
  if (/^\d+$/.test(text) && /^\d+$/.test(b)) return byId(text, b);
  return text < b ? -1 : text > b ? 1 : 0;
}

function matches(record: ClinikoRecord, f: Filter): boolean {
  const value = record[f.field];
  switch (f.op) {
    case '*':
      return true;
    case '?':
      return value !== null && value !== undefined;
    case '!?':
      return value === null || value === undefined;
  }
  if (value === null || value === undefined) return false;
  switch (f.op) {
    case '=':
      return f.values.has(fieldText(value));
    case '!=':
      return fieldText(value) !== f.value;
    case '~':
    case '~~':
      return fieldText(value).toLowerCase().includes(f.value.toLowerCase().replace(/%/g, ''));
    case '>':
      return compare(value, f.value) > 0;
    case '>=':
      return compare(value, f.value) >= 0;
    case '<':
      return compare(value, f.value) < 0;
    default:
      return compare(value, f.value) <= 0;
  }
}

/** 64-bit ids as text: shorter is smaller, then by characters. */
const byId = (a: string, b: string): number => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

function sorter(params: URLSearchParams): (a: ClinikoRecord, b: ClinikoRecord) => number {
  const fields = (params.get('sort') ?? 'created_at').split(',').map((s) => {
    const [field, dir] = s.split(':');
    return { field: field!, desc: (dir ?? params.get('order')) === 'desc' };
  });
  return (a, b) => {
    for (const { field, desc } of fields) {
      const x = a[field];
      const y = b[field];
      const c = x === y ? 0 : x === null || x === undefined ? -1 : compare(x, fieldText(y));
      if (c !== 0) return desc ? -c : c;
    }
    return byId(a.id, b.id);
  };
}

export interface ListQuery {
  readonly resource: ResourceName;
  readonly deleted: boolean;
  /** Records under one parent, e.g. an invoice's items: field and id. */
  readonly parent?: { field: string; id: string };
}

export interface Listed {
  readonly records: ClinikoRecord[];
  readonly total: number;
  readonly page: number;
  readonly perPage: number;
}

const cache = new WeakMap<
  ClinicState,
  {
    version: number;
    results: Map<string, ClinikoRecord[]>;
    /** `resource|field` → records by that field's text, for `=` filters. */
    indexes: Map<string, Map<string, ClinikoRecord[]>>;
  }
>();

export function list(state: ClinicState, q: ListQuery, params: URLSearchParams): Listed {
  const perPage = Number(params.get('per_page') ?? DEFAULT_PER_PAGE);
  const page = Number(params.get('page') ?? 1);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE)
    throw new ClinikoEmulatorError(
      400,
      `per_page must be a whole number from 1 to ${MAX_PER_PAGE}.`,
    );
  if (!Number.isInteger(page) || page < 1)
    throw new ClinikoEmulatorError(400, 'page must be a whole number from 1.');
  const all = selected(state, q, params);
  const records = all.slice((page - 1) * perPage, page * perPage);
  return { records, total: all.length, page, perPage };
}

function selected(state: ClinicState, q: ListQuery, params: URLSearchParams): ClinikoRecord[] {
  let entry = cache.get(state);
  if (!entry || entry.version !== state.version) {
    entry = { version: state.version, results: new Map(), indexes: new Map() };
    cache.set(state, entry);
  }
  const rest = new URLSearchParams(params);
  rest.delete('page');
  const key = `${q.resource}|${q.deleted}|${q.parent?.id ?? ''}|${rest.toString()}`;
  const hit = entry.results.get(key);
  if (hit) return hit;
  const filters = parseFilters(params);
  const withArchived = filters.some((f) => f.field === 'archived_at');
  const rows = [...candidates(state, q.resource, filters, entry.indexes)].filter(
    (r) =>
      (q.deleted ? r.deleted_at !== null : r.deleted_at === null) &&
      (withArchived || q.deleted || r.archived_at === null) &&
      (!q.parent || r[q.parent.field] === q.parent.id) &&
      filters.every((f) => matches(r, f)),
  );
  rows.sort(sorter(params));
  entry.results.set(key, rows);
  return rows;
}

/**
 * The records a list can hold: with an `=` filter, only those whose field has a listed value —
 * found in an index rather than by a scan. A pull asks for a page's items by their 100 invoice ids,
 * each time a new query: scanning every item for each made the emulator's work per page grow with
 * the clinic (200,000 items scanned per page at 100,000 invoices), and bench/pull.ts measured it.
 */
function candidates(
  state: ClinicState,
  resource: ResourceName,
  filters: readonly Filter[],
  indexes: Map<string, Map<string, ClinikoRecord[]>>,
): Iterable<ClinikoRecord> {
  const equal = filters.find((f) => f.op === '=');
  if (!equal) return state.tables[resource].values();
  const key = `${resource}|${equal.field}`;
  let index = indexes.get(key);
  if (!index) {
    index = new Map();
    for (const record of state.tables[resource].values()) {
      const value = record[equal.field];
      if (value === null || value === undefined) continue;
      const text = fieldText(value);
      const same = index.get(text);
      if (same) same.push(record);
      else index.set(text, [record]);
    }
    indexes.set(key, index);
  }
  const found = index;
  return [...equal.values].flatMap((v) => found.get(v) ?? []);
}
