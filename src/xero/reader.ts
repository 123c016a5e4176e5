/**
 * Reads: paging until a short page (not until an empty one, which costs a call per listing:
 * the n8n node's habit, engineering-anchors §1.4), If-Modified-Since, `IDs` and `InvoiceNumbers`
 * in chunks of 50 (Xero's query string caps near 52 GUIDs, reference §3), `unitdp=4`.
 *
 * @module
 */
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { XeroApi } from './api-client.js';
import { COLLECTIONS, responseKey, type Collection } from './collections.js';

export const IDS_PER_CALL = 50;

export interface PageQuery {
  readonly tenantId: string;
  readonly collection: Collection;
  readonly where?: string;
  readonly order?: string;
  readonly ifModifiedSince?: Date;
  readonly pageSize?: number;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
}

type Item = Record<string, unknown>;

/** Pages of a collection, in order, until Xero returns fewer than a page. */
export async function* readPages(api: XeroApi, q: PageQuery): AsyncGenerator<Item[]> {
  const pageSize = q.pageSize ?? 100;
  for (let page = 1; ; page++) {
    const items = await getList(api, q, { page, pageSize });
    if (items.length > 0) yield items;
    if (items.length < pageSize) return;
  }
}

/** Everything of a collection that is not paged by Xero (settings: accounts, tax rates …). */
export function readAll(api: XeroApi, q: Omit<PageQuery, 'pageSize'>): Promise<Item[]> {
  return getList(api, q, {});
}

/** Documents by Xero id, 50 ids a call. */
export async function readByIds(
  api: XeroApi,
  tenantId: string,
  collection: Collection,
  ids: readonly string[],
): Promise<Item[]> {
  const out: Item[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_CALL)
    out.push(
      ...(await getList(
        api,
        { tenantId, collection },
        { IDs: ids.slice(i, i + IDS_PER_CALL).join(',') },
      )),
    );
  return out;
}

/** Invoices by number (sales invoice numbers are unique in Xero), 50 a call. */
export async function findInvoicesByNumber(
  api: XeroApi,
  tenantId: string,
  numbers: readonly string[],
): Promise<Item[]> {
  const out: Item[] = [];
  for (let i = 0; i < numbers.length; i += IDS_PER_CALL)
    out.push(
      ...(await getList(
        api,
        { tenantId, collection: 'Invoices' },
        { InvoiceNumbers: numbers.slice(i, i + IDS_PER_CALL).join(',') },
      )),
    );
  return out;
}

/** Documents whose Reference is exactly `reference` (payments carry the PMS payment id there). */
export function findByReference(
  api: XeroApi,
  tenantId: string,
  collection: Collection,
  reference: string,
): Promise<Item[]> {
  return findWhereIn(api, tenantId, collection, 'Reference', [reference]);
}

/**
 * A `where` clause, Xero's filter language, is kept under this many characters: Xero's query
 * string caps near 52 GUIDs (~1,900 characters, reference §3), and a clause is URL-encoded.
 */
const WHERE_CHARS = 1_200;

/**
 * Documents whose `field` equals any of `values` (`Reference=="a" OR Reference=="b"`), as few
 * calls as the query-string cap allows: resolving a lost batch of 50 payments costs one read,
 * not 50 (issue 16).
 */
export async function findWhereIn(
  api: XeroApi,
  tenantId: string,
  collection: Collection,
  field: string,
  values: readonly string[],
): Promise<Item[]> {
  const out: Item[] = [];
  let clauses: string[] = [];
  const flush = async () => {
    if (clauses.length === 0) return;
    out.push(...(await getList(api, { tenantId, collection, where: clauses.join(' OR ') }, {})));
    clauses = [];
  };
  for (const value of new Set(values)) {
    const clause = `${field}==${JSON.stringify(value)}`;
    const length = clauses.reduce((n, c) => n + c.length + 4, 0) + clause.length;
    if (clauses.length >= IDS_PER_CALL || (clauses.length > 0 && length > WHERE_CHARS))
      await flush();
    clauses.push(clause);
  }
  await flush();
  return out;
}

async function getList(
  api: XeroApi,
  q: Omit<PageQuery, 'pageSize'>,
  extra: Record<string, string | number>,
): Promise<Item[]> {
  const response = await api.request<Record<string, unknown>>({
    tenantId: q.tenantId,
    method: 'GET',
    path: `/${q.collection}`,
    query: {
      ...q.query,
      ...extra,
      where: q.where,
      order: q.order,
      ...(COLLECTIONS[q.collection].lineItems && { unitdp: 4 }),
    },
    ...(q.ifModifiedSince && { ifModifiedSince: q.ifModifiedSince }),
  });
  if (response.status === 304) return [];
  if (response.status !== 200)
    throw new LedgerbridgeError(
      'LB_XERO_REQUEST_REJECTED',
      `Xero answered HTTP ${response.status} to GET /${q.collection}`,
    );
  const items = response.body?.[responseKey(q.collection)];
  return Array.isArray(items) ? (items as Item[]) : [];
}
