/**
 * GET answers, in the shape docs.actionstep.com/api-responses shows: top-level `links` (URL
 * templates such as `"actions.division": {"href": ".../rest/divisions/{actions.division}",
 * "type": "divisions"}`), the data under the resource's own name, `linked` (included records
 * grouped by type, always arrays) and, for collections, `meta.paging.<resource>` with
 * recordCount, pageCount, page, pageSize, prevPage and nextPage (OpenAPI files).
 *
 * Two behaviours observed of Actionstep are reproduced, each switchable: a page holding exactly
 * one record carries it as a bare object rather than a one-element array (the official sample
 * app reads `data["actions"]` as an object when a page has one row; a public client notes the
 * same), and a collection with no matching record answers 204 No Content ("May occur if there
 * are no records matching the requested filters", legacy Error Codes page).
 *
 * Record ids are JSON integers and link ids strings, as in the api-responses example
 * (`"id": 3`, `"links": {"assignedTo": "10"}`).
 *
 * @module
 */
import type { Books, StoredRecord } from './books.js';
import { publicId, resourceDef } from './books.js';
import { notFound } from './errors.js';
import type { ListQuery } from './query.js';
import { matches, parseListQuery, sortRecords } from './query.js';
import type { ResourceDef } from './schema.js';
import { renderValue } from './values.js';

export interface ReadOptions {
  singleRecordPagesAsObject: boolean;
  emptyCollectionsAs204: boolean;
}

export interface ReadContext {
  books: Books;
  def: ResourceDef;
  /** The organisation's api_endpoint, ending in "/". */
  endpoint: string;
  options: ReadOptions;
}

export type ReadAnswer = { status: 200; body: Record<string, unknown> } | { status: 204 };

type Fieldset = Set<string> | undefined;

function wants(fieldset: Fieldset, name: string): boolean {
  return !fieldset || fieldset.has(name) || fieldset.has(':default');
}

/** One record on the wire, limited to a fieldset when one was asked for. */
export function renderRecord(
  def: ResourceDef,
  record: StoredRecord,
  offsetMinutes: number,
  fieldset?: Fieldset,
): Record<string, unknown> {
  const out: Record<string, unknown> = { id: publicId(def, record) };
  for (const [name, field] of Object.entries(def.fields)) {
    if (wants(fieldset, name))
      out[name] = renderValue(field.kind, record.values[name] ?? null, offsetMinutes);
  }
  const links: Record<string, unknown> = {};
  for (const name of Object.keys(def.links)) {
    if (!wants(fieldset, name)) continue;
    const value = record.links[name] ?? null;
    links[name] = Array.isArray(value) ? value.map(String) : value === null ? null : String(value);
  }
  if (Object.keys(links).length > 0) out.links = links;
  return out;
}

function templates(defs: ResourceDef[], endpoint: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of defs) {
    for (const [name, link] of Object.entries(def.links)) {
      if (!link.target) continue;
      const key = `${def.name}.${name}`;
      out[key] = { href: `${endpoint}rest/${link.target}/{${key}}`, type: link.target };
    }
  }
  return out;
}

/** The records reached from `records` along each include path, grouped by type. */
function collectLinked(
  books: Books,
  def: ResourceDef,
  records: StoredRecord[],
  paths: string[][],
): Map<string, Map<number, StoredRecord>> {
  const linked = new Map<string, Map<number, StoredRecord>>();
  for (const path of paths) {
    let current = def;
    let frontier = records;
    for (const step of path) {
      const target = resourceDef(current.links[step]?.target ?? '');
      const bucket = linked.get(target.name) ?? new Map<number, StoredRecord>();
      linked.set(target.name, bucket);
      const next: StoredRecord[] = [];
      for (const r of frontier) {
        const value = r.links[step];
        for (const id of Array.isArray(value) ? value : [value]) {
          const found = typeof id === 'number' ? books.get(target.name, id) : undefined;
          if (found) {
            bucket.set(found.id, found);
            next.push(found);
          }
        }
      }
      current = target;
      frontier = next;
    }
  }
  return linked;
}

function body(
  ctx: ReadContext,
  records: StoredRecord[],
  query: ListQuery,
  asList: boolean,
): Record<string, unknown> {
  const { books, def, endpoint } = ctx;
  const offset = books.org.utcOffsetMinutes;
  const linked = collectLinked(books, def, records, query.include);
  const rendered = records.map((r) => renderRecord(def, r, offset, query.fields.get('')));
  const single = rendered.length === 1 && (!asList || ctx.options.singleRecordPagesAsObject);
  const out: Record<string, unknown> = {
    links: templates([def, ...[...linked.keys()].map(resourceDef)], endpoint),
    [def.name]: single ? rendered[0] : rendered,
  };
  if (linked.size > 0) {
    const groups: Record<string, unknown> = {};
    for (const [type, bucket] of linked) {
      const fieldset = query.fields.get(type);
      groups[type] = [...bucket.values()].map((r) =>
        renderRecord(resourceDef(type), r, offset, fieldset),
      );
    }
    out.linked = groups;
  }
  return out;
}

function pageUrl(
  endpoint: string,
  def: ResourceDef,
  params: URLSearchParams,
  page: number,
): string {
  const copy = new URLSearchParams(params);
  copy.set('page', String(page));
  return `${endpoint}rest/${def.name}?${copy.toString()}`;
}

/** GET /rest/<resource>: filtered, sorted, one page of it. */
export function readCollection(ctx: ReadContext, params: URLSearchParams): ReadAnswer {
  const query = parseListQuery(ctx.def, params);
  const all = ctx.books
    .all(ctx.def.name)
    .filter((r) => matches(ctx.books, ctx.def, r, query.filters));
  sortRecords(ctx.def, all, query.sort);
  const pageCount = Math.ceil(all.length / query.pageSize);
  const records = all.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  if (records.length === 0 && ctx.options.emptyCollectionsAs204) return { status: 204 };
  const out = body(ctx, records, query, true);
  out.meta = {
    paging: {
      [ctx.def.name]: {
        recordCount: all.length,
        pageCount,
        page: query.page,
        pageSize: query.pageSize,
        prevPage: query.page > 1 ? pageUrl(ctx.endpoint, ctx.def, params, query.page - 1) : null,
        nextPage:
          query.page < pageCount ? pageUrl(ctx.endpoint, ctx.def, params, query.page + 1) : null,
      },
    },
  };
  return { status: 200, body: out };
}

/** Records as a GET by id would show them (the answer to a POST or PUT). */
export function recordsAnswer(ctx: ReadContext, records: StoredRecord[]): ReadAnswer {
  const query = parseListQuery(ctx.def, new URLSearchParams());
  return { status: 200, body: body(ctx, records, query, records.length > 1) };
}

/** GET /rest/<resource>/<id> or /<id>,<id>,…: a missing single id is a 404. */
export function readByIds(ctx: ReadContext, idText: string, params: URLSearchParams): ReadAnswer {
  const query = parseListQuery(ctx.def, params);
  const ids = idText.split(',');
  const records = ids
    .map((id) => ctx.books.find(ctx.def, id))
    .filter((r): r is StoredRecord => r !== undefined);
  if (records.length === 0) throw notFound(`${ctx.def.name} ${idText} does not exist`);
  return { status: 200, body: body(ctx, records, query, ids.length > 1) };
}
