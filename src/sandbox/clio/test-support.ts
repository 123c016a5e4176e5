/**
 * Test helpers: an emulator with a registered app and firms, the real OAuth flow over HTTP
 * (authorize redirect, then the token endpoint), and a small API client that sends Clio's
 * headers. Not part of the public surface.
 *
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { ClioEmulator } from './emulator.js';
import { startClioEmulator } from './emulator.js';
import type { AppRecord } from './oauth.js';
import type { Region } from './regions.js';
import type { ClioEmulatorOptions, NewFirm } from './services.js';

/** The first firm's id. */
export const FIRM = 1001;
/** Matchers for any id or any text (typed unknown, as expect.any is loosely typed). */
export const NUM: unknown = expect.any(Number);
export const STR: unknown = expect.any(String);

export const REDIRECT_URI = 'http://127.0.0.1:5007/callback';

export interface TokenAnswer {
  token_type: string;
  access_token: string;
  expires_in: number;
  refresh_token: string;
  /** The region prefix the token belongs to (the test's, not Clio's). */
  base: string;
}

export interface Harness {
  emulator: ClioEmulator;
  app: AppRecord;
}

export async function startHarness(
  options: ClioEmulatorOptions = {},
  firms: NewFirm[] = [{ name: 'Harbour Law', region: 'us', seedLawFirm: true }],
): Promise<Harness> {
  const emulator = await startClioEmulator({ rateLimit: { enabled: false }, ...options, firms });
  const app = emulator.control.registerApp({ redirectUris: [REDIRECT_URI] });
  return { emulator, app };
}

/** Runs authorize (automatic consent) and returns the redirect's query. */
export async function authorizeRedirect(
  h: Harness,
  region: Region = 'us',
  extra: Record<string, string> = {},
): Promise<URLSearchParams> {
  const url = new URL(`${h.emulator.regionUrl(region)}/oauth/authorize`);
  const params = {
    response_type: 'code',
    client_id: h.app.clientId,
    redirect_uri: REDIRECT_URI,
    state: 'xyz',
    ...extra,
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const answer = await fetch(url, { redirect: 'manual' });
  return new URL(answer.headers.get('location') ?? 'http://x/').searchParams;
}

export async function postToken(
  h: Harness,
  form: Record<string, string>,
  region: Region = 'us',
): Promise<Response> {
  return fetch(`${h.emulator.regionUrl(region)}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: h.app.clientId,
      client_secret: h.app.clientSecret,
      ...form,
    }),
  });
}

/** The whole consent: authorize, then exchange the code. */
export async function connect(h: Harness, region: Region = 'us'): Promise<TokenAnswer> {
  const code = (await authorizeRedirect(h, region)).get('code') ?? '';
  const answer = await postToken(
    h,
    { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
    region,
  );
  if (answer.status !== 200) throw new Error(`token: ${answer.status} ${await answer.text()}`);
  return { ...((await answer.json()) as TokenAnswer), base: h.emulator.regionUrl(region) };
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: Record<string, unknown> | undefined;
}

/** A call at `<region>/api/v4/<path>` (path with its query), or at a full URL (a next link). */
export async function api(
  token: Pick<TokenAnswer, 'access_token' | 'base'>,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiAnswer> {
  const url = path.startsWith('http') ? path : `${token.base}/api/v4/${path}`;
  const answer = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token.access_token}`,
      'content-type': 'application/json',
      ...init.headers,
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await answer.text();
  return {
    status: answer.status,
    headers: answer.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
  };
}

export const dataOf = (a: ApiAnswer): Record<string, unknown>[] =>
  (a.body?.data as Record<string, unknown>[] | undefined) ?? [];

export const recordOf = (a: ApiAnswer): Record<string, unknown> =>
  (a.body?.data as Record<string, unknown> | undefined) ?? {};

export const nextOf = (a: ApiAnswer): string | undefined =>
  ((a.body?.meta as { paging?: { next?: string } } | undefined)?.paging ?? {}).next;

/** Follows `meta.paging.next` to the end; every page's records, and the number of pages. */
export async function readAll(
  token: Pick<TokenAnswer, 'access_token' | 'base'>,
  path: string,
): Promise<{ records: Record<string, unknown>[]; pages: number }> {
  const records: Record<string, unknown>[] = [];
  let pages = 0;
  for (let next: string | undefined = path; next;) {
    const answer = await api(token, next);
    if (answer.status !== 200)
      throw new Error(`${next}: ${answer.status} ${JSON.stringify(answer.body)}`);
    records.push(...dataOf(answer));
    pages += 1;
    next = nextOf(answer);
  }
  return { records, pages };
}
