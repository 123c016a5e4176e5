/**
 * The authentication middleware: finds who is asking — a session cookie (browsers) or
 * `Authorization: Bearer KEY` (API clients) — and sets `principal` (principal.ts). Outside the
 * public paths (public-paths.ts) a request without one is answered 401, or, for a page a browser
 * asks for, redirected to the sign-in page. It also enforces three rules every route gets for free:
 * - CSRF: a state-changing request authenticated by cookie must carry the session's CSRF token
 *   (`X-CSRF-Token` header or `_csrf` form field); a bearer key cannot be sent by another site.
 * - A viewer only reads: any state-changing request from a role without a write permission is 403.
 * - A key bound to a source may only push to that source.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { allows, type AuthEnv, type Principal } from './principal.js';
import { principalOfKey } from '../auth/api-keys.js';
import { sameSecret } from '../auth/secret-token.js';
import { principalOfSession } from '../auth/sessions.js';
import type { Database } from '../store/database.js';
import { errorJson } from './error-response.js';
import { isPublicPath } from './public-paths.js';

export const SESSION_COOKIE = 'lb_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Sign-in and setup do not use the session, so they need no session-bound token. */
const NO_CSRF = new Set(['/login', '/setup']);

interface Found {
  readonly principal: Principal;
  /** Set when the cookie authenticated the request. */
  readonly csrfToken?: string;
}

export function authenticate(db: Database): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const found = await identify(c, db);
    if (found) c.set('principal', found.principal);
    if (found?.csrfToken) c.set('csrfToken', found.csrfToken);
    const unsafe = !SAFE_METHODS.has(c.req.method);
    if (found?.csrfToken && unsafe && !NO_CSRF.has(c.req.path))
      if (!(await csrfMatches(c, found.csrfToken)))
        return errorJson(c, 'LB_AUTH_CSRF', 'This form or request carries no valid CSRF token.');
    if (isPublicPath(c.req.path)) return next();
    if (!found) return unauthenticated(c);
    const refusal = refuse(found.principal, c.req.path, unsafe);
    if (refusal) return errorJson(c, 'LB_AUTH_FORBIDDEN', refusal);
    return next();
  };
}

function refuse(principal: Principal, path: string, unsafe: boolean): string | undefined {
  if (principal.sourceId && path !== pushPath(principal.sourceId))
    return `This API key may only push documents to ${pushPath(principal.sourceId)}.`;
  const writes = (['operate', 'map', 'reconcile', 'admin'] as const).some((p) =>
    allows(principal.role, p),
  );
  if (unsafe && !writes) return `Your role (${principal.role}) can only read.`;
  return undefined;
}

export const pushPath = (source: string): string =>
  `/api/sources/${encodeURIComponent(source)}/documents`;

async function identify(c: Context, db: Database): Promise<Found | undefined> {
  const authorization = c.req.header('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const principal = match ? await principalOfKey(db, match[1]!) : undefined;
    return principal && { principal };
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  if (!cookie) return undefined;
  const session = await principalOfSession(db, cookie);
  return session && { principal: session.principal, csrfToken: session.csrfToken };
}

async function csrfMatches(c: Context, expected: string): Promise<boolean> {
  const header = c.req.header('x-csrf-token');
  if (header) return sameSecret(header, expected);
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/.test(type)) return false;
  const field = (await c.req.parseBody())['_csrf'];
  return typeof field === 'string' && sameSecret(field, expected);
}

function unauthenticated(c: Context): Response {
  const wantsPage = c.req.method === 'GET' && (c.req.header('accept') ?? '').includes('text/html');
  if (wantsPage) return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 302);
  return errorJson(c, 'LB_AUTH_REQUIRED', 'Sign in first, or send an API key.');
}
