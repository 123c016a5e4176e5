/**
 * The query string of a collection request, as Actionstep's clients write it:
 *
 * - filters `<field>=v` (equals), `<field>_<op>=v` with op in eq, nteq, lt, lteq, gt, gteq, like,
 *   ntlike, ilike, ntilike, in, ntin (the operator list of the archived PHP SDK's filter
 *   validator, ResourceHelper.php); `:NULL` for null; comma-separated values for in/ntin;
 *   `*` as wildcard in like/ilike (`text_ilike=*x*`, the official sample app ActionstepApi.cs);
 *   a filter through a link `action[actionType]=6` or `action[id_eq]=7` (same sample; a public
 *   client's `action[id_eq]=`). `modifiedTimestamp_gt=2024-05-01T00:00:00` is the incremental read.
 * - `sort=-modifiedTimestamp,id`, `page`, `pageSize` (max 200, docs.actionstep.com/api-limits),
 *   `include=a,b.c`, `fields=a,b` and `fields[type]=a,b` (sample app).
 *
 * A parameter the emulator cannot read is a 400 rather than being ignored, so a misspelt filter
 * never looks like a filtered answer (an assumption: Actionstep's answer is not published).
 *
 * @module
 */
import type { Books, LinkValue, StoredRecord } from './books.js';
import { publicId, resourceDef } from './books.js';
import { badRequest } from './errors.js';
import type { FieldKind, ResourceDef } from './schema.js';
import type { Stored } from './values.js';
import { compareValues, parseFilterValue } from './values.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

const OPERATORS = new Set([
  'eq',
  'nteq',
  'lt',
  'lteq',
  'gt',
  'gteq',
  'like',
  'ntlike',
  'ilike',
  'ntilike',
  'in',
  'ntin',
]);

export interface Filter {
  /** The field or link, after an optional link to follow first. */
  via?: string;
  name: string;
  op: string;
  values: Stored[];
  text: string;
}

export interface ListQuery {
  filters: Filter[];
  sort: { name: string; descending: boolean }[];
  page: number;
  pageSize: number;
  include: string[][];
  /** Fieldsets by resource name; '' is the primary resource's. */
  fields: Map<string, Set<string>>;
}

const FILTER_RE = /^([A-Za-z][A-Za-z0-9]*)(?:\[([A-Za-z][A-Za-z0-9]*)\])?$/;

function splitOp(key: string): { base: string; op: string } {
  const at = key.lastIndexOf('_');
  const op = at > 0 ? key.slice(at + 1) : '';
  return OPERATORS.has(op) ? { base: key.slice(0, at), op } : { base: key, op: 'eq' };
}

/** The kind of a field or link name on a resource (`id` and links compare as integers). */
function kindOf(def: ResourceDef, name: string): FieldKind | undefined {
  if (name === 'id') return def.compositeId ? 'text' : 'int';
  const link = def.links[name];
  if (link) return link.code ? 'text' : 'int';
  return def.fields[name]?.kind;
}

function parseFilter(def: ResourceDef, key: string, value: string): Filter {
  // "action[id_eq]" carries the operator inside the brackets, "modifiedTimestamp_gt" outside.
  const bracket = /^(\w+)\[(\w+)\]$/.exec(key);
  const { base, op } = bracket ? splitOp(bracket[2] ?? '') : splitOp(key);
  const m = FILTER_RE.exec(bracket ? `${bracket[1]}[${base}]` : base);
  const first = m?.[1];
  if (!first) throw badRequest(`Unknown query parameter '${key}'.`);
  let target = def;
  let via: string | undefined;
  let name = first;
  if (m[2]) {
    const link = def.links[first];
    if (!link?.target) throw badRequest(`'${first}' is not a link of ${def.name}.`);
    via = first;
    name = m[2];
    target = resourceDef(link.target);
  }
  const kind = kindOf(target, name);
  if (!kind) throw badRequest(`Unknown filter field '${name}' on ${target.name}.`);
  const texts = op === 'in' || op === 'ntin' ? value.split(',') : [value];
  const values = texts.map((t) => {
    if (op.endsWith('like')) return t;
    const v = parseFilterValue(kind, t);
    if (v === undefined) throw badRequest(`Filter value '${t}' does not suit '${name}' (${kind}).`);
    return v;
  });
  return { ...(via ? { via } : {}), name, op, values, text: value };
}

function parseSort(def: ResourceDef, text: string): ListQuery['sort'] {
  return text
    .split(',')
    .filter((s) => s.length > 0)
    .map((s) => {
      const descending = s.startsWith('-');
      const name = descending ? s.slice(1) : s;
      if (!kindOf(def, name)) throw badRequest(`Cannot sort ${def.name} by '${name}'.`);
      return { name, descending };
    });
}

