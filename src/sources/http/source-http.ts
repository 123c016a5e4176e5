/**
 * Requests to a PMS API, through the source's budget, with the rules every connector shares:
 *
 * - 401 or 403: the credentials were refused (expired, revoked): LB_SOURCE_NEEDS_RECONNECT at
 *   once, never retried, so a revoked key causes one failed request rather than a storm.
 * - 429: wait as long as `Retry-After` (seconds or an HTTP date) or `X-RateLimit-Reset` (Cliniko:
 *   UNIX seconds) says, then retry; past `maxRateWaitMs` in all, LB_SOURCE_RATE_LIMITED.
 * - 5xx or no answer: retried after each of `retryDelaysMs` (backoff), then LB_SOURCE_UNAVAILABLE.
 * - Any other status, or a body that is not JSON: LB_SOURCE_BAD_RESPONSE.
 *
 * Headers are never logged or put in errors: they carry the credentials.
 *
 * @module
 */
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import type { RateBudget } from './rate-budget.js';

export interface SourceHttpOptions {
  readonly budget: RateBudget;
  /** The PMS's name in messages: "Cliniko". */
  readonly name: string;
  readonly fetch?: typeof fetch;
  /** Waits before each retry of a 5xx or a dropped connection: 0.5 s, 2 s, 8 s by default. */
  readonly retryDelaysMs?: readonly number[];
  /** The longest a request waits on 429s in all before giving up (5 minutes). */
  readonly maxRateWaitMs?: number;
}

export interface SourceResponse {
  readonly status: number;
  readonly body: unknown;
  /** When the server answered (its `Date` header), if it said. */
  readonly serverTime?: string;
}

export interface SourceRequest {
  readonly method: 'GET' | 'PATCH' | 'POST';
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly signal?: AbortSignal;
  readonly parse?: (text: string) => unknown;
  /** Statuses returned as values rather than thrown (412, 422). */
  readonly answered?: readonly number[];
}

const DEFAULT_RETRY_DELAYS_MS = [500, 2_000, 8_000];
const DEFAULT_MAX_RATE_WAIT_MS = 5 * 60_000;
/** When a 429 names no time: a minute, the width of the limits it enforces. */
const DEFAULT_RATE_WAIT_MS = 60_000;

export class SourceHttp {
  constructor(private readonly o: SourceHttpOptions) {}

  async getJson(
    url: string,
    headers: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<unknown> {
    return (await this.get(url, headers, signal)).body;
  }

  /**
   * The body, and the server's time from its `Date` header (a watermark no client clock skews).
   * `parse` reads the body's text (JSON.parse by default; Cliniko's keeps 64-bit ids exact).
   */
  get(
    url: string,
    headers: Record<string, string>,
    signal?: AbortSignal,
    parse: (text: string) => unknown = JSON.parse,
  ): Promise<SourceResponse> {
    return this.request({ method: 'GET', url, headers, parse, ...(signal ? { signal } : {}) });
  }

  /**
   * Any request, by the rules above. Only idempotent writes belong here (a PATCH that sets
   * fields; a POST whose duplicate is harmless, as a webhook subscription never renewed that
   * lapses): a 5xx or a dropped connection is sent again. Statuses in `answered` (412 for a stale
   * `If-Match`, 422 for a refused value) come back as values for the caller to decide.
   */
  async request(r: SourceRequest): Promise<SourceResponse> {
    const delays = this.o.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    let waitedOnRate = 0;
    for (let attempt = 0; ; attempt++) {
      await this.o.budget.take(r.signal);
      const response = await this.send(r, attempt < delays.length);
      if (response === undefined || response.status >= 500) {
        if (attempt >= delays.length) throw this.unavailable(r.url, response?.status);
        await this.o.budget.sleep(delays[attempt]!, r.signal);
        continue;
      }
      if (response.status === 429) {
        const wait = retryAfterMs(response, this.o.budget.now());
        waitedOnRate += wait;
        if (waitedOnRate > (this.o.maxRateWaitMs ?? DEFAULT_MAX_RATE_WAIT_MS))
          throw new LedgerbridgeError(
            'LB_SOURCE_RATE_LIMITED',
            `${this.o.name} kept answering 429 (too many requests) for ${Math.round(waitedOnRate / 1000)} s`,
          );
        this.o.budget.pause(this.o.budget.now() + wait);
        attempt--; // a 429 is not a failure: it does not use up a retry
        continue;
      }
      return this.answer(r, response);
    }
  }

  private async answer(r: SourceRequest, response: Response): Promise<SourceResponse> {
    const { status } = response;
    if (status === 401 || status === 403)
      throw new LedgerbridgeError(
        'LB_SOURCE_NEEDS_RECONNECT',
        `${this.o.name} refused the stored credentials (HTTP ${status})`,
        { details: { status } },
      );
    const answered = r.answered?.includes(status) ?? false;
    if (!response.ok && !answered)
      throw new LedgerbridgeError(
        'LB_SOURCE_BAD_RESPONSE',
        `${this.o.name} answered HTTP ${status} to ${pathOf(r.url)}`,
        { details: { status } },
      );
    const text = await response.text();
    try {
      const parse = r.parse ?? ((t: string): unknown => JSON.parse(t));
      const body = answered && text === '' ? undefined : parse(text);
      const date = Date.parse(response.headers.get('date') ?? '');
      return Number.isNaN(date)
        ? { status, body }
        : { status, body, serverTime: new Date(date).toISOString() };
    } catch (cause) {
      throw new LedgerbridgeError(
        'LB_SOURCE_BAD_RESPONSE',
        `${this.o.name} answered ${pathOf(r.url)} with a body that is not JSON`,
        { cause },
      );
    }
  }

  /** The response, or undefined when the connection failed and a retry is left. */
  private async send(r: SourceRequest, mayRetry: boolean): Promise<Response | undefined> {
    const { url, signal } = r;
    try {
      return await (this.o.fetch ?? fetch)(url, {
        method: r.method,
        headers: r.headers,
        signal: signal ?? null,
        ...(r.body === undefined ? {} : { body: r.body }),
      });
    } catch (cause) {
      if (signal?.aborted) throw cause;
      if (mayRetry) return undefined;
      throw new LedgerbridgeError(
        'LB_SOURCE_UNAVAILABLE',
        `${this.o.name} could not be reached at ${hostOf(url)}`,
        {
          cause,
        },
      );
    }
  }

  private unavailable(url: string, status: number | undefined): LedgerbridgeError {
    return new LedgerbridgeError(
      'LB_SOURCE_UNAVAILABLE',
      `${this.o.name} failed ${pathOf(url)}${status === undefined ? '' : ` with HTTP ${status}`} on every attempt`,
      status === undefined ? {} : { details: { status } },
    );
  }
}

/** How long a 429 asks us to wait: Retry-After, else X-RateLimit-Reset, else a minute. */
export function retryAfterMs(response: Pick<Response, 'headers'>, nowMs: number): number {
  const after = response.headers.get('retry-after');
  if (after !== null) {
    const seconds = Number(after);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(after);
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
  }
  const reset = Number(response.headers.get('x-ratelimit-reset') ?? NaN);
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - nowMs);
  return DEFAULT_RATE_WAIT_MS;
}

const pathOf = (url: string): string => new URL(url).pathname;
const hostOf = (url: string): string => new URL(url).host;
