/**
 * Reads from Clio Manage's API v4 (docs.developers.clio.com/api-docs): every request with the
 * Bearer token and a pinned `X-API-VERSION`, through the source's budget and retry rules
 * (http/source-http.ts: 429 waits out `Retry-After`, 5xx backs off).
 *
 * The access token is refreshed a minute before it expires and once on a 401 (a token revoked or
 * expired early); the new token is saved through `saveCredentials` before it is used. A second
 * 401, or a refused refresh, is LB_SOURCE_NEEDS_RECONNECT: one refused call, no storm.
 *
 * Lists use cursor paging as Clio documents it (api-docs/paging): `order=id(asc)`, `limit=200`,
 * following `meta.paging.next` — never `offset`, which Clio caps at 10,000 records and which skips
 * a record when an earlier one leaves the filter.
 *
 * @module
 */
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import { SourceHttp, type SourceResponse } from '../http/source-http.js';
import type { SourceOptions } from '../source.js';
import { parseExact } from '../http/parse-exact.js';
import type { ClioCredentials } from './credentials.js';
import { refreshClioTokens } from './oauth.js';
import { regionRoot } from './regions.js';

/**
 * The API version every request pins (api-docs/versioning): 4.0.9 is the version Clio answers
 * without the header today, and the one the field lists in reference/pms-apis.md §2.4 describe
 * (activity `quantity` in seconds since 4.0.4).
 */
export const CLIO_API_VERSION = '4.0.9';
/** "Index actions are limited to 200 results per request" (api-docs/paging). */
export const PAGE_LIMIT = 200;
/** Refresh this long before the token's expiry, so no request goes out with a dying token. */
const REFRESH_EARLY_MS = 60_000;

interface Write {
  readonly method: 'PATCH' | 'POST';
  readonly body: string;
  readonly extraHeaders: Record<string, string>;
  readonly answered: readonly number[];
}

export type ClioRecord = Record<string, unknown> & { id: string };

export interface ClioPage {
  readonly records: ClioRecord[];
  /** The next page's URL; undefined on the last page. */
  readonly next: string | undefined;
  /** When Clio answered (its Date header), if it said. */
  readonly serverTime: string | undefined;
}

export class ClioClient {
  readonly root: string;
  private readonly http: SourceHttp;

  constructor(
    private credentials: ClioCredentials,
    private readonly options: SourceOptions,
  ) {
    this.root = regionRoot(credentials.region, options.baseUrl);
    this.http = new SourceHttp({
      budget: options.budget,
      name: 'Clio',
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
    });
  }

  now(): number {
    return this.options.budget.now();
  }

  /** `/api/v4/<path>` with `params`, or a `next` URL Clio gave. */
  url(path: string, params: readonly [string, string][]): string {
    const query = new URLSearchParams([...params]).toString();
    return `${this.root}/api/v4${path}${query ? `?${query}` : ''}`;
  }

  /** One page of a list (or a single record as a page of one). */
  async page(url: string, signal?: AbortSignal): Promise<ClioPage> {
    if (!url.startsWith(`${this.root}/`))
      throw new LedgerbridgeError(
        'LB_SOURCE_BAD_RESPONSE',
        `Clio's next page is not on ${new URL(this.root).host}`,
      );
    const { body, serverTime } = await this.authorised(url, signal);
    const data = (body as { data?: unknown } | null)?.data;
    if (!Array.isArray(data))
      throw new LedgerbridgeError(
        'LB_SOURCE_BAD_RESPONSE',
        `Clio answered ${new URL(url).pathname} with no "data" list`,
      );
    const next = (body as { meta?: { paging?: { next?: unknown } } }).meta?.paging?.next;
    return {
      records: data.filter(isObject).map(withTextId),
      next: typeof next === 'string' && next !== '' ? next : undefined,
      serverTime,
    };
  }