function positiveInt(text: string | null, fallback: number, label: string): number {
  if (text === null) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw badRequest(`${label} must be a positive integer.`);
  return Number(text);
}

function parseInclude(def: ResourceDef, text: string): string[][] {
  const paths = text
    .split(',')
    .filter((s) => s.length > 0)
    .map((p) => p.split('.'));
  for (const path of paths) {
    let current = def;
    for (const step of path) {
      const target = current.links[step]?.target;
      if (!target) throw badRequest(`Cannot include '${step}' from ${current.name}.`);
      current = resourceDef(target);
    }
  }
  return paths;
}

export function parseListQuery(def: ResourceDef, params: URLSearchParams): ListQuery {
  const query: ListQuery = {
    filters: [],
    sort: parseSort(def, params.get('sort') ?? ''),
    page: positiveInt(params.get('page'), 1, 'page'),
    // "Requests specifying a pageSize larger than 200 will be capped at 200" (api-limits).
    pageSize: Math.min(
      MAX_PAGE_SIZE,
      positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE, 'pageSize'),
    ),
    include: parseInclude(def, params.get('include') ?? ''),
    fields: new Map(),
  };
  for (const [key, value] of params) {
    if (['sort', 'page', 'pageSize', 'include'].includes(key)) continue;
    const fieldset = /^fields(?:\[(\w+)\])?$/.exec(key);
    if (fieldset) {
      const type = fieldset[1] === def.name ? '' : (fieldset[1] ?? '');
      query.fields.set(type, new Set(value.split(',').filter((s) => s.length > 0)));
    } else {
      query.filters.push(parseFilter(def, key, value));
    }
  }
  return query;
}

/** The held values a filter compares against on one record (several for a to-many link). */
function valuesOf(def: ResourceDef, record: StoredRecord, name: string): Stored[] {
  if (name === 'id') return [publicId(def, record)];
  if (name in def.links) {
    const link: LinkValue = record.links[name] ?? null;
    return Array.isArray(link) ? link : [link];
  }
  return [record.values[name] ?? null];
}

function globMatch(value: Stored, pattern: string, caseless: boolean): boolean {
  if (value === null) return false;
  const text = caseless ? String(value).toLowerCase() : String(value);
  const p = caseless ? pattern.toLowerCase() : pattern;
  // Without a wildcard, like/ilike mean "contains" (PHP SDK's comment on the operators).
  if (!p.includes('*')) return text.includes(p);
  const re = p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${re}$`, 's').test(text);
}

function test(op: string, actual: Stored, wanted: Stored[]): boolean {
  const first = wanted[0] ?? null;
  const c = compareValues(actual, first);
  switch (op) {
    case 'eq':
      return c === 0;
    case 'nteq':
      return c !== 0;
    case 'lt':
      return actual !== null && c < 0;
    case 'lteq':
      return actual !== null && c <= 0;
    case 'gt':
      return actual !== null && c > 0;
    case 'gteq':
      return actual !== null && c >= 0;
    case 'in':
      return wanted.some((w) => compareValues(actual, w) === 0);
    case 'ntin':
      return !wanted.some((w) => compareValues(actual, w) === 0);
    case 'like':
      return globMatch(actual, String(first), false);
    case 'ilike':
      return globMatch(actual, String(first), true);
    case 'ntlike':
      return !globMatch(actual, String(first), false);
    default:
      return !globMatch(actual, String(first), true);
  }
}

/** True when the record passes every filter. */
export function matches(
  books: Books,
  def: ResourceDef,
  record: StoredRecord,
  filters: Filter[],
): boolean {
  return filters.every((f) => {
    if (!f.via) return valuesOf(def, record, f.name).some((v) => test(f.op, v, f.values));
    const link = def.links[f.via];
    const target = resourceDef(link?.target ?? '');
    const ids = valuesOf(def, record, f.via).filter((v): v is number => typeof v === 'number');
    return ids.some((id) => {
      const linked = books.get(target.name, id);
      return (
        linked !== undefined &&
        valuesOf(target, linked, f.name).some((v) => test(f.op, v, f.values))
      );
    });
  });
}

/** Sorts in place by the query's keys, then by id (the default order, an assumption). */
export function sortRecords(
  def: ResourceDef,
  records: StoredRecord[],
  sort: ListQuery['sort'],
): void {
  records.sort((a, b) => {
    for (const key of sort) {
      const c = compareValues(
        valuesOf(def, a, key.name)[0] ?? null,
        valuesOf(def, b, key.name)[0] ?? null,
      );
      if (c !== 0) return key.descending ? -c : c;
    }
    return a.id - b.id;
  });
}
