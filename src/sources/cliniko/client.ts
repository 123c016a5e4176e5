/**
 * Reads from Cliniko's API: every request with Basic auth, `Accept: application/json` and the
 * `User-Agent: Ledgerbridge (EMAIL)` Cliniko requires (requests without one "may be automatically
 * blocked"), through the source's budget and retry rules (http/source-http.ts). Lists are read
 * 100 records a page (`per_page` ≤ 100) following `links.next`, as Cliniko recommends.
 *
 * Ids are 64-bit. Cliniko sends them as strings today, but older resources sent numbers, which
 * JSON.parse would round (514810972972521916 → …1900); so any integer of 16 digits or more is
 * read as text before parsing.
 *
 * @module
 */
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import { parseExact } from '../http/parse-exact.js';
import { SourceHttp } from '../http/source-http.js';
import type { SourceOptions } from '../source.js';
import { apiBase, authorization } from './api-key.js';

export type ClinikoRecord = Record<string, unknown> & { id: string };

export interface ClinikoPage {
  readonly records: ClinikoRecord[];
  /** The last page of the list. */
  readonly last: boolean;
  /** When Cliniko answered the list's first page (its Date header), if it said. */
  readonly startedAt: string | undefined;
}

export const PER_PAGE = 100;
export class ClinikoClient {
  readonly base: string;
  private readonly http: SourceHttp;
  private readonly headers: Record<string, string>;

  constructor(apiKey: string, options: SourceOptions) {
    this.base = apiBase(apiKey, options.baseUrl);
    if (!options.contactEmail)
      throw new LedgerbridgeError(
        'LB_CONFIG_INVALID',
        'Cliniko requires an e-mail address in every request, and LEDGERBRIDGE_CONTACT_EMAIL is not set',
        { fix: 'Set LEDGERBRIDGE_CONTACT_EMAIL to an address Cliniko can reach you at.' },
      );
    this.http = new SourceHttp({
      budget: options.budget,
      name: 'Cliniko',
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
    });
    this.headers = {
      authorization: authorization(apiKey),
      accept: 'application/json',
      'user-agent': `Ledgerbridge (${options.contactEmail})`,
    };
  }

  async get(pathOrUrl: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
    return (await this.read(pathOrUrl, signal)).body;
  }

  private async read(
    pathOrUrl: string,
    signal?: AbortSignal,
  ): Promise<{ body: Record<string, unknown>; serverTime?: string }> {
    const url = pathOrUrl.startsWith(this.base) ? pathOrUrl : `${this.base}${pathOrUrl}`;
    const { body, serverTime } = await this.http.get(url, this.headers, signal, parseExact);
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new LedgerbridgeError(
        'LB_SOURCE_BAD_RESPONSE',
        `Cliniko answered ${new URL(url).pathname} with no object`,
      );
    return { body: body as Record<string, unknown>, ...(serverTime ? { serverTime } : {}) };
  }

  /** A list a page at a time: `path` with `q[]` filters and sort, 100 a page, following links.next. */
  async *list(
    resource: string,
    path: string,
    query: readonly [string, string][],
    signal?: AbortSignal,
  ): AsyncGenerator<ClinikoPage> {
    const params = new URLSearchParams([...query, ['per_page', String(PER_PAGE)]]);
    let url: string | undefined = `${this.base}${path}?${params.toString()}`;
    let startedAt: string | undefined;
    let first = true;
    while (url) {
      const { body, serverTime } = await this.read(url, signal);
      if (first) [startedAt, first] = [serverTime, false];
      const records = body[resource];
      if (!Array.isArray(records))
        throw new LedgerbridgeError(
          'LB_SOURCE_BAD_RESPONSE',
          `Cliniko's ${path} answer has no "${resource}" list`,
        );
      url = this.next(body);
      yield {
        records: records.filter(isObject).map(withTextId),
        last: url === undefined,
        startedAt,
      };
    }
  }

  /** links.next, if any — only on Cliniko's own host: the key is never sent anywhere else. */
  private next(body: Record<string, unknown>): string | undefined {
    const next = (body.links as { next?: unknown } | undefined)?.next;
    if (typeof next !== 'string' || next === '') return undefined;
    if (!next.startsWith(`${this.base}/`))
      throw new LedgerbridgeError(
        'LB_SOURCE_BAD_RESPONSE',
        `Cliniko's next page is not on ${new URL(this.base).host}`,
      );
    return next;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A short numeric id as text too; a record with no id keeps none (the mappers reject it). */
function withTextId(record: Record<string, unknown>): ClinikoRecord {
  const id = record.id;
  return { ...record, id: typeof id === 'number' || typeof id === 'string' ? String(id) : '' };
}

/** The id at the end of a relation's link (`{"links": {"self": ".../patients/123"}}`). */
export function linkedId(relation: unknown): string | undefined {
  const self = (relation as { links?: { self?: unknown } } | null | undefined)?.links?.self;
  if (typeof self !== 'string') return undefined;
  return /\/([^/?#]+)\/?(?:[?#].*)?$/.exec(self)?.[1];
}
