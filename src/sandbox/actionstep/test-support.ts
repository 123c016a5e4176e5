/**
 * Test helpers: an emulator with registered app and organisations, the real OAuth flow over HTTP
 * (authorize redirect, then the token endpoint), and a small API client that sends Actionstep's
 * headers. Not part of the public surface.
 *
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ActionstepEmulator } from './emulator.js';
import { startActionstepEmulator } from './emulator.js';
import type { AppRecord } from './oauth.js';
import type { ActionstepEmulatorOptions } from './services.js';

export const REDIRECT_URI = 'http://127.0.0.1:5006/callback';
export const VND = 'application/vnd.api+json';

export interface TokenAnswer {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token: string;
  api_endpoint: string;
  orgkey: string;
}

export interface Harness {
  emulator: ActionstepEmulator;
  app: AppRecord;
}

export async function startHarness(
  options: ActionstepEmulatorOptions = {},
  orgs: { name: string; orgkey: string; seedLawFirm?: boolean }[] = [
    { name: 'Harbour Law', orgkey: 'harbourlaw', seedLawFirm: true },
  ],
): Promise<Harness> {
  const emulator = await startActionstepEmulator({ ...options, organisations: orgs });
  const app = emulator.control.registerApp({ redirectUris: [REDIRECT_URI] });
  return { emulator, app };
}

/** Runs authorize (automatic consent) and returns the code from the redirect. */
export async function authorizeCode(
  h: Harness,
  extra: Record<string, string> = {},
): Promise<string> {
  const url = new URL(h.emulator.urls.authorize);
  const params = {
    response_type: 'code',
    client_id: h.app.clientId,
    redirect_uri: REDIRECT_URI,
    scope: 'all',
    state: 'xyz',
    ...extra,
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const answer = await fetch(url, { redirect: 'manual' });
  const location = new URL(answer.headers.get('location') ?? '');
  const code = location.searchParams.get('code');
  if (!code) throw new Error(`no code: ${location.toString()}`);
  return code;
}

export async function postToken(h: Harness, form: Record<string, string>): Promise<Response> {
  return fetch(h.emulator.urls.token, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: h.app.clientId,
      client_secret: h.app.clientSecret,
      ...form,
    }),
  });
}

/** The whole consent: authorize, then exchange the code. `orgkey` picks the user's organisation. */
export async function connect(h: Harness, orgkey?: string): Promise<TokenAnswer> {
  const code = await authorizeCode(h, orgkey ? { orgkey } : {});
  const answer = await postToken(h, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
  });
  if (answer.status !== 200) throw new Error(`token: ${answer.status} ${await answer.text()}`);
  return (await answer.json()) as TokenAnswer;
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

/** A call at `<api_endpoint>rest/<path>` with Actionstep's headers. */
export async function api(
  token: TokenAnswer,
  path: string,
  init: { method?: string; body?: unknown; endpoint?: string } = {},
): Promise<ApiAnswer> {
  const answer = await fetch(`${init.endpoint ?? token.api_endpoint}rest/${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token.access_token}`, accept: VND, 'content-type': VND },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: answer.status, headers: answer.headers, body: await bodyOf(answer) };
}

/** Follows a full URL (a nextPage link). */
export async function getUrl(token: TokenAnswer, url: string): Promise<ApiAnswer> {
  const answer = await fetch(url, {
    headers: { authorization: `Bearer ${token.access_token}`, accept: VND },
  });
  return { status: answer.status, headers: answer.headers, body: await bodyOf(answer) };
}

async function bodyOf(answer: Response): Promise<Record<string, unknown> | undefined> {
  const text = await answer.text();
  return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
}

/** The resource's records in an answer, as a list whether the API sent an array or one object. */
export function recordsOf(answer: ApiAnswer, resource: string): Record<string, unknown>[] {
  const data = answer.body?.[resource];
  if (data === undefined) return [];
  return Array.isArray(data)
    ? (data as Record<string, unknown>[])
    : [data as Record<string, unknown>];
}

export function paging(answer: ApiAnswer, resource: string): Record<string, unknown> {
  const meta = answer.body?.meta as { paging: Record<string, Record<string, unknown>> };
  return meta.paging[resource] ?? {};
}
