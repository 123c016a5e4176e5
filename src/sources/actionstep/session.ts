/**
 * One connection's authorised GETs to Actionstep: the bearer token refreshed a minute before it
 * expires (Actionstep's access tokens last 60 minutes, docs.actionstep.com/authentication), the
 * rotated refresh token handed to `saveCredentials` at once (the one used is spent, so losing the
 * new one would lose the grant), and a 401 answered by one refresh and one retry — never more in a
 * connection, so a revoked grant costs one refused call and one refused refresh, then
 * LB_SOURCE_NEEDS_RECONNECT. Everything else (budget, 429, 5xx) is SourceHttp's.
 *
 * @module
 */
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import type { RateBudget } from '../http/rate-budget.js';
import { SourceHttp } from '../http/source-http.js';
import type { ActionstepCredentials } from './credentials.js';
import { refreshActionstepTokens } from './oauth.js';

export interface SessionOptions {
  readonly budget: RateBudget;
  readonly fetch?: typeof fetch;
  readonly saveCredentials?: (credentials: unknown) => Promise<void>;
  readonly retryDelaysMs?: readonly number[];
  /** Another API base than the token answer's (ACTIONSTEP_API_URL); never stored. */
  readonly apiEndpoint?: string;
}

/** Refresh this long before expiry, so a token never lapses between check and use. */
const REFRESH_EARLY_MS = 60_000;
const MEDIA_TYPE = 'application/vnd.api+json';

export class ActionstepSession {
  private credentials: ActionstepCredentials;
  private refreshedOn401 = false;
  private readonly http: SourceHttp;

  constructor(
    credentials: ActionstepCredentials,
    private readonly o: SessionOptions,
  ) {
    this.credentials = credentials;
    this.http = new SourceHttp({
      budget: o.budget,
      name: 'Actionstep',
      fetch: emptyAsObject(o.fetch ?? fetch),
      ...(o.retryDelaysMs ? { retryDelaysMs: o.retryDelaysMs } : {}),
    });
  }

  get apiEndpoint(): string {
    return this.o.apiEndpoint ?? this.credentials.apiEndpoint;
  }

  get orgkey(): string {
    return this.credentials.orgkey;
  }

  async getJson(url: string, signal?: AbortSignal): Promise<unknown> {
    if (this.credentials.expiresAt - this.o.budget.now() < REFRESH_EARLY_MS) await this.refresh();
    try {
      return await this.http.getJson(url, this.headers(), signal);
    } catch (thrown) {
      if (!isUnauthorised(thrown) || this.refreshedOn401) throw thrown;
      // An access token can end early (revoked, server restart): one refresh, one retry.
      this.refreshedOn401 = true;
      await this.refresh();
      return this.http.getJson(url, this.headers(), signal);
    }
  }

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.credentials.accessToken}`, accept: MEDIA_TYPE };
  }

  private async refresh(): Promise<void> {
    const issued = await refreshActionstepTokens(
      this.credentials,
      this.credentials.refreshToken,
      this.o.budget.now(),
      this.o.fetch,
    );
    this.credentials = { ...this.credentials, ...issued };
    await this.o.saveCredentials?.(this.credentials);
  }
}

function isUnauthorised(thrown: unknown): boolean {
  return (
    thrown instanceof LedgerbridgeError &&
    thrown.code === 'LB_SOURCE_NEEDS_RECONNECT' &&
    thrown.details.status === 401
  );
}

/**
 * Actionstep answers a collection read that matches nothing with 204 No Content (its legacy Error
 * Codes page); SourceHttp reads every success as JSON, so an empty answer becomes `{}`.
 */
function emptyAsObject(fetcher: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await fetcher(input, init);
    if (response.status !== 204) return response;
    return new Response('{}', { status: 200, headers: { 'content-type': MEDIA_TYPE } });
  };
}
