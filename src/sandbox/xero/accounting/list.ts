/**
 * GET lists, the same way for every entity (reference §5): `IDs`, `InvoiceNumbers`, `Statuses`,
 * `ContactIDs`, `includeArchived`, `includeDeleted`, `createdByMyApp`, `searchTerm`, the
 * `If-Modified-Since` header, `where`, `order`, then paging, then rendering with `unitdp`.
 *
 * @module
 */
import { paginate, readPageRequest } from '../paging.js';
import { evaluateWhere } from '../where-evaluate.js';
import { WhereError, parseWhere } from '../where-filter.js';
import type { WhereExpr } from '../where-filter.js';
import type { WireObject } from '../wire.js';
import { parseModifiedSince } from '../xero-dates.js';
import type { ApiAnswer } from './batch.js';
import type { EntityDef } from './entity.js';
import type { Organisation } from './organisation.js';
import { envelope } from './render-common.js';
import type { RenderView } from './render-common.js';

export interface ReadRequest {
  params: URLSearchParams;
  modifiedSince?: string;
  clientId: string;
  now: number;
}

/** `unitdp=4` keeps 4-dp unit amounts; anything else means 2. */
export function readUnitdp(params: URLSearchParams): 2 | 4 {
  return params.get('unitdp') === '4' ? 4 : 2;
}

function csv(params: URLSearchParams, name: string): Set<string> | undefined {
  const raw = params.get(name);
  if (!raw) return undefined;
  const values = raw
    .split(',')
    .map((v) => v.trim().replace(/^"|"$/g, '').toLowerCase())
    .filter((v) => v.length > 0);
  return values.length > 0 ? new Set(values) : undefined;
}

function flag(params: URLSearchParams, name: string): boolean {
  return params.get(name)?.toLowerCase() === 'true';
}

/** The query-parameter filters that need no rendering. */
function keep<D>(def: EntityDef<D>, req: ReadRequest): (doc: D) => boolean {
  const p = req.params;
  const ids = csv(p, 'IDs');
  const numbers = csv(p, 'InvoiceNumbers');
  const statuses = csv(p, 'Statuses');
  const contacts = csv(p, 'ContactIDs');
  const since = parseModifiedSince(req.modifiedSince);
  const term = p.get('searchTerm')?.toLowerCase();
  const archived = flag(p, 'includeArchived');
  const deleted = flag(p, 'includeDeleted');
  const mine = flag(p, 'createdByMyApp');
  return (doc) =>
    (!ids || ids.has(idOf(doc).toLowerCase())) &&
    (!numbers || numbers.has((def.number?.(doc) ?? '').toLowerCase())) &&
    (!statuses || statuses.has((def.status?.(doc) ?? '').toLowerCase())) &&
    (!contacts || contacts.has((def.contactId?.(doc) ?? '').toLowerCase())) &&
    (since === undefined || (def.updatedAt?.(doc) ?? Infinity) >= since) &&
    (archived || !def.archived?.(doc)) &&
    (deleted || !def.deleted?.(doc)) &&
    (!mine || def.createdBy?.(doc) === req.clientId) &&
    (!term || (def.searchText?.(doc) ?? []).some((t) => t?.toLowerCase().includes(term)));
}

function idOf(doc: unknown): string {
  const id = (doc as { id?: unknown }).id;
  return typeof id === 'string' ? id : '';
}

function readWhere(params: URLSearchParams): WhereExpr | undefined {
  const text = params.get('where');
  return text && text.trim() ? parseWhere(text) : undefined;
}

/** `order=Field [ASC|DESC]` over rendered fields; Xero's default order is kept otherwise. */
function sorter(params: URLSearchParams): ((a: WireObject, b: WireObject) => number) | undefined {
  const m = /^\s*([A-Za-z.]+)\s*(ASC|DESC)?\s*$/i.exec(params.get('order') ?? '');
  if (!m?.[1]) return undefined;
  const path = m[1].split('.');
  const sign = m[2]?.toUpperCase() === 'DESC' ? -1 : 1;
  const pick = (o: WireObject): string => {
    let v: unknown = o;
    for (const key of path)
      v = typeof v === 'object' && v !== null ? (v as WireObject)[key] : undefined;
    if (typeof v === 'number') return v.toFixed(4).padStart(24, '0');
    return typeof v === 'string' || typeof v === 'boolean' ? String(v) : '';
  };
  return (a, b) => (pick(a) < pick(b) ? -sign : pick(a) > pick(b) ? sign : 0);
}

/** The answer to `GET /{Collection}`. Throws WhereError for a bad where clause. */
export function listAnswer<D>(def: EntityDef<D>, org: Organisation, req: ReadRequest): ApiAnswer {
  const where = readWhere(req.params);
  const page = def.paged ? readPageRequest(req.params) : undefined;
  const view: RenderView = {
    unitdp: readUnitdp(req.params),
    lines: !def.linesOnlyWhenPaged || page !== undefined,
    paged: page !== undefined,
  };
  if (req.params.get('summaryOnly')?.toLowerCase() === 'true') view.lines = false;
  const kept = [...def.all(org)].filter(keep(def, req));
  const sort = sorter(req.params);
  if (page && !where && !sort) {
    // Nothing needs the rendered fields: render only the page asked for. Rendering every kept
    // document for each page made reading N documents cost O(N²): 1,000 pages of 100,000
    // invoices outran the reconcile bench's 30 minutes (issue 20).
    const { items, pagination } = paginate(kept, page);
    const docs = items.map((doc) => def.render(org, doc, view));
    return { status: 200, body: envelope(req.now, { pagination, [def.collection]: docs }) };
  }
  let rendered = kept.map((doc) => def.render(org, doc, view));
  if (where) rendered = rendered.filter((doc) => evaluateWhere(where, doc));
  if (sort) rendered.sort(sort);
  if (!page) return { status: 200, body: envelope(req.now, { [def.collection]: rendered }) };
  const { items, pagination } = paginate(rendered, page);
  return { status: 200, body: envelope(req.now, { pagination, [def.collection]: items }) };
}

/** The answer to `GET /{Collection}/{id}`; undefined when there is no such document. */
export function getAnswer<D>(
  def: EntityDef<D>,
  org: Organisation,
  key: string,
  req: ReadRequest,
): ApiAnswer | undefined {
  const doc = def.get(org, key);
  if (doc === undefined) return undefined;
  const view: RenderView = { unitdp: readUnitdp(req.params), lines: true, paged: true };
  return {
    status: 200,
    body: envelope(req.now, { [def.collection]: [def.render(org, doc, view)] }),
  };
}

export { WhereError };