  /** One record (`{"data": {...}}`), e.g. `/users/who_am_i.json`. */
  async record(path: string, params: readonly [string, string][], signal?: AbortSignal) {
    const url = this.url(path, params);
    const { body } = await this.authorised(url, signal);
    const data = (body as { data?: unknown } | null)?.data;
    if (!isObject(data))
      throw new LedgerbridgeError('LB_SOURCE_BAD_RESPONSE', `Clio answered ${path} with no record`);
    return withTextId(data);
  }

  /** Every page of `path` from `params`, cursor-paged by id. */
  async *list(
    path: string,
    params: readonly [string, string][],
    signal?: AbortSignal,
  ): AsyncGenerator<ClioPage> {
    let url: string | undefined = this.url(path, listParams(params));
    while (url) {
      const got: ClioPage = await this.page(url, signal);
      yield got;
      url = got.next;
    }
  }

  /**
   * `PATCH /api/v4/<path>` with `{"data": fields}` and `If-Match: etag` (api-docs/etags: a stale
   * etag is 412, nothing written). Answers 412 and 422 as values.
   */
  async patch(
    path: string,
    fields: Record<string, unknown>,
    etag: string,
    signal?: AbortSignal,
  ): Promise<SourceResponse> {
    return this.authorised(this.url(path, [['fields', 'id,etag,updated_at']]), signal, {
      method: 'PATCH',
      body: JSON.stringify({ data: fields }),
      extraHeaders: { 'content-type': 'application/json', 'if-match': etag },
      answered: [412, 422],
    });
  }

  /**
   * `POST` or `PATCH /api/v4/<path>` with `{"data": fields}` and no `If-Match` (a webhook's
   * creation or renewal); 404 and 422 are answered as values.
   */
  async send(
    method: 'POST' | 'PATCH',
    path: string,
    fields: Record<string, unknown>,
    params: readonly [string, string][],
    signal?: AbortSignal,
  ): Promise<SourceResponse> {
    return this.authorised(this.url(path, params), signal, {
      method,
      body: JSON.stringify({ data: fields }),
      extraHeaders: { 'content-type': 'application/json' },
      answered: [404, 422],
    });
  }

  /** A request with the token, refreshed before expiry and once after a 401. */
  private async authorised(url: string, signal?: AbortSignal, write?: Write) {
    if (this.credentials.expiresAt - REFRESH_EARLY_MS <= this.options.budget.now())
      await this.refresh();
    const send = () =>
      this.http.request({
        method: write?.method ?? 'GET',
        url,
        headers: { ...this.headers(), ...write?.extraHeaders },
        parse: parseExact,
        ...(signal ? { signal } : {}),
        ...(write ? { body: write.body, answered: write.answered } : {}),
      });
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof LedgerbridgeError) || error.code !== 'LB_SOURCE_NEEDS_RECONNECT')
        throw error;
      await this.refresh();
      return send();
    }
  }

  private async refresh(): Promise<void> {
    this.credentials = await refreshClioTokens(
      this.credentials,
      this.options.baseUrl ? { baseUrl: this.options.baseUrl } : {},
      this.options.budget.now(),
      this.options.fetch,
    );
    await this.options.saveCredentials?.(this.credentials);
  }

  private headers(): Record<string, string> {
    return {
      authorization: `Bearer ${this.credentials.accessToken}`,
      accept: 'application/json',
      'x-api-version': CLIO_API_VERSION,
    };
  }
}

/** Cursor paging: id order, the largest page, no offset. */
function listParams(params: readonly [string, string][]): [string, string][] {
  return [...params, ['order', 'id(asc)'], ['limit', String(PAGE_LIMIT)]];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function withTextId(record: Record<string, unknown>): ClioRecord {
  const id = record.id;
  return { ...record, id: typeof id === 'number' || typeof id === 'string' ? String(id) : '' };
}

/** A nested resource's id as text (`{"client": {"id": 2147483649}}`). */
export function idOf(nested: unknown): string | undefined {
  const id = (nested as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'number' || typeof id === 'string' ? String(id) : undefined;
}
